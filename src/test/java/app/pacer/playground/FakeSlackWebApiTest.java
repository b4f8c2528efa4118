package app.pacer.playground;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** The fake Slack Web API the playground and the tests share: one handler per method, in Slack's wire format. */
class FakeSlackWebApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "xoxb-unit";

    private final Queue<FakeSlackWebApi.Fault> faults = new ConcurrentLinkedQueue<>();
    private final List<FakeSlackWebApi.Post> posts = new ArrayList<>();
    private final List<String> shared = new ArrayList<>();
    private final FakeSlackWebApi slack = new FakeSlackWebApi(new FakeSlackWebApi.Workspace() {
        @Override
        public FakeSlackWebApi.Team team() {
            return new FakeSlackWebApi.Team("T1", "Unit", "https://unit.slack.invalid/", "UBOT", "BBOT");
        }

        @Override
        public boolean validToken(String token) {
            return TOKEN.equals(token);
        }

        @Override
        public Optional<String> directMessageChannel(String user) {
            return user.equals("UANN") ? Optional.of("DANN") : Optional.empty();
        }

        @Override
        public Optional<FakeSlackWebApi.User> user(String id) {
            return id.equals("UANN") ? Optional.of(new FakeSlackWebApi.User(id, "T1", "ann", "Ann Lee", "Ann", "Asia/Shanghai", "zh-CN"))
                    : Optional.empty();
        }

        @Override
        public String uploadUrl(String fileId) {
            return "http://files.invalid/" + fileId;
        }

        @Override
        public boolean channelExists(String channel) {
            return !channel.equals("CGONE");
        }

        @Override
        public Optional<FakeSlackWebApi.Fault> fault(String method, JsonNode params) {
            return method.equals("chat.postMessage") ? Optional.ofNullable(faults.poll()) : Optional.empty();
        }

        @Override
        public void posted(FakeSlackWebApi.Post post) {
            posts.add(post);
        }

        @Override
        public boolean viewOpened(String triggerId, String viewId, ObjectNode view) {
            return triggerId.equals("trigger-1");
        }

        @Override
        public void filesShared(String channel, List<FakeSlackWebApi.SharedFile> files) {
            files.forEach(file -> shared.add(channel + ":" + file.name()));
        }

        @Override
        public boolean responded(String responseId, FakeSlackWebApi.Message message, boolean inChannel) {
            return responseId.equals("r1");
        }
    }, Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC));

    private JsonNode call(String method, Map<String, String> form) throws Exception {
        FakeSlackWebApi.Answer answer = slack.call(method, params(form), "Bearer " + TOKEN);
        assertEquals(200, answer.status(), answer.body());
        assertEquals("application/json", answer.contentType());
        return JSON.readTree(answer.body());
    }

    /** As the Slack SDK sends them: form fields, JSON values as strings. */
    private static JsonNode params(Map<String, String> form) {
        ObjectNode params = JSON.createObjectNode();
        form.forEach(params::put);
        return params;
    }

    @Test
    void aKnownMethodAnswersAndAnUnknownOneAnswersUnknownMethod() throws Exception {
        JsonNode auth = call("auth.test", Map.of());
        assertTrue(auth.path("ok").asBoolean());
        assertEquals("T1", auth.path("team_id").asText());
        assertEquals("UBOT", auth.path("user_id").asText());
        assertEquals("BBOT", auth.path("bot_id").asText());

        assertEquals("{\"ok\":false,\"error\":\"unknown_method\"}", call("chat.scheduleMessage", Map.of()).toString());
    }

    @Test
    void aForeignTokenIsRefusedBeforeAnyMethod() {
        FakeSlackWebApi.Answer answer = slack.call("auth.test", params(Map.of("token", "xoxb-other")), "Bearer " + TOKEN);
        assertEquals(200, answer.status());
        assertEquals("{\"ok\":false,\"error\":\"invalid_auth\"}", answer.body());
        assertEquals("{\"ok\":false,\"error\":\"invalid_auth\"}", slack.call("auth.test", params(Map.of()), null).body());
    }

    @Test
    void aPostedMessageAnswersItsTsAndIsKeptInHistoryWithItsMetadataNewestFirst() throws Exception {
        JsonNode first = call("chat.postMessage", Map.of("channel", "C1", "text", "one",
                "blocks", "[{\"type\":\"section\"}]", "metadata", "{\"event_type\":\"pacer\",\"event_payload\":{\"key\":\"k1\"}}"));
        JsonNode second = call("chat.postMessage", Map.of("channel", "C1", "text", "two"));
        assertTrue(first.path("ok").asBoolean());
        assertEquals("C1", first.path("channel").asText());
        assertTrue(first.path("ts").asText().matches("1700000000\\.\\d{6}"), first.toString());
        assertFalse(first.path("ts").asText().equals(second.path("ts").asText()));

        JsonNode history = call("conversations.history", Map.of("channel", "C1"));
        assertEquals(List.of("two", "one"), history.path("messages").findValuesAsText("text"));
        assertEquals("k1", history.path("messages").get(1).path("metadata").path("event_payload").path("key").asText());
        assertFalse(history.path("has_more").asBoolean());
        assertEquals(1, posts.get(0).message().blocks().size());
        assertEquals(0, call("conversations.history", Map.of("channel", "C2")).path("messages").size());
    }

    @Test
    void anEphemeralMessageIsForOneUserAndNotKept() throws Exception {
        JsonNode answer = call("chat.postEphemeral", Map.of("channel", "C1", "user", "UANN", "text", "psst"));
        assertTrue(answer.path("message_ts").asText().startsWith("1700000000."));
        assertTrue(posts.get(0).ephemeral());
        assertEquals("UANN", posts.get(0).user());
        assertTrue(slack.history().isEmpty());
    }

    @Test
    void aRateLimitAnswers429WithRetryAfterAndPostsNothing() throws Exception {
        faults.add(FakeSlackWebApi.Fault.rateLimited());
        FakeSlackWebApi.Answer limited = slack.call("chat.postMessage", params(Map.of("channel", "C1", "text", "x")), "Bearer " + TOKEN);
        assertEquals(429, limited.status());
        assertEquals("1", limited.headers().get("Retry-After"));
        assertEquals("{\"ok\":false,\"error\":\"ratelimited\"}", limited.body());
        assertTrue(posts.isEmpty());
        assertTrue(slack.history().isEmpty());
    }

    @Test
    void aLostAnswerStillPosts() {
        faults.add(FakeSlackWebApi.Fault.answerLost());
        FakeSlackWebApi.Answer lost = slack.call("chat.postMessage", params(Map.of("channel", "C1", "text", "x")), "Bearer " + TOKEN);
        assertEquals(500, lost.status());
        assertEquals(1, slack.history().get("C1").size());
        assertEquals(1, posts.size());
    }

    @Test
    void usersAndDirectMessagesComeFromTheWorkspace() throws Exception {
        JsonNode user = call("users.info", Map.of("user", "UANN")).path("user");
        assertEquals("T1", user.path("team_id").asText());
        assertEquals("Asia/Shanghai", user.path("tz").asText());
        assertEquals("zh-CN", user.path("locale").asText());
        assertEquals("Ann", user.path("profile").path("display_name").asText());
        assertEquals("user_not_found", call("users.info", Map.of("user", "UNOBODY")).path("error").asText());

        JsonNode opened = call("conversations.open", Map.of("users", "UANN"));
        assertEquals("DANN", opened.path("channel").path("id").asText());
        assertTrue(opened.path("channel").path("is_im").asBoolean());
        assertEquals("user_not_found", call("conversations.open", Map.of("users", "UNOBODY")).path("error").asText());
    }

    @Test
    void aModalNeedsAKnownTrigger() throws Exception {
        String view = "{\"type\":\"modal\",\"callback_id\":\"log\"}";
        assertTrue(call("views.open", Map.of("trigger_id", "trigger-1", "view", view)).path("view").path("id").asText().startsWith("V"));
        assertEquals("invalid_trigger_id", call("views.open", Map.of("trigger_id", "expired", "view", view)).path("error").asText());
        assertEquals("invalid_arguments", call("views.open", Map.of("trigger_id", "trigger-1")).path("error").asText());
        assertTrue(call("views.publish", Map.of("user_id", "UANN", "view", "{\"type\":\"home\"}")).path("ok").asBoolean());
    }

    @Test
    void aFileIsAnnouncedUploadedAndSharedIntoTheChannelsHistory() throws Exception {
        JsonNode url = call("files.getUploadURLExternal", Map.of("filename", "chart.png", "length", "3"));
        String id = url.path("file_id").asText();
        assertEquals("http://files.invalid/" + id, url.path("upload_url").asText());
        String files = "[{\"id\":\"" + id + "\",\"title\":\"Team progress\"}]";
        assertEquals("file_not_found", call("files.completeUploadExternal", Map.of("channel_id", "C1", "files", files))
                .path("error").asText(), "not uploaded yet");

        byte[] png = "png".getBytes(StandardCharsets.UTF_8);
        assertEquals(200, slack.upload(id, png).status());
        assertEquals(200, slack.upload("FUNKNOWN", png).status());
        assertFalse(slack.uploads().containsKey("FUNKNOWN"), "only what was announced is kept");

        JsonNode complete = call("files.completeUploadExternal", Map.of("channel_id", "C1", "files", files));
        assertEquals("chart.png", complete.path("files").get(0).path("name").asText());
        assertEquals("Team progress", complete.path("files").get(0).path("title").asText());
        assertArrayEquals(png, slack.uploads().get(id));
        assertEquals(id, slack.history().get("C1").get(0).path("files").get(0).path("id").asText());
        assertEquals(List.of("C1:chart.png"), shared);
        assertEquals("channel_not_found", call("files.completeUploadExternal", Map.of("channel_id", "CGONE", "files", files))
                .path("error").asText());
    }

    @Test
    void aResponseUrlAnswersOkOr404() {
        JsonNode body = FakeSlackWebApi.params("application/json", "{\"text\":\"hi\",\"response_type\":\"in_channel\"}"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(200, slack.respond("r1", body).status());
        assertEquals(404, slack.respond("r2", body).status());
    }

    @Test
    void formFieldsAndJsonBodiesReadAsOneObject() {
        JsonNode form = FakeSlackWebApi.params("application/x-www-form-urlencoded; charset=utf-8",
                "channel=C1&text=a+b%20%E4%BD%A0&bad=%zz".getBytes(StandardCharsets.UTF_8));
        assertEquals("C1", form.path("channel").asText());
        assertEquals("a b 你", form.path("text").asText());
        assertFalse(form.has("bad"));
        assertEquals(0, FakeSlackWebApi.params("application/json", "[1]".getBytes(StandardCharsets.UTF_8)).size());
        assertEquals(0, FakeSlackWebApi.params("application/json", "{".getBytes(StandardCharsets.UTF_8)).size());
    }
}
