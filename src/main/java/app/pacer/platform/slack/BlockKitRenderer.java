package app.pacer.platform.slack;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders replies as Block Kit JSON within Slack's documented limits: 50 blocks a message (100 in a modal or
 * App Home), 3000 characters a text, 10 fields a section, 25 elements an actions block, 150 characters a
 * header. What does not fit is split into more blocks or more messages — never cut.
 */
public final class BlockKitRenderer {

    public static final int MESSAGE_BLOCKS = 50;
    public static final int VIEW_BLOCKS = 100;
    static final int TEXT = 3000;
    static final int FIELD_TEXT = 2000;
    static final int FIELDS = 10;
    static final int HEADER = 150;
    static final int ACTION_ELEMENTS = 25;
    static final int BUTTON_TEXT = 75;
    static final int BUTTON_VALUE = 2000;
    static final int IMAGE_URL = 3000;
    static final int IMAGE_ALT = 2000;
    static final int VIEW_TITLE = 24;
    /** The single action id of every input element; the block id carries the input's name. */
    static final String INPUT_ACTION = "v";

    private static final ObjectMapper JSON = new ObjectMapper();

    private BlockKitRenderer() {
    }

    /** One reply as one or more messages ({@code text} + {@code blocks}), each within 50 blocks. */
    public static List<ObjectNode> messages(Reply.Message reply, Messages messages) {
        List<ObjectNode> blocks = blocks(reply.blocks());
        String summary = reply.summary() == null ? "" : reply.summary();
        List<ObjectNode> out = new ArrayList<>();
        int from = 0;
        do {
            ObjectNode message = JSON.createObjectNode();
            String text = from == 0 ? summary : summary + " " + messages.get("render.continued");
            // the fallback is mrkdwn too (notifications): escape what Slack would read as mentions
            message.put("text", text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
            ArrayNode array = message.putArray("blocks");
            blocks.subList(from, Math.min(blocks.size(), from + MESSAGE_BLOCKS)).forEach(array::add);
            out.add(message);
            from += MESSAGE_BLOCKS;
        } while (from < blocks.size());
        return out;
    }

    /** The App Home tab: one view of at most 100 blocks; longer content ends with a pointer to {@code help}. */
    public static ObjectNode home(Reply.Message reply, Messages messages) {
        ObjectNode view = JSON.createObjectNode();
        view.put("type", "home");
        ArrayNode array = view.putArray("blocks");
        List<ObjectNode> blocks = blocks(reply.blocks());
        if (blocks.size() <= VIEW_BLOCKS) {
            blocks.forEach(array::add);
        } else {
            blocks.subList(0, VIEW_BLOCKS - 1).forEach(array::add);
            ObjectNode more = JSON.createObjectNode().put("type", "context");
            more.putArray("elements").add(mrkdwn(Markdown.toSlack(messages.get("render.more_in_help"))));
            array.add(more);
        }
        return view;
    }

    /** A form as a modal; {@code privateMetadata} travels with it and comes back on submit. */
    public static ObjectNode modal(Form form, Map<String, String> errors, String privateMetadata, Messages messages) {
        ObjectNode view = JSON.createObjectNode();
        view.put("type", "modal");
        view.put("callback_id", SlackIds.FORM_CALLBACK);
        view.set("title", plain(clip(form.title(), VIEW_TITLE)));
        view.set("submit", plain(clip(form.submitLabel(), VIEW_TITLE)));
        view.set("close", plain(clip(messages.get("form.cancel"), VIEW_TITLE)));
        view.put("private_metadata", privateMetadata);
        ArrayNode blocks = view.putArray("blocks");
        List<ObjectNode> intro = blocks(form.intro());
        // a modal holds 100 blocks: the inputs come first, the intro gives way (it is a summary, the inputs are the form)
        int room = VIEW_BLOCKS - form.inputs().size();
        if (intro.size() > room) {
            intro = new ArrayList<>(intro.subList(0, Math.max(0, room - 1)));
            intro.addAll(blocks(List.of(new Block.Context(messages.get("render.form_intro_cut")))));
        }
        intro.forEach(blocks::add);
        for (Form.Input input : form.inputs()) {
            ObjectNode block = blocks.addObject();
            block.put("type", "input");
            block.put("block_id", input.name());
            block.put("optional", !input.required());
            block.set("label", plain(clip(input.label(), 2000)));
            block.set("element", element(input));
            if (input.hint() != null) {
                block.set("hint", plain(clip(input.hint(), 2000)));
            }
        }
        return view;
    }

    static List<ObjectNode> blocks(List<Block> model) {
        List<ObjectNode> out = new ArrayList<>();
        int buttonIndex = 0;
        for (Block block : model) {
            if (block instanceof Block.Header h) {
                if (h.text().length() <= HEADER) {
                    ObjectNode header = JSON.createObjectNode().put("type", "header");
                    header.set("text", plain(h.text()));
                    out.add(header);
                } else {
                    sections(Markdown.bold(h.text()), out); // a header is plain text, never Markdown
                }
            } else if (block instanceof Block.Text t) {
                sections(t.markdown(), out);
            } else if (block instanceof Block.Bullets b) {
                List<String> lines = b.items().stream().map(i -> "• " + Markdown.toSlack(i)).toList();
                for (String chunk : TextChunks.pack(lines, TEXT)) {
                    out.add(section(chunk));
                }
            } else if (block instanceof Block.Fields f) {
                List<String> fitting = new ArrayList<>();
                for (Block.Field field : f.fields()) {
                    String text = "*" + Markdown.toSlack(field.label()) + "*\n" + Markdown.toSlack(field.value());
                    if (text.length() <= FIELD_TEXT) {
                        fitting.add(text);
                    } else {
                        // too long for a field: its own sections, split, never cut
                        TextChunks.split(text, TEXT).forEach(chunk -> out.add(section(chunk)));
                    }
                }
                for (int i = 0; i < fitting.size(); i += FIELDS) {
                    ObjectNode section = JSON.createObjectNode().put("type", "section");
                    ArrayNode fields = section.putArray("fields");
                    fitting.subList(i, Math.min(fitting.size(), i + FIELDS)).forEach(text -> fields.add(mrkdwn(text)));
                    out.add(section);
                }
            } else if (block instanceof Block.Progress p) {
                sections(Markdown.bold(p.label()) + "\n`" + ProgressBar.of(p) + "`  " + p.caption(), out);
            } else if (block instanceof Block.Actions a) {
                for (int i = 0; i < a.buttons().size(); i += ACTION_ELEMENTS) {
                    ObjectNode actions = JSON.createObjectNode().put("type", "actions");
                    ArrayNode elements = actions.putArray("elements");
                    for (Button button : a.buttons().subList(i, Math.min(a.buttons().size(), i + ACTION_ELEMENTS))) {
                        elements.add(button(button, buttonIndex++));
                    }
                    out.add(actions);
                }
            } else if (block instanceof Block.Divider) {
                out.add(JSON.createObjectNode().put("type", "divider"));
            } else if (block instanceof Block.Context c) {
                for (String chunk : TextChunks.split(Markdown.toSlack(c.markdown()), TEXT)) {
                    ObjectNode context = JSON.createObjectNode().put("type", "context");
                    context.putArray("elements").add(mrkdwn(chunk));
                    out.add(context);
                }
            } else if (block instanceof Block.Image i) {
                if (i.url().length() > IMAGE_URL) {
                    // Slack would refuse the whole message over one image (and a link that long would be split): its alt text
                    sections(i.altText(), out);
                } else {
                    out.add(JSON.createObjectNode().put("type", "image").put("image_url", i.url())
                            .put("alt_text", clip(i.altText(), IMAGE_ALT)));
                }
            } else {
                // a new kind of block must be rendered: fail loudly rather than drop it
                throw new IllegalStateException("unhandled block " + block.getClass().getName());
            }
        }
        return out;
    }

    private static void sections(String markdown, List<ObjectNode> out) {
        for (String chunk : TextChunks.split(Markdown.toSlack(markdown), TEXT)) {
            out.add(section(chunk));
        }
    }

    /** A section of mrkdwn that is already in Slack's dialect. */
    private static ObjectNode section(String mrkdwn) {
        ObjectNode section = JSON.createObjectNode().put("type", "section");
        section.set("text", mrkdwn(mrkdwn.isEmpty() ? " " : mrkdwn));
        return section;
    }

    private static ObjectNode button(Button button, int index) {
        ObjectNode element = JSON.createObjectNode().put("type", "button");
        element.set("text", plain(clip(button.label(), BUTTON_TEXT)));
        element.put("action_id", SlackIds.ACTION_PREFIX + index);
        if (button.url() != null) {
            element.put("url", button.url());
            return element;
        }
        element.put("value", SlackIds.encodeAction(button.action(), BUTTON_VALUE));
        if (button.style() == Button.Style.PRIMARY) {
            element.put("style", "primary");
        } else if (button.style() == Button.Style.DANGER) {
            element.put("style", "danger");
        }
        return element;
    }

    private static ObjectNode element(Form.Input input) {
        ObjectNode element = JSON.createObjectNode();
        element.put("action_id", INPUT_ACTION);
        String value = input.value();
        switch (input.kind()) {
            case TEXT, MULTILINE -> {
                element.put("type", "plain_text_input");
                element.put("multiline", input.kind() == Form.Input.Kind.MULTILINE);
                if (value != null && !value.isEmpty()) {
                    element.put("initial_value", value);
                }
            }
            case NUMBER -> {
                element.put("type", "number_input");
                element.put("is_decimal_allowed", true);
                if (value != null && !value.isEmpty()) {
                    element.put("initial_value", value);
                }
            }
            case DATE -> {
                element.put("type", "datepicker");
                if (value != null && value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                    element.put("initial_date", value);
                }
            }
            case SELECT -> {
                element.put("type", "static_select");
                ArrayNode options = element.putArray("options");
                for (Form.Choice choice : input.choices()) {
                    ObjectNode option = options.addObject();
                    option.set("text", plain(clip(choice.label(), 75)));
                    option.put("value", choice.value());
                    if (choice.value().equals(value)) {
                        element.set("initial_option", option.deepCopy());
                    }
                }
            }
        }
        return element;
    }

    static ObjectNode plain(String text) {
        return JSON.createObjectNode().put("type", "plain_text").put("text", nonEmpty(text)).put("emoji", true);
    }

    private static ObjectNode mrkdwn(String text) {
        return JSON.createObjectNode().put("type", "mrkdwn").put("text", nonEmpty(text));
    }

    /** Slack refuses an empty text object (at least 1 character): an empty label or line is one space. */
    private static String nonEmpty(String text) {
        return text == null || text.isEmpty() ? " " : text;
    }

    /** For labels only (titles, button texts): Slack refuses longer ones outright. */
    static String clip(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never split an emoji in half
        }
        return text.substring(0, end) + "…";
    }

}
