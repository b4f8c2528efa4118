package app.pacer.core.reply;

import java.util.function.BinaryOperator;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * Helpers for Pacer's small Markdown subset. Links and italics are found by scanning, not by regex: a regex retried at
 * each of thousands of {@code [} or {@code _} without a closer read the rest of the text each time (issue 27).
 *
 * <p>Text someone typed (a name, a comment, an answer) goes into Markdown only through {@link #literal}: a backslash
 * before each character that could mean something marks it as plain text. The renderers turn such a character into
 * what their platform shows literally ({@link #toSlack}, {@link #plain}, {@link #rendered}), so only links Pacer
 * builds are ever links (issue 27).
 */
public final class Markdown {

    /** Marks the next character as plain text, in {@link #literal}'s output. */
    public static final char ESCAPE = '\\';
    /** Invisible; next to a character, it stops Slack (and CommonMark) reading it as markup. */
    public static final char ZERO_WIDTH_SPACE = '\u200B';
    /** Always markup somewhere: Pacer's subset, Slack mrkdwn or CommonMark (strike, code, links). */
    private static final String SPECIAL = "\\*`~[]";
    /**
     * Markup only at the start of a line: headings, quotes, lists, setext underlines. (Leading spaces are left alone:
     * typed text is rarely indented, and an escaped space would split words where Pacer glues pieces together.)
     */
    private static final String LINE_START = "#>-+=";
    /**
     * An escaped character travels through the scanners as a private-use character (never markup), then becomes the
     * platform's literal form. Private-use characters typed by people are replaced by {@code U+FFFD} in {@link #literal}.
     */
    private static final char HELD = '\uE000';
    private static final char HELD_LAST = '\uE07F';

    /** Linear: a lazy group ends at the next {@code **} on its line, and only the last opener of a line can fail. */
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    /** Linear: {@code [^`]+} stops at the next backtick, which closes it. */
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private Markdown() {
    }

    /**
     * {@code text} as Markdown that every renderer shows exactly as typed: no link, bold, italics, code, strike,
     * heading, quote or list. Use it on every piece of text a person typed (names, comments, answers, notes) before
     * it is put into Markdown; text Pacer itself writes needs none.
     */
    public static String literal(String text) {
        if (text == null) {
            return "";
        }
        int n = text.length();
        StringBuilder out = new StringBuilder(n + 8);
        boolean lineStart = true;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= HELD && c <= HELD_LAST) {
                c = '\uFFFD';
            }
            boolean escape = SPECIAL.indexOf(c) >= 0
                    // between ASCII letters or digits an underscore is never italics (here, in Slack or in CommonMark):
                    // keep snake_case as it is
                    || c == '_' && !(i > 0 && i + 1 < n && asciiAlphanumeric(text.charAt(i - 1))
                            && asciiAlphanumeric(text.charAt(i + 1)))
                    || lineStart && (LINE_START.indexOf(c) >= 0 || c >= '0' && c <= '9' && orderedListMarker(text, i));
            if (escape) {
                out.append(ESCAPE);
            }
            out.append(c);
            // up to a few spaces before a list marker still make a list
            lineStart = c == '\n' || c == '\r' || lineStart && (c == ' ' || c == '\t');
        }
        return out.toString();
    }

    /** Literal text in bold: {@code **text**}, whatever it holds. */
    public static String bold(String text) {
        return "**" + literal(text) + "**";
    }

    private static boolean asciiAlphanumeric(char c) {
        return NextIndex.isWord(c) && c != '_';
    }

    /** {@code 12.} or {@code 3)} at {@code i}: an ordered list item in CommonMark and in Adaptive Cards. */
    private static boolean orderedListMarker(String s, int i) {
        int j = i;
        while (j < s.length() && j - i < 10 && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
            j++;
        }
        return j < s.length() && (s.charAt(j) == '.' || s.charAt(j) == ')');
    }

    /** The text without markup, for notifications and fallbacks. */
    public static String plain(String markdown) {
        if (markdown == null) {
            return "";
        }
        String s = links(hold(markdown), (text, url) -> text + " (" + url + ")");
        s = BOLD.matcher(s).replaceAll("$1");
        s = withoutItalics(s);
        s = CODE.matcher(s).replaceAll("$1");
        return release(s, c -> String.valueOf((char) c));
    }

    /** Translates to Slack mrkdwn, escaping what Slack treats as control characters. */
    public static String toSlack(String markdown) {
        String s = hold(markdown).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        s = links(s, (text, url) -> "<" + url + "|" + text + ">");
        s = BOLD.matcher(s).replaceAll("*$1*");
        return release(s, Markdown::slackLiteral);
    }

    /**
     * Slack has no escape character. Its formatting marks count only at the edge of a word, so a zero-width space on
     * each side makes one plain; {@code <}, {@code >} and {@code &} are entities already (no Slack link, mention or
     * {@code <!channel>} can be typed).
     */
    private static String slackLiteral(int c) {
        return switch (c) {
            case '*', '_', '~', '`' -> ZERO_WIDTH_SPACE + String.valueOf((char) c) + ZERO_WIDTH_SPACE;
            case '>' -> ZERO_WIDTH_SPACE + "&gt;"; // a quote only at the start of a line
            default -> String.valueOf((char) c);
        };
    }

    /**
     * Translates Pacer's subset for a platform that reads CommonMark-like Markdown itself (Adaptive Cards): Pacer's
     * markup is left for it to read, and each escaped character is handed to {@code literal}, which says how that
     * platform shows it as plain text.
     */
    public static String rendered(String markdown, java.util.function.UnaryOperator<String> markup, IntFunction<String> literal) {
        return release(markup.apply(hold(markdown)), literal);
    }

    /** Each escaped character as a held one; a backslash before anything else stays a backslash. */
    static String hold(String markdown) {
        int i = markdown.indexOf(ESCAPE);
        if (i < 0) {
            return markdown;
        }
        int n = markdown.length();
        StringBuilder out = new StringBuilder(n).append(markdown, 0, i);
        for (; i < n; i++) {
            char c = markdown.charAt(i);
            if (c == ESCAPE && i + 1 < n && escapable(markdown.charAt(i + 1))) {
                out.append((char) (HELD + markdown.charAt(++i)));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** What {@link #literal} may escape; any other backslash is just a backslash. */
    private static boolean escapable(char c) {
        return SPECIAL.indexOf(c) >= 0 || c == '_' || LINE_START.indexOf(c) >= 0 || c >= '0' && c <= '9';
    }

    /** Held characters in their platform's literal form. */
    static String release(String s, IntFunction<String> literal) {
        StringBuilder out = null;
        int copied = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= HELD && c <= HELD_LAST) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 16);
                }
                out.append(s, copied, i).append(literal.apply(c - HELD));
                copied = i + 1;
            }
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
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
