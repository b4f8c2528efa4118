package app.pacer.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Slack Web API methods Pacer calls, faked once, one handler per method, answering in Slack's wire format
 * ({@code ok}, {@code ts}, {@code channel}, {@code {"ok":false,"error":…}}, 429 with {@code Retry-After}); also the
 * response URLs and the file upload URLs it hands out. The playground serves it on Pacer's own HTTP server
 * ({@link FakeSlackResource}); the tests serve it on a loopback port. What differs between the two — the team, who
 * is in it, which channels and triggers exist, faults to inject, what to do with what Pacer sent — is the
 * {@link Workspace} each hands in. It keeps what Slack itself would keep: channel history and uploaded files.
 * It reads and writes JSON and form fields; it needs no Slack SDK.
 */
public final class FakeSlackWebApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One Web API method: the call's parameters (form fields or JSON body) in, Slack's JSON answer out. */
    @FunctionalInterface
    public interface MethodHandler {
        ObjectNode answer(JsonNode params);
    }

    /** The team the fake pretends to be, as {@code auth.test} names it. */
    public record Team(String id, String name, String url, String botUserId, String botId) {
    }

    /**
     * A member as {@code users.info} describes them; a null {@code teamId} is left out. A {@code guest} is a
     * multi-channel guest ({@code is_restricted}).
     */
    public record User(String id, String teamId, String name, String realName, String displayName, String timeZone,
            String locale, boolean guest) {

        public User(String id, String teamId, String name, String realName, String displayName, String timeZone,
                String locale) {
            this(id, teamId, name, realName, displayName, timeZone, locale, false);
        }
    }

    /** What a message says: its text and Block Kit blocks (form fields carry the blocks as a JSON string). */
    public record Message(String text, ArrayNode blocks) {

        static Message of(JsonNode params) {
            JsonNode blocks = json(params.path("blocks"));
            return new Message(params.path("text").asText(""),
                    blocks != null && blocks.isArray() ? (ArrayNode) blocks : JSON.createArrayNode());
        }

        /** {@code {"text": …, "blocks": […]}}. */
        public ObjectNode toJson() {
            ObjectNode json = JSON.createObjectNode().put("text", text);
            json.set("blocks", blocks);
            return json;
        }
    }

    /** A message Pacer posted: {@code chat.postMessage}, or {@code chat.postEphemeral} to {@code user}. */
    public record Post(String channel, String user, String ts, boolean ephemeral, Message message) {
    }

    /** A file shared into a channel by {@code files.completeUploadExternal}: the name it was uploaded with. */
    public record SharedFile(String id, String name, String title) {

        ObjectNode toJson() {
            return JSON.createObjectNode().put("id", id).put("name", name).put("title", title);
        }
    }

    /** An HTTP answer: status, content type, body and extra headers. */
    public record Answer(int status, String contentType, String body, Map<String, String> headers) {

        static Answer json(JsonNode body) {
            return new Answer(200, "application/json", body.toString(), Map.of());
        }

        static Answer text(int status, String body) {
            return new Answer(status, "text/plain", body, Map.of());
        }
    }

    /**
     * How to fail one call instead of answering it: before it takes effect (429, 500, no answer in time), or after
     * ({@link #answerLost()}: what it asked for happened, but the answer never arrived, so a retry must not repeat it).
     */
    public record Fault(Answer answer, Duration stall, boolean tookEffect) {

        /** 429 with {@code Retry-After: 1}, as Slack answers a call above a method's rate limit. */
        public static Fault rateLimited() {
            return new Fault(new Answer(429, "application/json", "{\"ok\":false,\"error\":\"ratelimited\"}",
                    Map.of("Retry-After", "1")), Duration.ZERO, false);
        }

        public static Fault serverError() {
            return new Fault(Answer.text(500, "oops"), Duration.ZERO, false);
        }

        /** No answer for {@code stall} (longer than the caller waits), then a 500. */
        public static Fault timeout(Duration stall) {
            return new Fault(Answer.text(500, "too late"), stall, false);
        }

        public static Fault answerLost() {
            return new Fault(Answer.text(500, "lost answer"), Duration.ZERO, true);
        }

        Answer happen() {
            if (!stall.isZero()) {
                try {
                    Thread.sleep(stall.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return answer;
        }
    }

    /**
     * The workspace behind the fake: who is in it, what exists, and what its owner does with what Pacer sent.
     * The defaults are a workspace where every channel and trigger exists and nothing fails.
     */
    public interface Workspace {

        Team team();

        /** Whether a bot token (from the {@code token} field or the {@code Authorization} header) is this app's. */
        boolean validToken(String token);

        /** The DM channel with {@code user}, or empty when there is no such user ({@code user_not_found}). */
        Optional<String> directMessageChannel(String user);

        /** {@code users.info}, or empty when there is no such user ({@code user_not_found}). */
        Optional<User> user(String id);

        /** Where {@code files.getUploadURLExternal} tells Pacer to upload the file with this id. */
        String uploadUrl(String fileId);

        /** For {@code files.completeUploadExternal}: false answers {@code channel_not_found}. */
        default boolean channelExists(String channel) {
            return true;
        }

        /** A fault to answer this call with instead of the method's answer; asked once per call of a known method. */
        default Optional<Fault> fault(String method, JsonNode params) {
            return Optional.empty();
        }

        /** Pacer posted a message (also when its answer is then lost to a fault). */
        default void posted(Post post) {
        }

        /** {@code views.open}: shows the modal where the trigger came from; false answers {@code invalid_trigger_id}. */
        default boolean viewOpened(String triggerId, String viewId, ObjectNode view) {
            return true;
        }

        /** Files were shared into {@code channel}. */
        default void filesShared(String channel, List<SharedFile> files) {
        }

        /**
         * What Slack would refuse in a message ({@code surface} "message": chat.postMessage, chat.postEphemeral, a
         * response URL) or a view ("modal", "home"): any answer refuses the call as Slack does ({@code invalid_blocks}
         * for a message, {@code invalid_arguments} for a view) and nothing is posted. The tests hold every payload
         * to Slack's documented Block Kit limits here; the playground takes what it gets.
         */
        default List<String> blockProblems(String surface, JsonNode payload) {
            return List.of();
        }

        /** Pacer answered at a response URL; false when no such URL was handed out (404). */
        default boolean responded(String responseId, Message message, boolean inChannel) {
            return true;
        }
    }

    private final Workspace workspace;
    private final Clock clock;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, List<JsonNode>> history = new ConcurrentHashMap<>();
    private final Map<String, String> fileNames = new ConcurrentHashMap<>();
    private final Map<String, byte[]> uploads = new ConcurrentHashMap<>();
    private final Map<String, MethodHandler> methods = Map.ofEntries(
            Map.entry("auth.test", this::authTest),
            Map.entry("chat.postMessage", this::postMessage),
            Map.entry("chat.postEphemeral", this::postEphemeral),
            Map.entry("conversations.open", this::openConversation),
            Map.entry("conversations.history", this::conversationHistory),
            Map.entry("users.info", this::userInfo),
            Map.entry("views.open", this::openView),
            Map.entry("views.publish", this::publishView),
            Map.entry("files.getUploadURLExternal", this::uploadUrl),
            Map.entry("files.completeUploadExternal", this::completeUpload));

    /** {@code clock} gives the seconds of the message timestamps ({@code ts}) it hands out. */
    public FakeSlackWebApi(Workspace workspace, Clock clock) {
        this.workspace = workspace;
        this.clock = clock;
    }

    /** One call of a Web API method, as {@code POST <api-url><method>} with its parameters. */
    public Answer call(String method, JsonNode params, String authorization) {
        String token = params.path("token").asText(authorization == null ? "" : authorization.replaceFirst("^Bearer ", ""));
        if (!workspace.validToken(token)) {
            return Answer.json(error("invalid_auth"));
        }
        MethodHandler handler = methods.get(method);
        if (handler == null) {
            return Answer.json(error("unknown_method"));
        }
        Optional<Fault> fault = workspace.fault(method, params);
        if (fault.isPresent() && !fault.get().tookEffect()) {
            return fault.get().happen();
        }
        ObjectNode answer = handler.answer(params);
        return fault.map(Fault::happen).orElseGet(() -> Answer.json(answer));
    }

    /** Pacer's answer posted to a response URL. */
    public Answer respond(String responseId, JsonNode body) {
        JsonNode answer = body == null ? JSON.createObjectNode() : body;
        boolean inChannel = "in_channel".equals(answer.path("response_type").asText());
        List<String> problems = workspace.blockProblems("message", Message.of(answer).toJson());
        if (!problems.isEmpty()) {
            return Answer.text(400, "invalid_blocks");
        }
        return workspace.responded(responseId, Message.of(answer), inChannel) ? Answer.text(200, "ok")
                : Answer.text(404, "no such response_url");
    }

    /** The bytes posted to a file's upload URL; kept only for a file id this fake handed out. */
    public Answer upload(String fileId, byte[] content) {
        if (fileNames.containsKey(fileId)) {
            uploads.put(fileId, content);
        }
        return Answer.text(200, "OK - " + content.length);
    }

    /** Messages posted and files shared, by channel, oldest first (read-only; live). */
    public Map<String, List<JsonNode>> history() {
        return Collections.unmodifiableMap(history);
    }

    /** Uploaded bytes by file id (read-only; live). */
    public Map<String, byte[]> uploads() {
        return Collections.unmodifiableMap(uploads);
    }

    /** The names files were announced with in {@code files.getUploadURLExternal}, by file id (read-only; live). */
    public Map<String, String> fileNames() {
        return Collections.unmodifiableMap(fileNames);
    }

    // --- one handler per method ------------------------------------------------------------------------------

    private ObjectNode authTest(JsonNode params) {
        Team team = workspace.team();
        return ok().put("url", team.url()).put("team", team.name()).put("user", "pacer").put("team_id", team.id())
                .put("user_id", team.botUserId()).put("bot_id", team.botId()).put("is_enterprise_install", false);
    }

    private ObjectNode postMessage(JsonNode params) {
        String channel = params.path("channel").asText();
        List<String> problems = workspace.blockProblems("message", Message.of(params).toJson());
        if (!problems.isEmpty()) {
            return invalidBlocks(problems);
        }
        String ts = nextTs();
        ObjectNode kept = JSON.createObjectNode().put("type", "message").put("ts", ts).put("text", params.path("text").asText());
        JsonNode metadata = json(params.path("metadata"));
        if (metadata != null) {
            kept.set("metadata", metadata);
        }
        keep(channel, kept);
        workspace.posted(new Post(channel, params.path("user").asText(), ts, false, Message.of(params)));
        return ok().put("channel", channel).put("ts", ts);
    }

    /** Seen only by {@code user}, and not kept in the channel's history. */
    private ObjectNode postEphemeral(JsonNode params) {
        List<String> problems = workspace.blockProblems("message", Message.of(params).toJson());
        if (!problems.isEmpty()) {
            return invalidBlocks(problems);
        }
        String ts = nextTs();
        workspace.posted(new Post(params.path("channel").asText(), params.path("user").asText(), ts, true, Message.of(params)));
        return ok().put("message_ts", ts);
    }

    private ObjectNode openConversation(JsonNode params) {
        String user = params.path("users").asText().split(",")[0].trim();
        return workspace.directMessageChannel(user).map(channel -> {
            ObjectNode ok = ok();
            ok.putObject("channel").put("id", channel).put("is_im", true);
            return ok;
        }).orElseGet(() -> error("user_not_found"));
    }

    /** Newest first, all of it in one page. */
    private ObjectNode conversationHistory(JsonNode params) {
        ObjectNode ok = ok();
        ArrayNode messages = ok.putArray("messages");
        List<JsonNode> kept = history.getOrDefault(params.path("channel").asText(), List.of());
        for (int i = kept.size() - 1; i >= 0; i--) {
            messages.add(kept.get(i));
        }
        return ok.put("has_more", false);
    }

    private ObjectNode userInfo(JsonNode params) {
        return workspace.user(params.path("user").asText()).map(user -> {
            ObjectNode ok = ok();
            ObjectNode json = ok.putObject("user").put("id", user.id());
            if (user.teamId() != null) {
                json.put("team_id", user.teamId());
            }
            json.put("name", user.name()).put("real_name", user.realName()).put("tz", user.timeZone()).put("locale", user.locale())
                    .put("is_restricted", user.guest()).put("is_ultra_restricted", false);
            json.putObject("profile").put("display_name", user.displayName()).put("real_name", user.realName());
            return ok;
        }).orElseGet(() -> error("user_not_found"));
    }

    private ObjectNode openView(JsonNode params) {
        JsonNode view = json(params.path("view"));
        if (view == null || !view.isObject()) {
            return error("invalid_arguments");
        }
        List<String> problems = workspace.blockProblems(view.path("type").asText("modal"), view);
        if (!problems.isEmpty()) {
            return invalidArguments(problems);
        }
        String viewId = "V" + ids.incrementAndGet();
        if (!workspace.viewOpened(params.path("trigger_id").asText(), viewId, (ObjectNode) view)) {
            return error("invalid_trigger_id");
        }
        ObjectNode ok = ok();
        ok.putObject("view").put("id", viewId);
        return ok;
    }

    private ObjectNode publishView(JsonNode params) {
        JsonNode view = json(params.path("view"));
        if (view == null || !view.isObject()) {
            return error("invalid_arguments");
        }
        List<String> problems = workspace.blockProblems(view.path("type").asText("home"), view);
        if (!problems.isEmpty()) {
            return invalidArguments(problems);
        }
        ObjectNode ok = ok();
        ok.putObject("view").put("id", "V" + ids.incrementAndGet());
        return ok;
    }

    private ObjectNode uploadUrl(JsonNode params) {
        String id = "F" + ids.incrementAndGet();
        fileNames.put(id, params.path("filename").asText(id));
        return ok().put("upload_url", workspace.uploadUrl(id)).put("file_id", id);
    }

    /** Shares uploaded files into {@code channel_id} (optional: without it they stay private). */
    private ObjectNode completeUpload(JsonNode params) {
        String channel = params.path("channel_id").asText();
        if (!channel.isEmpty() && !workspace.channelExists(channel)) {
            return error("channel_not_found");
        }
        JsonNode files = json(params.path("files"));
        List<SharedFile> shared = new ArrayList<>();
        for (JsonNode file : files != null && files.isArray() ? files : JSON.createArrayNode()) {
            String id = file.path("id").asText();
            if (!uploads.containsKey(id)) {
                return error("file_not_found");
            }
            shared.add(new SharedFile(id, fileNames.getOrDefault(id, id), file.path("title").asText()));
        }
        if (shared.isEmpty()) {
            return error("file_not_found");
        }
        ObjectNode ok = ok();
        ArrayNode answered = ok.putArray("files");
        // as Slack does: the share shows in the channel's history
        ObjectNode message = JSON.createObjectNode().put("type", "message").put("ts", nextTs());
        ArrayNode inMessage = message.putArray("files");
        for (SharedFile file : shared) {
            answered.add(file.toJson());
            inMessage.add(file.toJson());
        }
        if (!channel.isEmpty()) {
            keep(channel, message);
            workspace.filesShared(channel, shared);
        }
        return ok;
    }

    // ---------------------------------------------------------------------------------------------------------

    private void keep(String channel, JsonNode message) {
        history.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(message);
    }

    private String nextTs() {
        return clock.instant().getEpochSecond() + "." + String.format("%06d", ids.incrementAndGet() % 1_000_000);
    }

    private static ObjectNode ok() {
        return JSON.createObjectNode().put("ok", true);
    }

    private static ObjectNode error(String error) {
        return JSON.createObjectNode().put("ok", false).put("error", error);
    }

    /** As Slack refuses a message whose blocks it will not take. */
    private static ObjectNode invalidBlocks(List<String> problems) {
        ObjectNode error = error("invalid_blocks");
        problems.forEach(error.putArray("errors")::add);
        return error;
    }

    /** As Slack refuses a view it will not take: the reasons in {@code response_metadata.messages}. */
    private static ObjectNode invalidArguments(List<String> problems) {
        ObjectNode error = error("invalid_arguments");
        ArrayNode messages = error.putObject("response_metadata").putArray("messages");
        problems.forEach(problem -> messages.add("[ERROR] " + problem));
        return error;
    }

    /** Form fields carry JSON as strings; JSON bodies carry it as is. Null when absent or not JSON. */
    static JsonNode json(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            return node;
        }
        try {
            return JSON.readTree(node.asText());
        } catch (Exception e) {
            return null;
        }
    }

    /** A request's form fields (what the Slack SDK sends) or its JSON body, as one JSON object (empty when neither). */
    public static JsonNode params(String contentType, byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        if (contentType != null && contentType.contains("x-www-form-urlencoded")) {
            ObjectNode node = JSON.createObjectNode();
            form(text).forEach(node::put);
            return node;
        }
        try {
            JsonNode parsed = text.isBlank() ? null : JSON.readTree(text);
            return parsed != null && parsed.isObject() ? parsed : JSON.createObjectNode();
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    /** {@code a=1&b=2}, URL-decoded; a field with a malformed escape is skipped. */
    public static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                form.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed escape: skip the field
            }
        }
        return form;
    }
}
