package app.pacer.core.command;

import app.pacer.core.reply.NextIndex;

/**
 * Finds mentions in typed text left to right, in one pass: {@code <@U1>} and {@code <@U1|name>} (Slack), and where
 * asked {@code <at>Name</at>} (Teams). As regexes ({@code <@[A-Z0-9]+(\\|[^>]*)?>}, {@code (?i)<at>.*?</at>}) they read
 * the rest of the text again for each of thousands of openers without a closer.
 */
public final class Mentions {

    private final String s;
    private final boolean lowerCaseIds;
    private final boolean teams;
    private final NextIndex gt;
    private final NextIndex closeAt;
    private final NextIndex lineEnd;

    private Mentions(String s, boolean lowerCaseIds, boolean teams) {
        this.s = s;
        this.lowerCaseIds = lowerCaseIds;
        this.teams = teams;
        this.gt = new NextIndex(s.length(), k -> s.charAt(k) == '>');
        this.closeAt = new NextIndex(s.length(), k -> s.regionMatches(true, k, "</at>", 0, 5));
        this.lineEnd = new NextIndex(s.length(), k -> NextIndex.isLineTerminator(s.charAt(k)));
    }

    /** Slack's own mentions, as Slack writes them: {@code <@[A-Z0-9]+(\\|[^>]*)?>}. */
    public static Mentions slack(String text) {
        return new Mentions(text, false, false);
    }

    /** Either platform's: {@code <@[A-Za-z0-9]+(?:\\|[^>]*)?>|(?i)<at>.*?</at>}. */
    public static Mentions slackOrTeams(String text) {
        return new Mentions(text, true, true);
    }

    /** {start, end} of the first mention at or after {@code from}, or null; ask with growing {@code from}. */
    public int[] find(int from) {
        for (int i = s.indexOf('<', from); i >= 0; i = s.indexOf('<', i + 1)) {
            if (s.startsWith("<@", i)) {
                int k = i + 2;
                while (k < s.length() && isIdChar(s.charAt(k))) {
                    k++;
                }
                int end = k == i + 2 || k == s.length() ? -1 : s.charAt(k) == '>' ? k : s.charAt(k) == '|' ? gt.from(k + 1) : -1;
                if (end >= 0) {
                    return new int[] {i, end + 1};
                }
            } else if (teams && s.regionMatches(true, i, "<at>", 0, 4)) {
                // lazy: up to the first </at>, on the same line
                int close = closeAt.from(i + 4);
                int stop = lineEnd.from(i + 4);
                if (close >= 0 && (stop < 0 || close < stop)) {
                    return new int[] {i, close + 5};
                }
            }
        }
        return null;
    }

    private boolean isIdChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (lowerCaseIds && c >= 'a' && c <= 'z');
    }
}
