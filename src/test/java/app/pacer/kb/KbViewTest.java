package app.pacer.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.core.reply.Block;
import app.pacer.core.reply.Language;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.core.search.SearchTokens;
import app.pacer.platform.slack.BlockKitRenderer;
import app.pacer.platform.teams.AdaptiveCardRenderer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stems, snippets, Markdown and long articles within both platforms' limits; front matter. */
class KbViewTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @ParameterizedTest
    @CsvSource({"objections,objection", "objection,objection", "pricing,pric", "price,pric", "prices,pric", "priced,pric",
            "targets,target", "following,follow", "followed,follow", "planning,plan", "policies,polici", "policy,polici",
            "status,status", "crm,crm", "2026,2026", "产品,产品", "emails,email", "process,process", "boxes,box"})
    void lightStemmerMeetsPluralsAndIngForms(String word, String stem) {
        assertEquals(stem, SearchTokens.stem(word));
    }

    @Test
    void stemsKeepOrderAndRepeatsAndSplitChineseIntoBigrams() {
        assertEquals(List.of("handl", "pric", "objection", "产品", "品定", "定价", "crm"),
                SearchTokens.stems("Handling price objections: 产品定价 CRM"));
        assertEquals(List.of("pric", "pric"), SearchTokens.stems("price, PRICES"));
    }

    @Test
    void queriesUsePrefixesForLatinWordsAndExactBigrams() {
        assertEquals(Set.of("pric", "objection"), KbSearch.tokens("pricing objections"));
        assertEquals("pric:*", KbSearch.operand("pric"));
        assertEquals("产品", KbSearch.operand("产品"));
        assertEquals("价:*", KbSearch.operand("价"));
        assertEquals("ab", KbSearch.operand("ab"));
        assertTrue(KbSearch.tokens("?!…").isEmpty());
    }

    @Test
    void snippetBoldsMatchesAroundTheFirstOne() {
        String body = "Intro text that is long enough to be cut away. ".repeat(6)
                + "When a buyer raises **price objections**, stay calm. Pricing talk comes later. 我们的产品定价很灵活。";
        String snippet = KbView.snippet(body, KbSearch.tokens("pricing objections 产品定价"));
        assertTrue(snippet.startsWith("…"), snippet);
        assertTrue(snippet.contains("**price objections**") || snippet.contains("**price** **objections**")
                || snippet.contains("**price objections**"), snippet);
        assertTrue(snippet.contains("**Pricing**"), snippet);
        assertTrue(snippet.contains("**产品定价**"), snippet);
        assertTrue(snippet.length() <= KbView.SNIPPET + 40, snippet.length() + ": " + snippet);
    }

    @Test
    void snippetEscapesMarkupOfTheText() {
        String snippet = KbView.snippet("Use a_b and `code` and 5 * 3 and ~strike~ price", KbSearch.tokens("price"));
        // the text's own markup is escaped (shown as typed, issue 27), only Pacer's bold is markup
        assertTrue(snippet.contains("5 \\* 3") && snippet.contains("\\~strike\\~") && snippet.contains("a_b"), snippet);
        assertEquals("Use a_b and code and 5 * 3 and ~strike~ price", app.pacer.core.reply.Markdown.plain(snippet));
        assertTrue(snippet.endsWith("**price**"), snippet);
    }

    @Test
    void commonMarkdownBecomesPacersDialect() {
        String converted = KbView.toPacer("""
                # Title
                Some *italic* and __bold__ text.
                - one
                * two
                > quoted
                ```
                code line
                ```
                ![logo](https://example.com/a.png)""");
        assertEquals("""
                **Title**
                Some _italic_ and **bold** text.
                • one
                • two
                │ quoted
                `code line`
                [logo](https://example.com/a.png)""", converted);
    }

    @Test
    void frontMatterGivesTitleTagsAndLanguage() {
        KbImport.Parsed p = KbImport.parse("sales/a.md", """
                ---
                title: "Discount approval"
                tags: [pricing, approval, 折扣]
                language: zh-CN
                author: someone
                ---
                Body here.
                """);
        assertEquals("Discount approval", p.title());
        assertEquals("pricing, approval, 折扣", p.tags());
        assertEquals("zh", p.language());
        assertEquals("Body here.", p.body());
        KbImport.Parsed heading = KbImport.parse("x/refund-policy.md", "# Refund policy\n\nThirty days.");
        assertEquals("Refund policy", heading.title());
        assertEquals("Thirty days.", heading.body());
        assertNull(heading.language());
        assertEquals("refund policy", KbImport.parse("x/refund-policy.md", "Thirty days.").title());
        assertEquals("both", KbImport.parse("a.md", "---\nlanguage: both\n---\nx").language());
    }

    @Test
    void languageIsDetectedFromTheText() {
        assertEquals("en", KbService.detectLanguage("Handling price objections in three steps"));
        assertEquals("zh", KbService.detectLanguage("如何应对客户的价格异议,以及在 CRM 中记录"));
        assertEquals("both", KbService.detectLanguage("Price objections 价格异议 how to handle them 如何应对"));
    }

    @Test
    void gapQueriesAreNormalised() {
        assertEquals("pricing for schools", KbService.normalizeQuery("  Pricing   for SCHOOLS?? "));
        assertEquals("产品定价", KbService.normalizeQuery("产品定价？"));
    }

    /** A 20,000-character article: split, never cut, within 50 blocks / 3000 characters and ~24 KB per card. */
    @Test
    void longArticleRendersWithinBothPlatformsLimits() throws Exception {
        Random random = new Random(42);
        StringBuilder body = new StringBuilder("# Playbook\n\n");
        String[] words = {"price", "value", "客户", "满意度", "**bold**", "[link](https://example.com)", "follow-up", "ROI"};
        while (body.length() < Article.BODY_MAX - 300) {
            StringBuilder paragraph = new StringBuilder(random.nextBoolean() ? "- " : "");
            int n = 20 + random.nextInt(150);
            for (int i = 0; i < n; i++) {
                paragraph.append(words[random.nextInt(words.length)]).append(' ');
            }
            body.append(paragraph.toString().strip()).append(random.nextInt(4) == 0 ? "\n" : "\n\n");
        }
        // one paragraph far longer than any platform's text limit
        body.append("x".repeat(200).concat(" ").repeat(20));
        Article article = article(body.substring(0, Math.min(body.length(), Article.BODY_MAX)));
        for (Language language : Language.values()) {
            Messages m = Messages.of(language);
            Reply.Message card = KbView.card(article, "Mei", null, true, true, "price", NOW, ZoneOffset.UTC, m);
            String allText = card.blocks().stream().filter(b -> b instanceof Block.Text)
                    .map(b -> ((Block.Text) b).markdown()).reduce("", String::concat);
            assertTrue(allText.replaceAll("\\s", "").length() > 15_000, "nothing cut");

            List<ObjectNode> slack = BlockKitRenderer.messages(card, m);
            assertTrue(slack.size() >= 1);
            for (ObjectNode message : slack) {
                JsonNode blocks = message.path("blocks");
                assertTrue(blocks.size() <= BlockKitRenderer.MESSAGE_BLOCKS, "blocks: " + blocks.size());
                for (JsonNode block : blocks) {
                    assertTrue(block.path("text").path("text").asText().length() <= 3000, block.toString());
                }
            }
            long slackChars = slack.stream().flatMap(s -> java.util.stream.StreamSupport.stream(s.path("blocks").spliterator(), false))
                    .mapToLong(b -> b.path("text").path("text").asText().length()).sum();
            assertTrue(slackChars > 15_000, "nothing cut on Slack: " + slackChars);

            List<ObjectNode> cards = AdaptiveCardRenderer.cards(card, m);
            assertTrue(cards.size() >= 1);
            for (ObjectNode c : cards) {
                assertTrue(c.toString().getBytes(StandardCharsets.UTF_8).length <= 28_000, "card bytes");
            }
            assertTrue(cards.get(cards.size() - 1).toString().contains("kb.vote"), "the buttons come last");
        }
    }

    static Article article(String body) throws Exception {
        Constructor<Article> c = Article.class.getDeclaredConstructor(Long.class, int.class, Long.class, Instant.class);
        c.setAccessible(true);
        Article article = c.newInstance(1L, 7, 1L, NOW.minusSeconds(86_400L * 200));
        article.setContent("Objection playbook", body, "pricing, objections", "both", NOW.minusSeconds(86_400L * 200));
        Field id = Article.class.getDeclaredField("id");
        id.setAccessible(true);
        id.set(article, 99L);
        return article;
    }

    @Test
    void staleArticlesAreFlagged() throws Exception {
        Article article = article("Short body about price.");
        assertTrue(article.stale(NOW));
        String line = KbView.result(article, KbSearch.tokens("price"), NOW, Messages.of(Language.EN));
        assertTrue(line.contains("may be outdated") && line.contains("**#7 Objection playbook**") && line.contains("**price**"), line);
        article.verify(2L, NOW);
        assertFalse(article.stale(NOW));
    }
}
