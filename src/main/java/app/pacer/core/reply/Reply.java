package app.pacer.core.reply;

import java.util.List;
import java.util.Map;

/** What a command answers, before any platform renders it. */
public sealed interface Reply permits Reply.Message, Reply.OpenForm, Reply.FormErrors, Reply.File {

    /**
     * What to do with each kind of reply. Whoever sends replies implements every method, so a new kind of reply
     * cannot be forgotten by a platform: the compiler asks for it (Java 17 has no exhaustive switch over types).
     */
    interface Cases {
        void message(Message message);

        void openForm(OpenForm open);

        void formErrors(FormErrors errors);

        void file(File file);
    }

    /** Calls the method of {@code cases} for this kind of reply; a kind without one is a failure, never dropped. */
    default void match(Cases cases) {
        if (this instanceof Message message) {
            cases.message(message);
        } else if (this instanceof OpenForm open) {
            cases.openForm(open);
        } else if (this instanceof FormErrors errors) {
            cases.formErrors(errors);
        } else if (this instanceof File file) {
            cases.file(file);
        } else {
            throw new IllegalStateException("unhandled reply " + getClass().getName());
        }
    }

    /** A message: blocks in order, with a plain-text summary for notifications and screen readers. */
    record Message(String summary, List<Block> blocks, Visibility visibility) implements Reply {
        public Message {
            blocks = List.copyOf(blocks);
        }
    }

    /** Opens a form: a Slack modal, or a Teams card with inputs. */
    record OpenForm(Form form) implements Reply {
    }

    /** A submitted form had invalid values: shown on the form itself, per input. */
    record FormErrors(Form form, Map<String, String> errors) implements Reply {
        public FormErrors {
            errors = Map.copyOf(errors);
        }
    }

    /**
     * A file for the person who asked (an export): Slack uploads it into their DM; Teams offers a one-time
     * download link. {@code message} goes with it.
     */
    record File(String filename, String contentType, byte[] content, Message message, String downloadUrl) implements Reply {
    }

    enum Visibility {
        /** Only the person who asked sees it (Slack ephemeral; in Teams a reply in the same conversation). */
        PRIVATE,
        /** Everyone in the conversation sees it. */
        CHANNEL
    }

    static Message message(String summary, List<Block> blocks) {
        return new Message(summary, blocks, Visibility.PRIVATE);
    }

    static Message text(String markdown) {
        return new Message(Markdown.plain(markdown), List.of(new Block.Text(markdown)), Visibility.PRIVATE);
    }
}
