package app.pacer.platform.slack;

import app.pacer.core.reply.ActionRef;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Ids and payload encodings Pacer uses in Block Kit: every button and modal is Pacer's, recognised by prefix. */
final class SlackIds {

    static final String ACTION_PREFIX = "pacer:";
    static final Pattern ANY_ACTION = Pattern.compile(".*");
    static final String FORM_CALLBACK = "pacer:form";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackIds() {
    }

    /** {"c": command id, "a": {args}} — what a button carries back. */
    static String encodeAction(ActionRef action, int maxLength) {
        ObjectNode node = JSON.createObjectNode();
        node.put("c", action.commandId());
        ObjectNode args = node.putObject("a");
        action.args().forEach(args::put);
        String encoded = node.toString();
        if (encoded.length() > maxLength) {
            throw new IllegalArgumentException("Button payload too long for Slack: " + action.commandId());
        }
        return encoded;
    }

    static Optional<ActionRef> decodeAction(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(value);
            if (node == null || !node.hasNonNull("c")) {
                return Optional.empty();
            }
            Map<String, String> args = new LinkedHashMap<>();
            node.path("a").fields().forEachRemaining(e -> args.put(e.getKey(), e.getValue().asText()));
            return Optional.of(new ActionRef(node.get("c").asText(), args));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** What a modal remembers: the command, its fixed arguments, and where to answer. */
    record FormContext(ActionRef action, String channelId, String responseUrl) {

        String encode() {
            ObjectNode node = JSON.createObjectNode();
            node.put("c", action.commandId());
            ObjectNode args = node.putObject("a");
            action.args().forEach(args::put);
            if (channelId != null) {
                node.put("ch", channelId);
            }
            if (responseUrl != null) {
                node.put("ru", responseUrl);
            }
            return node.toString();
        }

        static Optional<FormContext> decode(String metadata) {
            Optional<ActionRef> action = decodeAction(metadata);
            if (action.isEmpty()) {
                return Optional.empty();
            }
            try {
                JsonNode node = JSON.readTree(metadata);
                return Optional.of(new FormContext(action.get(), textOrNull(node, "ch"), textOrNull(node, "ru")));
            } catch (JsonProcessingException e) {
                return Optional.empty();
            }
        }

        private static String textOrNull(JsonNode node, String field) {
            return node.hasNonNull(field) ? node.get(field).asText() : null;
        }
    }
}
