package app.pacer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/** Clicking a button of a Block Kit message that Pacer sent, as Slack posts the click. */
public final class SlackClicks {

    private SlackClicks() {
    }

    /** The value of the button labelled {@code label} in a Block Kit message. */
    public static String buttonValue(JsonNode message, String label) {
        for (JsonNode block : message.path("blocks")) {
            for (JsonNode element : block.path("elements")) {
                if (label.equals(element.path("text").path("text").asText())) {
                    return element.path("value").asText();
                }
            }
        }
        throw new AssertionError("no button " + label + " in " + message);
    }

    /** A click by {@code user} on a button whose value is {@code value}; the answer goes to {@code responseId}. */
    public static void click(String team, String user, String value, String responseId) {
        var payload = SlackRequests.JSON.createObjectNode();
        payload.put("type", "block_actions").put("trigger_id", "trigger-" + UUID.randomUUID())
                .put("response_url", FakePlatforms.responseUrl(responseId));
        payload.putObject("team").put("id", team).put("domain", "acme");
        payload.putObject("user").put("id", user).put("name", "user");
        payload.putArray("actions").addObject().put("type", "button").put("action_id", "pacer:0").put("block_id", "b")
                .put("value", value).put("action_ts", "1700000000.1");
        SlackRequests.interaction(payload).then().statusCode(200);
    }
}
