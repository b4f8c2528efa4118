package app.pacer.platform;

import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.core.reply.ActionRef;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Button;
import app.pacer.core.reply.Form;
import app.pacer.core.reply.Language;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.platform.slack.BlockKitRenderer;
import app.pacer.platform.teams.AdaptiveCardRenderer;
import app.pacer.testing.AdaptiveCardSchema;
import app.pacer.testing.BlockKitLimits;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replies and forms of every shape the reply model allows (empty and huge texts, many fields and buttons, long labels,
 * numbers written every way), rendered by both renderers and held to the same checks as what the suite sends: the
 * Adaptive Card 1.5 schema and Slack's Block Kit limits. Seeded; a failure names its seed
 * ({@code -Dpacer.render.seed=N} runs that one alone).
 */
class RenderedPayloadsTest {

    private static final int RUNS = 300;

    static LongStream seeds() {
        String one = System.getProperty("pacer.render.seed");
        if (one != null) {
            return LongStream.of(Long.parseLong(one));
        }
        long base = new Random().nextLong();
        return LongStream.range(0, RUNS).map(i -> base + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyRenderedMessageAndFormPassesBothPlatformsChecks(long seed) {
        Random random = new Random(seed);
        Messages messages = Messages.of(random.nextBoolean() ? Language.EN : Language.ZH);
        Reply.Message reply = Reply.message(text(random, 0, 200), blocks(random));
        Form form = form(random);
        Map<String, String> errors = new LinkedHashMap<>();
        for (Form.Input input : form.inputs()) {
            if (random.nextInt(4) == 0) {
                errors.put(input.name(), text(random, 1, 300));
            }
        }
        List<String> problems = new ArrayList<>();
        for (ObjectNode card : AdaptiveCardRenderer.cards(reply, messages)) {
            collect("Teams card", AdaptiveCardSchema.problems(card), card, problems);
        }
        ObjectNode formCard = AdaptiveCardRenderer.form(form, errors, messages);
        collect("Teams form", AdaptiveCardSchema.problems(formCard), formCard, problems);
        for (ObjectNode message : BlockKitRenderer.messages(reply, messages)) {
            collect("Slack message", BlockKitLimits.problems(BlockKitLimits.Surface.MESSAGE, message), message, problems);
        }
        ObjectNode home = BlockKitRenderer.home(reply, messages);
        collect("Slack home", BlockKitLimits.problems(BlockKitLimits.Surface.HOME, home), home, problems);
        ObjectNode modal = BlockKitRenderer.modal(form, errors, "{\"c\":\"x\"}", messages);
        collect("Slack modal", BlockKitLimits.problems(BlockKitLimits.Surface.MODAL, modal), modal, problems);
        assertTrue(problems.isEmpty(), () -> "seed " + seed + " (-Dpacer.render.seed=" + seed + "):\n" + String.join("\n", problems));
    }

    private static void collect(String what, List<String> found, ObjectNode payload, List<String> into) {
        found.forEach(problem -> into.add(what + ": " + problem));
    }

    private static List<Block> blocks(Random random) {
        List<Block> blocks = new ArrayList<>();
        int count = random.nextInt(random.nextInt(10) == 0 ? 120 : 12);
        for (int i = 0; i < count; i++) {
            blocks.add(switch (random.nextInt(9)) {
                case 0 -> new Block.Header(text(random, 0, 200));
                case 1 -> new Block.Text(text(random, 0, 7000));
                case 2 -> new Block.Bullets(list(random, 30, () -> text(random, 0, 400)));
                case 3 -> new Block.Fields(list(random, 25, () -> new Block.Field(text(random, 0, 60), text(random, 0, 2500))));
                case 4 -> new Block.Progress(text(random, 0, 80), BigDecimal.valueOf(random.nextInt(1000)),
                        BigDecimal.valueOf(1 + random.nextInt(1000)), text(random, 0, 100));
                case 5 -> new Block.Actions(list(random, 30, () -> button(random)));
                case 6 -> new Block.Divider();
                case 7 -> new Block.Context(text(random, 0, 4000));
                default -> new Block.Image("https://pacer.example.com/charts/" + "c".repeat(random.nextInt(100)) + ".png",
                        text(random, 0, 300));
            });
        }
        return blocks;
    }

    private static Button button(Random random) {
        if (random.nextInt(5) == 0) {
            return Button.link(text(random, 0, 100), "https://pacer.example.com/x/" + "a".repeat(random.nextInt(200)));
        }
        Map<String, String> args = new LinkedHashMap<>();
        args.put("id", String.valueOf(random.nextInt(100_000)));
        return new Button(text(random, 0, 100), ActionRef.of("lead.show", args),
                Button.Style.values()[random.nextInt(Button.Style.values().length)], null);
    }

    private static Form form(Random random) {
        List<Form.Input> inputs = new ArrayList<>();
        int count = 1 + random.nextInt(8);
        for (int i = 0; i < count; i++) {
            Form.Input.Kind kind = Form.Input.Kind.values()[random.nextInt(Form.Input.Kind.values().length)];
            String value = switch (kind) {
                case NUMBER -> pick(random, null, "", "30000", "12.5", "-3", "1,200", "12k", "abc", "1e3", "007");
                case DATE -> pick(random, null, "", "2026-12-01", "tomorrow");
                case SELECT -> pick(random, null, "", "a", "b", "missing");
                default -> random.nextBoolean() ? null : text(random, 0, 500);
            };
            List<Form.Choice> choices = kind == Form.Input.Kind.SELECT
                    ? list(random, 12, () -> new Form.Choice(pick(random, "a", "b", "c" + random.nextInt(1000)), text(random, 0, 100)))
                    : List.of();
            inputs.add(new Form.Input("in" + i, text(random, 0, 100), kind, random.nextBoolean(), value,
                    random.nextBoolean() ? null : text(random, 0, 200), choices));
        }
        return new Form(ActionRef.of("lead.add", Map.of("source", "button")), text(random, 0, 60), text(random, 0, 40),
                inputs, random.nextBoolean() ? List.of() : blocks(random));
    }

    private static final String[] PIECES = {"a", "word ", "**bold** ", "`code` ", "<@U123> ", "&", "<", ">", "中文", "😀",
        "\n", "- item\n", "[link](https://example.com) ", " ", "_it_ ", "*", "~"};

    private static String text(Random random, int min, int max) {
        int length = min + (random.nextInt(4) == 0 ? random.nextInt(max - min + 1) : random.nextInt(Math.min(max, 20) - min + 1));
        StringBuilder b = new StringBuilder();
        while (b.length() < length) {
            b.append(PIECES[random.nextInt(PIECES.length)]);
        }
        int end = Math.min(b.length(), Math.max(min, length));
        if (end > 0 && Character.isHighSurrogate(b.charAt(end - 1))) {
            end = end < b.length() ? end + 1 : end - 1;
        }
        return b.substring(0, end);
    }

    private static <T> List<T> list(Random random, int max, Supplier<T> item) {
        List<T> list = new ArrayList<>();
        int count = random.nextInt(max + 1);
        for (int i = 0; i < count; i++) {
            list.add(item.get());
        }
        return list;
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... options) {
        return options[random.nextInt(options.length)];
    }
}
