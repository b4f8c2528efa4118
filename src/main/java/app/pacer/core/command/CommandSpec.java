package app.pacer.core.command;

import app.pacer.core.org.Role;
import app.pacer.core.reply.Form;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A command, declared once: help, argument errors, forms and the platform manifests are all derived from it.
 *
 * @param id      dotted path of English names, e.g. {@code settings.language}; the last segment is typed
 * @param names   the typed names of the last segment: English first, then aliases (Chinese included)
 * @param form    when set, the command typed without arguments opens this form; submitting it runs the command
 *                with the inputs as arguments
 */
public record CommandSpec(String id, List<String> names, List<ArgSpec> args, Role role, CommandHandler handler,
        Function<Invocation, Form> form, boolean hidden) {

    public CommandSpec {
        names = List.copyOf(names);
        args = List.copyOf(args);
        Objects.requireNonNull(handler, id);
    }

    public String name() {
        return names.get(0);
    }

    public String parentId() {
        int dot = id.lastIndexOf('.');
        return dot < 0 ? null : id.substring(0, dot);
    }

    /** Message keys: {@code cmd.<id>.summary} (one line) and, optionally, {@code cmd.<id>.example}. */
    public String summaryKey() {
        return "cmd." + id + ".summary";
    }

    public String exampleKey() {
        return "cmd." + id + ".example";
    }

    public static Builder command(String id, String... names) {
        return new Builder(id, List.of(names));
    }

    public static final class Builder {
        private final String id;
        private final List<String> names;
        private final List<ArgSpec> args = new ArrayList<>();
        private Role role = Role.REP;
        private Function<Invocation, Form> form;
        private boolean hidden;

        private Builder(String id, List<String> names) {
            this.id = id;
            this.names = names;
        }

        public Builder arg(ArgSpec arg) {
            args.add(arg);
            return this;
        }

        public Builder role(Role required) {
            this.role = required;
            return this;
        }

        public Builder form(Function<Invocation, Form> formFactory) {
            this.form = formFactory;
            return this;
        }

        /** Not listed in help or the manifests: the target of a form or a button, not something people type. */
        public Builder hidden() {
            this.hidden = true;
            return this;
        }

        public CommandSpec handler(CommandHandler handler) {
            return new CommandSpec(id, names, args, role, handler, form, hidden);
        }
    }
}
