package app.pacer.core.reply;

import java.util.List;
import java.util.Map;

/** What a command answers, before any platform renders it. */
public sealed interface Reply permits Reply.Message, Reply.OpenForm, Reply.FormErrors, Reply.File {

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
