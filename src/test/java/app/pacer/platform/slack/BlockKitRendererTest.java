package app.pacer.platform.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.core.reply.ActionRef;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Button;
import app.pacer.core.reply.Form;
import app.pacer.core.reply.Language;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.testing.BlockKitLimits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BlockKitRendererTest {

    private static final Messages EN = Messages.of(Language.EN);
    private static final Messages ZH = Messages.of(Language.ZH);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every message these tests render must be within Slack's Block Kit limits, whatever else they check. */
    private static List<ObjectNode> messages(Reply.Message reply, Messages messages) {
        List<ObjectNode> rendered = BlockKitRenderer.messages(reply, messages);
        rendered.forEach(message -> assertWithinLimits(BlockKitLimits.Surface.MESSAGE, message));
        return rendered;
    }

    private static ObjectNode modal(Form form, Map<String, String> errors, String metadata, Messages messages) {
        ObjectNode view = BlockKitRenderer.modal(form, errors, metadata, messages);
        assertWithinLimits(BlockKitLimits.Surface.MODAL, view);
        return view;
    }

    private static void assertWithinLimits(BlockKitLimits.Surface surface, ObjectNode payload) {
        List<String> problems = BlockKitLimits.problems(surface, payload);
        assertTrue(problems.isEmpty(), () -> BlockKitLimits.report(surface.name(), payload, problems));
    }

    private static List<ObjectNode> render(Block... blocks) {
        return messages(Reply.message("summary", List.of(blocks)), EN);
    }

    /** All blocks of all messages, in order. */
    private static List<JsonNode> allBlocks(List<ObjectNode> messages) {
        List<JsonNode> blocks = new ArrayList<>();
        for (ObjectNode message : messages) {
            message.get("blocks").forEach(blocks::add);
        }
        return blocks;
    }

    private static JsonNode onlyBlock(List<ObjectNode> messages) {
        List<JsonNode> blocks = allBlocks(messages);
        assertEquals(1, blocks.size(), blocks::toString);
        return blocks.get(0);
    }

    private static String sectionText(JsonNode block) {
        assertEquals("section", block.get("type").asText());
        assertEquals("mrkdwn", block.get("text").get("type").asText());
        return block.get("text").get("text").asText();
    }

    private static List<String> words(int count, String prefix) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    // --- long content is split, never cut ---------------------------------------------------------------------

    @Test
    void longTextIsSplitIntoSectionsWithinTheLimitWithoutLosingWords() {
        List<String> words = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 7000; i++) {
            String word = "word" + i;
            words.add(word);
            text.append(i == 0 ? "" : " ").append(word);
        }

        List<JsonNode> blocks = allBlocks(render(new Block.Text(text.toString())));

        assertTrue(blocks.size() >= 3, "7000 characters need at least three sections");
        List<String> rendered = new ArrayList<>();
        for (JsonNode block : blocks) {
            String chunk = sectionText(block);
            assertTrue(chunk.length() <= 3000, "section of " + chunk.length() + " characters");
            rendered.addAll(List.of(chunk.trim().split("\\s+")));
        }
        assertEquals(words, rendered);
    }

    @Test
    void longWordWithoutSpacesIsSplitButKeptWhole() {
        String word = "x".repeat(7000);
        List<JsonNode> blocks = allBlocks(render(new Block.Text(word)));
        StringBuilder joined = new StringBuilder();
        for (JsonNode block : blocks) {
            String chunk = sectionText(block);
            assertTrue(chunk.length() <= 3000);
            joined.append(chunk);
        }
        assertEquals(word, joined.toString());
    }

    @Test
    void longBulletListIsSplitIntoSectionsWithEveryItem() {
        List<String> items = IntStream.range(0, 400)
                .mapToObj(i -> "item " + i + ": follow up with client number " + i + " about the renewal").toList();

        List<JsonNode> blocks = allBlocks(render(new Block.Bullets(items)));

        assertTrue(blocks.size() > 1);
        List<String> lines = new ArrayList<>();
        for (JsonNode block : blocks) {
            String chunk = sectionText(block);
            assertTrue(chunk.length() <= 3000, "section of " + chunk.length() + " characters");
            lines.addAll(List.of(chunk.split("\n")));
        }
        assertEquals(items.stream().map(i -> "• " + i).toList(), lines);
    }

    @Test
    void manyBlocksAreSplitIntoMessagesOfAtMostFifty() {
        List<Block> model = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            model.add(i % 2 == 0 ? new Block.Divider() : new Block.Text("line " + i));
        }

        List<ObjectNode> messages = messages(Reply.message("Team report", model), EN);

        assertEquals((int) Math.ceil(120 / 50.0), messages.size());
        assertEquals(List.of(50, 50, 20), messages.stream().map(m -> m.get("blocks").size()).toList());
        assertEquals("Team report", messages.get(0).get("text").asText());
        for (ObjectNode continuation : messages.subList(1, messages.size())) {
            String text = continuation.get("text").asText();
            assertTrue(text.startsWith("Team report"), text);
            assertTrue(text.endsWith("(continued)"), text);
        }
        List<JsonNode> blocks = allBlocks(messages);
        assertEquals(120, blocks.size());
        assertEquals("divider", blocks.get(0).get("type").asText());
        assertEquals("line 119", sectionText(blocks.get(119)));
    }

    @Test
    void continuationIsMarkedInTheReadersLanguage() {
        List<Block> model = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            model.add(new Block.Divider());
        }
        List<ObjectNode> messages = messages(Reply.message("周报", model), ZH);
        assertEquals(2, messages.size());
        assertTrue(messages.get(1).get("text").asText().endsWith(ZH.get("render.continued")));
        assertTrue(messages.get(1).get("text").asText().endsWith("(续)"));
    }

    @Test
    void shortReplyIsOneMessageWithItsSummary() {
        List<ObjectNode> messages = render(new Block.Text("hello"));
        assertEquals(1, messages.size());
        assertEquals("summary", messages.get(0).get("text").asText());
        assertEquals("hello", sectionText(onlyBlock(messages)));
    }

    @Test
    void emptyReplyIsStillOneMessage() {
        List<ObjectNode> messages = messages(Reply.message("just text", List.of()), EN);
        assertEquals(1, messages.size());
        assertEquals(0, messages.get(0).get("blocks").size());
    }

    // --- fields, buttons, header --------------------------------------------------------------------------------

    @Test
    void moreThanTenFieldsAreSplitIntoSections() {
        List<Block.Field> fields = IntStream.range(0, 13).mapToObj(i -> new Block.Field("Label " + i, "Value " + i))
                .toList();

        List<JsonNode> blocks = allBlocks(render(new Block.Fields(fields)));

        assertEquals(2, blocks.size());
        assertEquals(10, blocks.get(0).get("fields").size());
        assertEquals(3, blocks.get(1).get("fields").size());
        JsonNode first = blocks.get(0).get("fields").get(0);
        assertEquals("mrkdwn", first.get("type").asText());
        assertEquals("*Label 0*\nValue 0", first.get("text").asText());
        assertEquals("*Label 12*\nValue 12", blocks.get(1).get("fields").get(2).get("text").asText());
    }

    @Test
    void buttonsGetUniqueActionIdsAndCarryTheCommandAsJson() throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("who", "U123");
        args.put("period", "week");
        Block.Actions first = new Block.Actions(List.of(
                Button.primary("Progress", ActionRef.of("progress", args)),
                Button.of("Help", ActionRef.of("help")),
                new Button("Remove", ActionRef.of("log.undo", Map.of("id", "42")), Button.Style.DANGER)));
        Block.Actions second = new Block.Actions(List.of(Button.of("Settings", ActionRef.of("settings"))));

        List<JsonNode> blocks = allBlocks(render(first, new Block.Divider(), second));

        List<JsonNode> buttons = new ArrayList<>();
        for (JsonNode block : blocks) {
            if (block.get("type").asText().equals("actions")) {
                block.get("elements").forEach(buttons::add);
            }
        }
        assertEquals(4, buttons.size());
        Set<String> actionIds = new HashSet<>();
        for (JsonNode button : buttons) {
            assertEquals("button", button.get("type").asText());
            String actionId = button.get("action_id").asText();
            assertTrue(actionId.startsWith("pacer:"), actionId);
            assertTrue(actionIds.add(actionId), "duplicate action_id " + actionId);
        }

        JsonNode value = JSON.readTree(buttons.get(0).get("value").asText());
        assertEquals("progress", value.get("c").asText());
        JsonNode expectedArgs = JSON.valueToTree(args);
        assertEquals(expectedArgs, value.get("a"));
        assertEquals("primary", buttons.get(0).get("style").asText());
        assertEquals("Progress", buttons.get(0).get("text").get("text").asText());

        JsonNode noArgs = JSON.readTree(buttons.get(1).get("value").asText());
        assertEquals("help", noArgs.get("c").asText());
        assertTrue(noArgs.get("a").isObject());
        assertEquals(0, noArgs.get("a").size());
        assertFalse(buttons.get(1).has("style"));

        assertEquals("danger", buttons.get(2).get("style").asText());
        assertEquals("42", JSON.readTree(buttons.get(2).get("value").asText()).get("a").get("id").asText());
    }

    @Test
    void moreThanTwentyFiveButtonsAreSplitIntoActionBlocks() {
        List<Button> buttons = IntStream.range(0, 30)
                .mapToObj(i -> Button.of("B" + i, ActionRef.of("help", Map.of("n", Integer.toString(i))))).toList();
        List<JsonNode> blocks = allBlocks(render(new Block.Actions(buttons)));
        assertEquals(2, blocks.size());
        assertEquals(25, blocks.get(0).get("elements").size());
        assertEquals(5, blocks.get(1).get("elements").size());
    }

    @Test
    void shortHeaderIsAHeaderBlock() {
        JsonNode block = onlyBlock(render(new Block.Header("Weekly report")));
        assertEquals("header", block.get("type").asText());
        assertEquals("plain_text", block.get("text").get("type").asText());
        assertEquals("Weekly report", block.get("text").get("text").asText());
    }

    @Test
    void headerOverOneHundredFiftyCharactersBecomesABoldSection() {
        String title = String.join(" ", words(40, "title"));
        assertTrue(title.length() > 150);

        JsonNode block = onlyBlock(render(new Block.Header(title)));

        assertEquals("*" + title + "*", sectionText(block));
    }

    // --- markdown -------------------------------------------------------------------------------------------

    @Test
    void markdownIsTranslatedToSlackMrkdwn() {
        JsonNode block = onlyBlock(render(new Block.Text("**bold** and [x](https://e.x) and _it_ and `code`")));
        assertEquals("*bold* and <https://e.x|x> and _it_ and `code`", sectionText(block));
    }

    @Test
    void slackControlCharactersAreEscaped() {
        JsonNode block = onlyBlock(render(new Block.Text("<!channel> & co")));
        assertEquals("&lt;!channel&gt; &amp; co", sectionText(block));
    }

    @Test
    void bulletsAndContextAreEscapedToo() {
        List<JsonNode> blocks = allBlocks(render(new Block.Bullets(List.of("<!here> **now**")),
                new Block.Context("a < b & c")));
        assertEquals("• &lt;!here&gt; *now*", sectionText(blocks.get(0)));
        assertEquals("context", blocks.get(1).get("type").asText());
        assertEquals("a &lt; b &amp; c", blocks.get(1).get("elements").get(0).get("text").asText());
    }

    @Test
    void anImageIsAnImageBlockWithItsAltText() {
        JsonNode block = onlyBlock(render(new Block.Image("https://pacer.example.com/charts/abc.png", "本月累计进度")));
        assertEquals("image", block.get("type").asText());
        assertEquals("https://pacer.example.com/charts/abc.png", block.get("image_url").asText());
        assertEquals("本月累计进度", block.get("alt_text").asText());
        assertEquals("image", onlyBlock(render(new Block.Image("https://x.test/a.png", " "))).get("alt_text").asText(),
                "Slack requires alt text");
    }

    @Test
    void anImageUrlTooLongForSlackBecomesItsAltText() {
        String url = "https://pacer.example.com/" + "a".repeat(3100) + ".png";
        assertEquals("Team chart", sectionText(onlyBlock(render(new Block.Image(url, "Team chart")))));
    }

    // --- modal ----------------------------------------------------------------------------------------------

    private static Form settingsForm(String languageValue) {
        return new Form(ActionRef.of("settings.edit", Map.of("source", "home")), "Change your settings in a form",
                "Save these settings", List.of(
                        new Form.Input("language", "Language", Form.Input.Kind.SELECT, true, languageValue, null,
                                List.of(new Form.Choice("en", "English"), new Form.Choice("zh", "简体中文"))),
                        new Form.Input("zone", "Time zone", Form.Input.Kind.TEXT, false, "Asia/Shanghai",
                                "For example Asia/Shanghai", null),
                        new Form.Input("note", "Note", Form.Input.Kind.MULTILINE, false, null, null, null),
                        new Form.Input("amount", "Amount", Form.Input.Kind.NUMBER, true, "12000", null, null),
                        new Form.Input("date", "Date", Form.Input.Kind.DATE, false, "2026-12-01", null, null)));
    }

    private static JsonNode input(ObjectNode view, String name) {
        for (JsonNode block : view.get("blocks")) {
            if (block.get("block_id").asText().equals(name)) {
                return block;
            }
        }
        throw new AssertionError("no input " + name + " in " + view);
    }

    @Test
    void modalHasPacersCallbackAndClippedTitles() {
        ObjectNode view = modal(settingsForm("zh"), Map.of(), "{\"c\":\"settings.edit\"}", EN);

        assertEquals("modal", view.get("type").asText());
        assertEquals("pacer:form", view.get("callback_id").asText());
        assertEquals("plain_text", view.get("title").get("type").asText());
        assertTrue(view.get("title").get("text").asText().length() <= 24, view.get("title").toString());
        assertTrue(view.get("submit").get("text").asText().length() <= 24);
        assertEquals("Cancel", view.get("close").get("text").asText());
        assertEquals("{\"c\":\"settings.edit\"}", view.get("private_metadata").asText());
    }

    @Test
    void aFormsIntroComesBeforeItsInputsAndGivesWayToThemWithinTheModalLimit() {
        Form small = new Form(ActionRef.of("review.record"), "Review #1", "Record", settingsForm("zh").inputs(),
                List.of(new Block.Text("**Targets**"), new Block.Fields(List.of(new Block.Field("Revenue", "$80,000 of $100,000")))));
        ObjectNode view = modal(small, Map.of(), "meta", EN);
        assertEquals("section", view.get("blocks").get(0).get("type").asText());
        assertTrue(view.get("blocks").get(1).toString().contains("$80,000 of $100,000"));
        assertEquals(7, view.get("blocks").size());

        List<Block> huge = IntStream.range(0, 300).<Block>mapToObj(i -> new Block.Text("line " + i)).toList();
        Form big = new Form(ActionRef.of("review.record"), "Review #1", "Record", settingsForm("zh").inputs(), huge);
        ObjectNode cut = modal(big, Map.of(), "meta", EN);
        assertEquals(BlockKitRenderer.VIEW_BLOCKS, cut.get("blocks").size());
        long inputs = IntStream.range(0, cut.get("blocks").size()).filter(i -> cut.get("blocks").get(i).get("type").asText().equals("input")).count();
        assertEquals(5, inputs, "every input survives");
        assertTrue(cut.get("blocks").get(BlockKitRenderer.VIEW_BLOCKS - 6).toString().contains("more than fits"));
    }

    @Test
    void modalInputsAreNamedByBlockIdWithOneActionId() {
        ObjectNode view = modal(settingsForm("zh"), Map.of(), "meta", EN);

        assertEquals(5, view.get("blocks").size());
        for (JsonNode block : view.get("blocks")) {
            assertEquals("input", block.get("type").asText());
            assertEquals("v", block.get("element").get("action_id").asText());
        }
        assertFalse(input(view, "language").get("optional").asBoolean());
        assertTrue(input(view, "zone").get("optional").asBoolean());
        assertEquals("Time zone", input(view, "zone").get("label").get("text").asText());
        assertEquals("For example Asia/Shanghai", input(view, "zone").get("hint").get("text").asText());

        JsonNode zone = input(view, "zone").get("element");
        assertEquals("plain_text_input", zone.get("type").asText());
        assertFalse(zone.get("multiline").asBoolean());
        assertEquals("Asia/Shanghai", zone.get("initial_value").asText());

        JsonNode note = input(view, "note").get("element");
        assertTrue(note.get("multiline").asBoolean());
        assertFalse(note.has("initial_value"));

        assertEquals("number_input", input(view, "amount").get("element").get("type").asText());
        assertEquals("12000", input(view, "amount").get("element").get("initial_value").asText());
        assertEquals("datepicker", input(view, "date").get("element").get("type").asText());
        assertEquals("2026-12-01", input(view, "date").get("element").get("initial_date").asText());
    }

    @Test
    void selectHasItsOptionsAndTheMatchingInitialOption() {
        JsonNode select = input(modal(settingsForm("zh"), Map.of(), "meta", EN), "language")
                .get("element");

        assertEquals("static_select", select.get("type").asText());
        assertEquals(2, select.get("options").size());
        assertEquals("en", select.get("options").get(0).get("value").asText());
        assertEquals("English", select.get("options").get(0).get("text").get("text").asText());
        assertEquals("zh", select.get("initial_option").get("value").asText());
        assertEquals("简体中文", select.get("initial_option").get("text").get("text").asText());
    }

    @Test
    void selectWithoutAMatchingValueHasNoInitialOption() {
        JsonNode select = input(modal(settingsForm("fr"), Map.of(), "meta", EN), "language")
                .get("element");
        assertFalse(select.has("initial_option"));
        JsonNode none = input(modal(settingsForm(null), Map.of(), "meta", EN), "language")
                .get("element");
        assertFalse(none.has("initial_option"));
    }

    @org.junit.jupiter.api.Test
    void linkSyntaxCannotSmuggleSlackMentions() {
        String rendered = app.pacer.core.reply.Markdown.toSlack("[hi](!here) [x](@U123) <!channel> [ok](https://example.com)");
        org.junit.jupiter.api.Assertions.assertFalse(rendered.contains("<!"), rendered);
        org.junit.jupiter.api.Assertions.assertFalse(rendered.contains("<@"), rendered);
        org.junit.jupiter.api.Assertions.assertTrue(rendered.contains("<https://example.com|ok>"), rendered);
    }
}
