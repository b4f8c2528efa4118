package app.pacer.core.command;

/**
 * How one argument is read from its text. Implementations throw {@link ArgError} with a message key for
 * input they refuse, and never anything else.
 */
public interface ArgType<T> {

    T parse(String text, ParseContext context);

    /** Message key of the placeholder shown in usage lines, e.g. {@code arg.amount} → {@code <amount>}. */
    String placeholderKey();

    /** Whether this argument swallows the rest of the line (free text). */
    default boolean greedy() {
        return false;
    }
}
