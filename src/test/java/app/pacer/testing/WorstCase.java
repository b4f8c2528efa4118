package app.pacer.testing;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.function.Function;

/**
 * Text shaped to make a backtracking matcher retry (long runs, many openers without a closer) must still be handled in
 * a few hundred milliseconds: one article or one message must not hold a worker for seconds, or hours.
 */
public final class WorstCase {

    /** What an article may hold; more than typed command text may (that is capped at 4,000). */
    public static final int LENGTH = 20_000;
    /** Generous for linear work on a loaded two-core machine; the quadratic and cubic shapes took seconds to hours. */
    public static final Duration BUDGET = Duration.ofMillis(500);

    private WorstCase() {
    }

    /** {@code unit} repeated to about {@link #LENGTH} characters, then {@code tail}. */
    public static String repeat(String unit, String tail) {
        return unit.repeat(LENGTH / unit.length()) + tail;
    }

    /** Runs {@code f} once on a short version of the input (class loading, JIT), then on the whole within budget. */
    public static <T> void finishesQuickly(String head, String unit, String tail, Function<String, T> f) {
        f.apply(head + unit.repeat(20) + tail);
        String input = head + repeat(unit, tail);
        assertTimeoutPreemptively(BUDGET, () -> f.apply(input), () -> "too slow on " + describe(head, unit, tail));
    }

    static String describe(String head, String unit, String tail) {
        return "\"" + escape(head) + "\" + \"" + escape(unit) + "\"×" + LENGTH / unit.length() + " + \"" + escape(tail) + "\"";
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return b.toString();
    }
}
