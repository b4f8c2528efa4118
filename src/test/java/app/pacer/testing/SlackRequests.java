package app.pacer.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.app_backend.SlackSignature;
import io.restassured.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Builds Slack requests and signs them exactly as Slack does (v0 HMAC-SHA256 over {@code v0:<ts>:<body>}). */
public final class SlackRequests {

    public static final ObjectMapper JSON = new ObjectMapper();

    private SlackRequests() {
    }

    /** A slash command as Slack posts it (form-encoded), signed now. */
    public static Response slash(String teamId, String userId, String text, String responseId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "deprecated-verification-token");
        form.put("team_id", teamId);
        form.put("team_domain", "acme-" + teamId.toLowerCase());
        form.put("channel_id", "C0SALES");
        form.put("channel_name", "sales");
        form.put("user_id", userId);
        form.put("user_name", "user-" + userId.toLowerCase());
        form.put("command", "/pacer");
        form.put("text", text);
        form.put("api_app_id", "A0PACER");
        form.put("is_enterprise_install", "false");
        form.put("response_url", FakePlatforms.responseUrl(responseId));
        form.put("trigger_id", "13345224609.738474920.8088930838d88f008e0");
        return post(formBody(form), "application/x-www-form-urlencoded", Instant.now().getEpochSecond(), SIGN);
    }

    /** Sends {@code /pacer text} and returns what Pacer posted to the command's response_url. */
    public static com.fasterxml.jackson.databind.JsonNode command(String team, String user, String text) {
        String responseId = UUID.randomUUID().toString();
        slash(team, user, text, responseId).then().statusCode(200);
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(
                () -> FakePlatforms.calls("POST", "/slack/response/" + responseId),
                calls -> !calls.isEmpty()).get(0).body();
    }

    /** An interactivity payload ({@code block_actions}, {@code view_submission}) as Slack posts it. */
    public static Response interaction(ObjectNode payload) {
        return post("payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded", Instant.now().getEpochSecond(), SIGN);
    }

    /**
     * A {@code view_submission} of one of Pacer's modals, as Slack posts it: the modal's private metadata
     * comes back unchanged, {@code state} fills in the inputs' values (block id → {@code {"v": element state}}).
     */
    public static ObjectNode viewSubmission(String team, String user, com.fasterxml.jackson.databind.JsonNode view,
            java.util.function.Consumer<ObjectNode> state) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("type", "view_submission");
        payload.putObject("team").put("id", team).put("domain", "acme");
        payload.putObject("user").put("id", user).put("name", "user").put("team_id", team);
        ObjectNode submitted = payload.putObject("view");
        submitted.put("id", "V" + UUID.randomUUID().toString().substring(0, 8)).put("type", "modal")
                .put("callback_id", "pacer:form").put("private_metadata", view.path("private_metadata").asText());
        state.accept(submitted.putObject("state").putObject("values"));
        return payload;
    }

    public static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(json, e);
        }
    }

    /** An Events API callback. */
    public static Response event(ObjectNode envelope, Map<String, String> extraHeaders) {
        return post(envelope.toString(), "application/json", Instant.now().getEpochSecond(), SIGN, extraHeaders);
    }

    /** The member switches to Pacer's App Home tab ({@code app_home_opened}, a new event id each time). */
    public static Response openHome(String team, String user) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("token", "x").put("team_id", team).put("api_app_id", "A0PACER").put("type", "event_callback")
                .put("event_id", "Ev" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase())
                .put("event_time", Instant.now().getEpochSecond());
        envelope.putObject("event").put("type", "app_home_opened").put("user", user).put("channel", "D0HOME")
                .put("tab", "home").put("event_ts", Instant.now().getEpochSecond() + ".000100");
        return event(envelope, Map.of());
    }

    public static String formBody(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public static final Signer SIGN = (timestamp, body) ->
            new SlackSignature.Generator(FakePlatforms.SIGNING_SECRET).generate(String.valueOf(timestamp), body);

    @FunctionalInterface
    public interface Signer {
        String sign(long timestamp, String body);
    }

    public static Response post(String body, String contentType, long timestamp, Signer signer) {
        return post(body, contentType, timestamp, signer, Map.of());
    }

    public static Response post(String body, String contentType, long timestamp, Signer signer, Map<String, String> extraHeaders) {
        var request = given().contentType(contentType + "; charset=utf-8")
                .header("X-Slack-Request-Timestamp", String.valueOf(timestamp))
                .header("X-Slack-Signature", signer.sign(timestamp, body));
        extraHeaders.forEach(request::header);
        return request.body(body).when().post("/slack/events");
    }

    public static String newTeam() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }

    public static String newUser() {
        return "U" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }
}
