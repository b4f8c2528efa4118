package app.pacer.core.command;

/**
 * One unit of a typed command: a word, a quoted string, a {@code key=value} option or a mention.
 * {@code raw} is the text as typed (quotes removed), {@code key} is set for options.
 */
public record Token(String text, String key, boolean quoted) {

    public static Token word(String text) {
        return new Token(text, null, false);
    }

    public boolean isOption() {
        return key != null;
    }

    public boolean isMention() {
        return !quoted && (text.startsWith("<@") || text.regionMatches(true, 0, "<at>", 0, 4));
    }
}
