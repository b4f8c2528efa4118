package app.pacer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a Block Kit message or view against Slack's documented limits, as listed in the test resource
 * {@code slack/blockkit-limits.tsv} (derived from the JSDoc of the official {@code @slack/types} 3.2.0; its header
 * says how). Slack refuses a whole message or view over any of them, so the fake Slack Web API asks this of every
 * message and view Pacer sends, and the tests fail on any answer.
 */
public final class BlockKitLimits {

    /** The surfaces a payload can be: a message (chat.postMessage, chat.postEphemeral, response_url) or a view. */
    public enum Surface { MESSAGE, MODAL, HOME }

    public record Limit(String object, String property, String check, int limit, String source) {
    }

    public static final String RESOURCE = "/slack/blockkit-limits.tsv";
    public static final List<Limit> LIMITS = load();

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keys whose items are options, which carry no "type" of their own. */
    private static final Set<String> OPTION_KEYS = Set.of("options", "initial_options");

    private BlockKitLimits() {
    }

    /** What is over a limit in {@code payload} (a message's {@code {text, blocks}} or a view); empty when nothing. */
    public static List<String> problems(Surface surface, JsonNode payload) {
        List<String> problems = new ArrayList<>();
        check(surface.name().toLowerCase(), payload, "$", problems);
        walk(payload, "$", problems);
        return problems;
    }

    public static String report(String what, JsonNode payload, List<String> problems) {
        return what + " breaks Slack's Block Kit limits:\n  - " + String.join("\n  - ", problems) + "\npayload: "
                + AdaptiveCardSchema.pretty(payload);
    }

    private static void walk(JsonNode node, String path, List<String> problems) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                String key = field.getKey();
                JsonNode value = field.getValue();
                String at = path + "." + key;
                if (OPTION_KEYS.contains(key) && value.isArray()) {
                    for (int i = 0; i < value.size(); i++) {
                        check("option", value.get(i), at + "[" + i + "]", problems);
                    }
                } else if (key.equals("initial_option")) {
                    check("option", value, at, problems);
                } else if (key.equals("option_groups") && value.isArray()) {
                    for (int i = 0; i < value.size(); i++) {
                        check("option_group", value.get(i), at + "[" + i + "]", problems);
                    }
                } else if (key.equals("confirm") && value.isObject()) {
                    check("confirm", value, at, problems);
                }
                walk(value, at, problems);
            });
            // the root is checked as its surface (a view's type is its surface)
            if (!path.equals("$") && node.hasNonNull("type") && node.get("type").isTextual()) {
                check(node.get("type").asText(), node, path, problems);
            }
            check("*", node, path, problems);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    private static void check(String object, JsonNode node, String path, List<String> problems) {
        if (!node.isObject()) {
            return;
        }
        for (Limit limit : LIMITS) {
            if (!limit.object().equals(object) || !node.has(limit.property())) {
                continue;
            }
            JsonNode value = node.get(limit.property());
            String at = path + "." + limit.property();
            String broken = switch (limit.check()) {
                case "max_chars" -> length(value) > limit.limit() ? length(value) + " characters" : null;
                case "min_chars" -> length(value) < limit.limit() ? length(value) + " characters" : null;
                case "max_items" -> value.size() > limit.limit() ? value.size() + " items" : null;
                case "max_value" -> value.asInt() > limit.limit() ? "the value " + value.asInt() : null;
                case "max_chars_each" -> {
                    String over = null;
                    for (int i = 0; i < value.size(); i++) {
                        if (length(value.get(i)) > limit.limit()) {
                            over = "item " + i + " has " + length(value.get(i)) + " characters";
                        }
                    }
                    yield over;
                }
                default -> throw new IllegalStateException("unknown check " + limit.check() + " in " + RESOURCE);
            };
            if (broken != null) {
                problems.add(at + ": " + broken + ", " + limit.check().replace('_', ' ') + " " + limit.limit()
                        + " (" + object + ", " + limit.source() + ")");
            }
        }
    }

    /** A string's length, or a text object's text's. */
    private static int length(JsonNode value) {
        JsonNode text = value.isObject() ? value.path("text") : value;
        return text.isTextual() ? text.asText().length() : 0;
    }

    private static List<Limit> load() {
        List<Limit> limits = new ArrayList<>();
        try (InputStream in = BlockKitLimits.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t");
                limits.add(new Limit(cells[0], cells[1], cells[2], Integer.parseInt(cells[3]), cells[4]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(limits);
    }
}
