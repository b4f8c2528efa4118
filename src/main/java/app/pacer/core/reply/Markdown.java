package app.pacer.core.reply;

import java.util.regex.Pattern;

/** Helpers for Pacer's small Markdown subset. */
public final class Markdown {

    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern ITALIC = Pattern.compile("(?<![\\w])_(.+?)_(?![\\w])");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    /** Only web and mail links: anything else in link syntax stays text (no Slack specials like {@code <!here>}). */
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\(((?:https?://|mailto:)[^)\\s|]+)\\)");

    private Markdown() {
    }

    /** The text without markup, for notifications and fallbacks. */
    public static String plain(String markdown) {
        if (markdown == null) {
            return "";
        }
        String s = LINK.matcher(markdown).replaceAll("$1 ($2)");
        s = BOLD.matcher(s).replaceAll("$1");
        s = ITALIC.matcher(s).replaceAll("$1");
        return CODE.matcher(s).replaceAll("$1");
    }

    /** Translates to Slack mrkdwn, escaping what Slack treats as control characters. */
    public static String toSlack(String markdown) {
        String s = markdown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        s = LINK.matcher(s).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                "<" + m.group(2) + "|" + m.group(1) + ">"));
        return BOLD.matcher(s).replaceAll("*$1*");
    }
}
