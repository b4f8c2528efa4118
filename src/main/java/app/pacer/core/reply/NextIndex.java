package app.pacer.core.reply;

import java.util.function.IntPredicate;

/**
 * The next position at or after a point where a test holds, for a scan that only moves forward: asked again from a
 * point not past its last answer, it answers at once. A whole scan so reads the text once, where a regex retried at
 * every opener (a {@code [} without {@code ]}) reads the rest of the text again each time.
 */
public final class NextIndex {

    private final int length;
    private final IntPredicate at;
    private int from = -1;
    private int found = -1;

    /** {@code at} tests a position from 0 to {@code length - 1}. */
    public NextIndex(int length, IntPredicate at) {
        this.length = length;
        this.at = at;
    }

    /** The first position at or after {@code p} where the test holds, or -1. */
    public int from(int p) {
        if (from >= 0 && p >= from && (found < 0 || found >= p)) {
            return found;
        }
        int i = Math.max(p, 0);
        while (i < length && !at.test(i)) {
            i++;
        }
        from = p;
        found = i < length ? i : -1;
        return found;
    }

    /** What {@code \s} matches in a Java regex. */
    public static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** What {@code .} does not match in a Java regex. */
    public static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** What {@code \w} matches in a Java regex. */
    public static boolean isWord(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
}
