package app.pacer.core.command;

/**
 * Bad input from a person: carries a message key and its arguments, so the reply can be written in the
 * reader's language. Never reaches HTTP as an error.
 */
public class ArgError extends RuntimeException {

    private final String key;
    private final transient Object[] args;
    private String field;

    public ArgError(String key, Object... args) {
        super(key, null, false, false);
        this.key = key;
        this.args = args;
    }

    public String key() {
        return key;
    }

    /** Marks which form input the error is about, so a submitted form shows it there. */
    public ArgError on(String inputName) {
        this.field = inputName;
        return this;
    }

    public String field() {
        return field;
    }

    public Object[] args() {
        return args;
    }

    /** An argument that is itself a message key, translated when the error is shown. */
    public record Key(String key) {
    }

    /** The error in the reader's language. */
    public String message(app.pacer.core.reply.Messages messages) {
        Object[] shown = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            shown[i] = args[i] instanceof Key k ? messages.get(k.key()) : args[i];
        }
        return messages.get(key, shown);
    }
}
