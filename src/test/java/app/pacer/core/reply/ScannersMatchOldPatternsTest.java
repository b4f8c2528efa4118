package app.pacer.core.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.pacer.core.command.Mentions;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The scanners that replaced backtracking regexes (issue 27) give what the regexes gave, on seeded random text made of
 * the characters that matter to them: the regexes are kept here as the reference.
 */
public class ScannersMatchOldPatternsTest {

    static final long SEED = Long.getLong("pacer.seed", System.nanoTime());
    static final int CASES = 20_000;

    /** Random text of up to 24 characters from {@code alphabet}, the last one a list of strings taken whole. */
    public static String random(Random random, String[] alphabet) {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(25);
        for (int i = 0; i < n; i++) {
            b.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return b.toString();
    }

    static final String[] MARKUP = {"[", "]", "(", ")", "_", "*", "`", "!", " ", "\t", "\n", "\u2028", "a", "B", "1", "|",
        "http://", "https://", "mailto:", "x.y", "é", "\uD83D\uDE00", "#", "-", "+", ">", "<", "@", "U", "at>", "</at>", "<AT>"};

    /** Runs {@code scanner} and {@code reference} on {@link #CASES} random texts; a failure names the seed. */
    public static void sameAs(String[] alphabet, UnaryOperator<String> reference, UnaryOperator<String> scanner) {
        Random random = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            String text = random(random, alphabet);
            assertEquals(reference.apply(text), scanner.apply(text), () -> "seed " + SEED + ", text \"" + text + "\"");
        }
    }

    static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\(((?:https?://|mailto:)[^)\\s|]+)\\)");
    static final Pattern ITALIC = Pattern.compile("(?<![\\w])_(.+?)_(?![\\w])");

    @Test
    void links() {
        sameAs(MARKUP, s -> LINK.matcher(s).replaceAll("$1 ($2)"), s -> Markdown.links(s, (t, u) -> t + " (" + u + ")"));
        sameAs(MARKUP, s -> LINK.matcher(s).replaceAll(m -> Matcher.quoteReplacement("<" + m.group(2) + "|" + m.group(1) + ">")),
                s -> Markdown.links(s, (t, u) -> "<" + u + "|" + t + ">"));
    }

    @Test
    void italics() {
        sameAs(MARKUP, s -> ITALIC.matcher(s).replaceAll("$1"), Markdown::withoutItalics);
    }

    @Test
    void mentions() {
        Pattern slack = Pattern.compile("<@[A-Z0-9]+(\\|[^>]*)?>");
        Pattern either = Pattern.compile("<@[A-Za-z0-9]+(?:\\|[^>]*)?>|(?i)<at>.*?</at>");
        sameAs(MARKUP, s -> slack.matcher(s).replaceFirst("#"), s -> {
            int[] m = Mentions.slack(s).find(0);
            return m == null ? s : s.substring(0, m[0]) + "#" + s.substring(m[1]);
        });
        sameAs(MARKUP, s -> either.matcher(s).replaceAll(r -> "{" + Matcher.quoteReplacement(r.group()) + "}"), s -> {
            Mentions mentions = Mentions.slackOrTeams(s);
            StringBuilder out = new StringBuilder();
            int at = 0;
            for (int[] m = mentions.find(0); m != null; m = mentions.find(at)) {
                out.append(s, at, m[0]).append('{').append(s, m[0], m[1]).append('}');
                at = m[1];
            }
            return out.append(s.substring(at)).toString();
        });
    }
}
