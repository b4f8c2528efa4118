package app.pacer.core.reply;

import java.util.function.BinaryOperator;
import java.util.regex.Pattern;

/**
 * Helpers for Pacer's small Markdown subset. Links and italics are found by scanning, not by regex: a regex retried at
 * each of thousands of {@code [} or {@code _} without a closer read the rest of the text each time (issue 27).
 */
public final class Markdown {

    /** Linear: a lazy group ends at the next {@code **} on its line, and only the last opener of a line can fail. */
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    /** Linear: {@code [^`]+} stops at the next backtick, which closes it. */
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private Markdown() {
    }

    /** The text without markup, for notifications and fallbacks. */
    public static String plain(String markdown) {
        if (markdown == null) {
            return "";
        }
        String s = links(markdown, (text, url) -> text + " (" + url + ")");
        s = BOLD.matcher(s).replaceAll("$1");
        s = withoutItalics(s);
        return CODE.matcher(s).replaceAll("$1");
    }

    /** Translates to Slack mrkdwn, escaping what Slack treats as control characters. */
    public static String toSlack(String markdown) {
        String s = markdown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        s = links(s, (text, url) -> "<" + url + "|" + text + ">");
        return BOLD.matcher(s).replaceAll("*$1*");
    }

    /**
     * Replaces {@code [text](url)}, only web and mail links: anything else in link syntax stays text (no Slack specials
     * like {@code <!here>}). What {@code \[([^\]]+)\]\(((?:https?://|mailto:)[^)\s|]+)\)} replaced, in one pass.
     */
    static String links(String s, BinaryOperator<String> replacement) {
        int n = s.length();
        NextIndex close = new NextIndex(n, k -> s.charAt(k) == ']');
        NextIndex urlEnd = new NextIndex(n, k -> s.charAt(k) == ')' || s.charAt(k) == '|' || NextIndex.isSpace(s.charAt(k)));
        StringBuilder out = new StringBuilder();
        int copied = 0;
        int i = s.indexOf('[');
        while (i >= 0) {
            int j = close.from(i + 1);
            if (j < 0) {
                break;
            }
            int url = j + 2;
            int scheme = s.startsWith("https://", url) ? 8 : s.startsWith("http://", url) || s.startsWith("mailto:", url) ? 7 : -1;
            int end = j > i + 1 && j + 1 < n && s.charAt(j + 1) == '(' && scheme > 0 ? urlEnd.from(url + scheme) : -1;
            if (end > url + scheme && s.charAt(end) == ')') {
                out.append(s, copied, i).append(replacement.apply(s.substring(i + 1, j), s.substring(url, end)));
                copied = end + 1;
                i = s.indexOf('[', copied);
            } else {
                // every opener before j shares this closer, and so fails the same way
                i = s.indexOf('[', j + 1);
            }
        }
        return copied == 0 ? s : out.append(s, copied, n).toString();
    }

    /**
     * {@code _italic_} as plain text: what {@code (?<![\w])_(.+?)_(?![\w])} replaced with its group, in one pass. An
     * opener with no closer on its line means none after it on that line has one either.
     */
    static String withoutItalics(String s) {
        int n = s.length();
        NextIndex closer = new NextIndex(n, k -> s.charAt(k) == '_' && (k + 1 == n || !NextIndex.isWord(s.charAt(k + 1))));
        NextIndex lineEnd = new NextIndex(n, k -> NextIndex.isLineTerminator(s.charAt(k)));
        StringBuilder out = new StringBuilder();
        int copied = 0;
        int i = s.indexOf('_');
        while (i >= 0) {
            if (i > 0 && NextIndex.isWord(s.charAt(i - 1))) {
                i = s.indexOf('_', i + 1);
                continue;
            }
            int k = closer.from(i + 2);
            int stop = lineEnd.from(i + 1);
            if (k >= 0 && (stop < 0 || k < stop)) {
                out.append(s, copied, i).append(s, i + 1, k);
                copied = k + 1;
                i = s.indexOf('_', copied);
            } else {
                i = stop < 0 ? -1 : s.indexOf('_', stop + 1);
            }
        }
        return copied == 0 ? s : out.append(s, copied, n).toString();
    }
}
