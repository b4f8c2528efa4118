package app.pacer.core.command;

/**
 * One argument of a command. Positional arguments are matched in order; {@code named} ones only as
 * {@code name=value}. Any argument may also be given as {@code name=value}.
 *
 * @param placeholderKey message key of the placeholder in usage lines; null uses the type's
 */
public record ArgSpec(String name, ArgType<?> type, boolean required, boolean named, String placeholderKey) {

    public static ArgSpec required(String name, ArgType<?> type) {
        return new ArgSpec(name, type, true, false, null);
    }

    public static ArgSpec optional(String name, ArgType<?> type) {
        return new ArgSpec(name, type, false, false, null);
    }

    public static ArgSpec option(String name, ArgType<?> type) {
        return new ArgSpec(name, type, false, true, null);
    }

    public ArgSpec placeholder(String key) {
        return new ArgSpec(name, type, required, named, key);
    }

    public String placeholder() {
        return placeholderKey != null ? placeholderKey : type.placeholderKey();
    }
}
