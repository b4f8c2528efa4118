package app.pacer.kb;

import app.pacer.core.reply.ScannersMatchOldPatternsTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Headings, rules, list items and images, scanned since issue 27, read as the regexes read them (kept as reference). */
class KbViewScannersTest {

    static final String[] LINE = {" ", "\t", "\u000B", "#", "#", "-", "*", "+", "_", "a", "b", "\u2028", "\u0085", "[", "]",
        "(", ")", "!", "![", "x"};

    @Test
    void headings() {
        Pattern heading = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
        ScannersMatchOldPatternsTest.sameAs(LINE, s -> {
            Matcher m = heading.matcher(s);
            return m.matches() ? "<" + m.group(1) + ">" : "-";
        }, s -> {
            String text = KbView.headingText(s);
            return text != null ? "<" + text + ">" : "-";
        });
    }

    @Test
    void rules() {
        Pattern rule = Pattern.compile("^\\s*([-*_])(\\s*\\1){2,}\\s*$");
        ScannersMatchOldPatternsTest.sameAs(LINE, s -> String.valueOf(rule.matcher(s).matches()), s -> String.valueOf(KbView.isRule(s)));
    }

    @Test
    void listItems() {
        Pattern bullet = Pattern.compile("^(\\s*)[-*+]\\s+(.*)$");
        ScannersMatchOldPatternsTest.sameAs(LINE, s -> {
            Matcher m = bullet.matcher(s);
            return m.matches() ? "<" + m.group(2) + ">" : "-";
        }, s -> {
            int text = KbView.listItemText(s);
            return text >= 0 ? "<" + s.substring(text) + ">" : "-";
        });
    }

    @Test
    void images() {
        Pattern image = Pattern.compile("!\\[([^\\]]*)\\]\\(([^)\\s]+)\\)");
        ScannersMatchOldPatternsTest.sameAs(LINE, s -> image.matcher(s).replaceAll(r -> Matcher.quoteReplacement(
                "[" + (r.group(1).isEmpty() ? r.group(2) : r.group(1)) + "](" + r.group(2) + ")")), KbView::imagesAsLinks);
    }
}
