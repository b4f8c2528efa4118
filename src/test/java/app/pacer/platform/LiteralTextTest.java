package app.pacer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.core.reply.Block;
import app.pacer.core.reply.Language;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.platform.slack.BlockKitRenderer;
import app.pacer.platform.teams.AdaptiveCardRenderer;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link Markdown#literal}: what a person typed is what the reader sees, on Slack, on Teams and in plain text, and
 * none of it is markup — no link, bold, italics, code, strike, quote, heading or list (issue 27).
 */
class LiteralTextTest {

    private static final Messages EN = Messages.of(Language.EN);
    private static final char ZWSP = Markdown.ZERO_WIDTH_SPACE;
    /** Markup of every dialect involved, letters, digits, spaces and line breaks. */
    private static final String ALPHABET = "*_~`[]()<>|&!#-+=.:/\\\\ \n\tab1Z9中é";
    private static final Pattern TEAMS_LINE_MARKER = Pattern.compile("(?m)^[ \\t]*(?:[#>+=\\-*]|\\d{1,9}[.)])");

    static String slack(String markdown) {
        return BlockKitRenderer.messages(Reply.message("s", List.of(new Block.Text(markdown))), EN).get(0)
                .path("blocks").get(0).path("text").path("text").asText();
    }

    static String teams(String markdown) {
        return AdaptiveCardRenderer.cards(Reply.message("s", List.of(new Block.Text(markdown))), EN).get(0)
                .path("body").get(0).path("text").asText();
    }

    /** What a Slack reader sees: entities decoded, zero-width spaces invisible. */
    static String readSlack(String mrkdwn) {
        return mrkdwn.replace(String.valueOf(ZWSP), "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** What a CommonMark reader sees of text without markup: backslash escapes of punctuation, zero-width spaces invisible. */
    static String readTeams(String markdown) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < markdown.length(); i++) {
            char c = markdown.charAt(i);
            if (c == '\\' && i + 1 < markdown.length() && isAsciiPunctuation(markdown.charAt(i + 1))) {
                out.append(markdown.charAt(++i));
            } else if (c != ZWSP) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isAsciiPunctuation(char c) {
        return c < 128 && "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0;
    }

    @Test
    void ordinaryTextIsUnchanged() {
        for (String s : List.of("Acme Ltd", "Display U123", "华信科技", "john_doe", "O'Brien & Sons", "3 calls, 2 deals", "Q4: 12%")) {
            assertEquals(s, Markdown.literal(s));
        }
        assertEquals("**Acme** (Acme Ltd)", Markdown.bold("Acme") + " (" + Markdown.literal("Acme Ltd") + ")");
    }

    @Test
    void theIssuesExamplesAreShownAsTyped() {
        String typed = "[sign in again](https://evil.example) <https://evil.example|sign in>";
        String markdown = "Note: " + Markdown.literal(typed) + " · [Open](https://pacer.example/a)";
        String slack = slack(markdown);
        assertFalse(slack.contains("<https://evil.example"), slack);
        assertTrue(slack.contains("<https://pacer.example/a|Open>"), "Pacer's own link stays a link: " + slack);
        assertEquals("Note: " + typed + " · <https://pacer.example/a|Open>", readSlack(slack).replace("<https://pacer.example/a|Open>",
                "<https://pacer.example/a|Open>"));
        String teams = teams(markdown);
        assertFalse(teams.contains("](https://evil.example)"), teams);
        assertTrue(teams.contains("[Open](https://pacer.example/a)"), teams);
        assertEquals("Note: " + typed + " · [Open](https://pacer.example/a)", readTeams(teams));
        assertEquals("Note: " + typed + " · Open (https://pacer.example/a)", Markdown.plain(markdown));
    }

    @Test
    void randomTextRoundTripsOnEveryRendererAndIsNeverMarkup() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int n = 0; n < 5000; n++) {
            StringBuilder typed = new StringBuilder();
            int length = 1 + random.nextInt(24);
            for (int i = 0; i < length; i++) {
                typed.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String s = typed.toString();
            String why = "seed " + seed + ", input " + s.replace("\n", "\\n");
            String literal = Markdown.literal(s);
            assertEquals(s, Markdown.plain(literal), why);

            String slack = slack(literal);
            // a block's text is trimmed (and never empty) by the renderers
            assertEquals(s.strip(), readSlack(slack).strip(), why);
            assertFalse(slack.contains("<"), "no Slack link or mention: " + why);
            for (int i = 0; i < slack.length(); i++) {
                if ("*_~`".indexOf(slack.charAt(i)) >= 0 && !inWord(slack, i)) {
                    assertTrue(i > 0 && slack.charAt(i - 1) == ZWSP && i + 1 < slack.length() && slack.charAt(i + 1) == ZWSP,
                            "Slack formatting neutralised at " + i + ": " + why);
                }
            }
            assertFalse(slack.matches("(?s)(^|.*\n)&gt;.*"), "no Slack quote: " + why);

            String teams = teams(literal);
            assertEquals(s.strip(), readTeams(teams).strip(), why);
            assertFalse(teams.contains("]("), "no link: " + why);
            assertFalse(TEAMS_LINE_MARKER.matcher(teams).find(), "no list, heading or quote: " + why);
            for (int i = 0; i < teams.length(); i++) {
                if ((teams.charAt(i) == '*' || teams.charAt(i) == '_') && !escaped(teams, i)) {
                    assertTrue(inWord(teams, i), "emphasis escaped at " + i + ": " + why + " → " + teams);
                }
            }
        }
    }

    /** An underscore between ASCII letters or digits is never emphasis (CommonMark, Slack, Pacer): left as it is. */
    private static boolean inWord(String s, int i) {
        return s.charAt(i) == '_' && i > 0 && i + 1 < s.length() && alphanumeric(s.charAt(i - 1)) && alphanumeric(s.charAt(i + 1));
    }

    private static boolean alphanumeric(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }

    private static boolean escaped(String s, int i) {
        int backslashes = 0;
        for (int k = i - 1; k >= 0 && s.charAt(k) == '\\'; k--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    @Test
    void headersAndProgressLabelsArePlainTextOnTeams() {
        String typed = "[x](https://evil.example) **y**";
        String card = AdaptiveCardRenderer.cards(Reply.message("s", List.of(new Block.Header(typed),
                new Block.Progress(typed, java.math.BigDecimal.ONE, java.math.BigDecimal.TEN, "1 of 10"))), EN).get(0).toString();
        assertFalse(card.contains("](https://evil.example)"), card);
        String slack = BlockKitRenderer.messages(Reply.message("s", List.of(new Block.Header(typed.repeat(20)),
                new Block.Progress(typed, java.math.BigDecimal.ONE, java.math.BigDecimal.TEN, "1 of 10"))), EN).get(0).toString();
        assertFalse(slack.contains("<https://evil.example"), slack);
    }
}
