package app.pacer.platform.teams;

import app.pacer.core.reply.ActionRef;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Button;
import app.pacer.core.reply.Form;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.ProgressBar;
import app.pacer.core.reply.Reply;
import app.pacer.core.reply.TextChunks;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Renders replies as Adaptive Cards 1.5 for Teams. A card stays well under Teams' message size (cards are
 * split by size into several, never cut); buttons and forms use {@code Action.Submit}, whose data carries
 * the command id and arguments back as the activity's {@code value}.
 */
public final class AdaptiveCardRenderer {

    public static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    /** Stay far below Teams' documented limit (older docs said 28 KB), measured as UTF-8 JSON. */
    static final int MAX_CARD_BYTES = 24_000;
    static final int TEXT = 4000;
    static final int FACTS = 10;
    static final int ACTIONS = 6;
    /** Key under which Pacer's action data travels in {@code Action.Submit} data. */
    static final String DATA_KEY = "pacer";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private AdaptiveCardRenderer() {
    }

    /** One reply as one or more cards. */
    public static List<ObjectNode> cards(Reply.Message reply, Messages messages) {
        List<ObjectNode> elements = new ArrayList<>();
        for (Block block : reply.blocks()) {
            render(block, elements);
        }
        List<ObjectNode> cards = new ArrayList<>();
        ObjectNode card = card();
        for (ObjectNode element : elements) {
            ArrayNode body = (ArrayNode) card.get("body");
            // +1 for the comma that separates the element from the one before it
            if (body.size() > 0 && size(card) + size(element) + 1 > MAX_CARD_BYTES) {
                cards.add(card);
                card = card();
                ((ArrayNode) card.get("body")).add(text(messages.get("render.continued"), "Small", true));
            }
            ((ArrayNode) card.get("body")).add(element);
        }
        cards.add(card);
        return cards;
    }

    /**
     * A form as a card with inputs; {@code errors} (input name → message) are shown under their inputs. Every
     * required input carries an {@code errorMessage} (its error, or what it asks for, in the member's language):
     * Teams shows it when the input is left empty, and the official renderer warns about a required input without one.
     */
    public static ObjectNode form(Form form, Map<String, String> errors, Messages messages) {
        ObjectNode card = card();
        ArrayNode body = (ArrayNode) card.get("body");
        body.add(text(plainText(form.title()), "Large", false).put("weight", "Bolder"));
        List<ObjectNode> intro = new ArrayList<>();
        form.intro().forEach(block -> render(block, intro));
        intro.forEach(body::add);
        for (Form.Input input : form.inputs()) {
            ObjectNode element = body.addObject();
            element.put("id", input.name());
            // a required input must have a label (the renderer warns without one); the name is better than nothing
            element.put("label", input.label() == null || input.label().isBlank() ? input.name() : input.label());
            element.put("isRequired", input.required());
            String value = input.value();
            switch (input.kind()) {
                case TEXT, MULTILINE -> {
                    element.put("type", "Input.Text");
                    element.put("isMultiline", input.kind() == Form.Input.Kind.MULTILINE);
                    if (input.hint() != null) {
                        element.put("placeholder", input.hint());
                    }
                }
                case NUMBER -> {
                    element.put("type", "Input.Number");
                    // the schema wants a number; a value that is none (a typed "12k") cannot be shown in a number field
                    number(value).ifPresent(n -> element.put("value", n));
                    value = null;
                }
                case DATE -> element.put("type", "Input.Date");
                case SELECT -> {
                    element.put("type", "Input.ChoiceSet");
                    element.put("style", "compact");
                    ArrayNode choices = element.putArray("choices");
                    for (Form.Choice choice : input.choices()) {
                        choices.addObject().put("title", choice.label()).put("value", choice.value());
                    }
                }
            }
            if (value != null && !value.isEmpty()) {
                element.put("value", value);
            }
            String error = errors.get(input.name());
            if (error != null && !error.isBlank()) {
                element.put("errorMessage", error);
                body.add(text("⚠️ " + error, "Small", false).put("color", "Attention"));
            } else if (input.required()) {
                element.put("errorMessage", messages.get("form.required." + input.kind().name().toLowerCase()));
            }
        }
        ArrayNode actions = card.putArray("actions");
        ObjectNode submit = actions.addObject();
        submit.put("type", "Action.Submit");
        submit.put("title", form.submitLabel());
        submit.put("style", "positive");
        submit.set("data", data(form.action(), true));
        return card;
    }

    /** A plain decimal number ("30000", "-3", "1,200"), or empty. */
    static Optional<BigDecimal> number(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(value.strip().replace(",", "").replace("_", "")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void render(Block block, List<ObjectNode> out) {
        if (block instanceof Block.Header h) {
            out.add(text(plainText(h.text()), "Large", false).put("weight", "Bolder"));
        } else if (block instanceof Block.Text t) {
            for (String chunk : TextChunks.split(teamsMarkdown(t.markdown()), TEXT)) {
                out.add(text(chunk, null, false));
            }
        } else if (block instanceof Block.Bullets b) {
            List<String> lines = b.items().stream().map(i -> "- " + teamsMarkdown(i)).toList();
            for (String chunk : TextChunks.pack(lines, TEXT)) {
                out.add(text(chunk, null, false));
            }
        } else if (block instanceof Block.Fields f) {
            // several small fact sets rather than one: the card splitter can only split between elements
            for (int i = 0; i < f.fields().size(); i += FACTS) {
                ObjectNode facts = JSON.createObjectNode().put("type", "FactSet");
                ArrayNode list = facts.putArray("facts");
                for (Block.Field field : f.fields().subList(i, Math.min(f.fields().size(), i + FACTS))) {
                    list.addObject().put("title", teamsMarkdown(field.label())).put("value", teamsMarkdown(field.value()));
                }
                out.add(facts);
            }
        } else if (block instanceof Block.Progress p) {
            out.add(text(teamsMarkdown(Markdown.bold(p.label())), null, false));
            out.add(text(ProgressBar.of(p) + "  " + teamsMarkdown(p.caption()), null, false).put("fontType", "Monospace"));
        } else if (block instanceof Block.Actions a) {
            for (int i = 0; i < a.buttons().size(); i += ACTIONS) {
                out.add(actionSet(a.buttons().subList(i, Math.min(a.buttons().size(), i + ACTIONS))));
            }
        } else if (block instanceof Block.Divider) {
            out.add(text(" ", "Small", false).put("separator", true));
        } else if (block instanceof Block.Context c) {
            for (String chunk : TextChunks.split(teamsMarkdown(c.markdown()), TEXT)) {
                out.add(text(chunk, "Small", true));
            }
        } else if (block instanceof Block.Image i) {
            out.add(JSON.createObjectNode().put("type", "Image").put("url", i.url()).put("altText", i.altText())
                    .put("size", "Stretch"));
        } else {
            // a new kind of block must be rendered: fail loudly rather than drop it
            throw new IllegalStateException("unhandled block " + block.getClass().getName());
        }
    }

    private static ObjectNode actionSet(List<Button> buttons) {
        ObjectNode set = JSON.createObjectNode().put("type", "ActionSet");
        ArrayNode actions = set.putArray("actions");
        for (Button button : buttons) {
            ObjectNode action = actions.addObject();
            if (button.url() != null) {
                action.put("type", "Action.OpenUrl").put("title", button.label()).put("url", button.url());
                continue;
            }
            action.put("type", "Action.Submit");
            action.put("title", button.label());
            if (button.style() == Button.Style.PRIMARY) {
                action.put("style", "positive");
            } else if (button.style() == Button.Style.DANGER) {
                action.put("style", "destructive");
            }
            action.set("data", data(button.action(), false));
        }
        return set;
    }

    /** {"pacer": {"c": command, "a": args, "f": form?}}; Teams sends it back as the activity's value. */
    static ObjectNode data(ActionRef action, boolean form) {
        ObjectNode data = JSON.createObjectNode();
        ObjectNode pacer = data.putObject(DATA_KEY);
        pacer.put("c", action.commandId());
        ObjectNode args = pacer.putObject("a");
        action.args().forEach(args::put);
        if (form) {
            pacer.put("f", true);
        }
        return data;
    }

    /** Adaptive Card Markdown has no inline code; backticks would show literally. */
    static String teamsMarkdown(String markdown) {
        return Markdown.rendered(markdown, s -> CODE.matcher(s).replaceAll("$1"), AdaptiveCardRenderer::literal);
    }

    /** Text that is not Markdown (a header, a title) in a TextBlock, which reads Markdown. */
    static String plainText(String text) {
        return teamsMarkdown(Markdown.literal(text));
    }

    /**
     * How a TextBlock shows {@code c} as itself. A link needs {@code ](} and a list or heading a marker at the start of
     * a line: an invisible zero-width space in between breaks both, in Teams' CommonMark and in the Adaptive Cards
     * parser of the mobile clients alike. Emphasis is stopped by a backslash (CommonMark, and the mobile parser's
     * escape), which some mobile clients show.
     */
    static String literal(int c) {
        return switch (c) {
            case '*', '_', '\\' -> "\\" + (char) c;
            case ']' -> "]" + Markdown.ZERO_WIDTH_SPACE;
            case '#', '>', '-', '+', '=', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' ->
                    Markdown.ZERO_WIDTH_SPACE + String.valueOf((char) c);
            default -> String.valueOf((char) c);
        };
    }

    private static ObjectNode card() {
        ObjectNode card = JSON.createObjectNode();
        card.put("type", "AdaptiveCard");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("version", "1.5");
        card.putArray("body");
        return card;
    }

    private static ObjectNode text(String text, String size, boolean subtle) {
        ObjectNode block = JSON.createObjectNode().put("type", "TextBlock").put("text", text).put("wrap", true);
        if (size != null) {
            block.put("size", size);
        }
        if (subtle) {
            block.put("isSubtle", true);
        }
        return block;
    }

    private static int size(ObjectNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
