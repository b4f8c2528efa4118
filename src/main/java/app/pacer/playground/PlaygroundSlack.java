package app.pacer.playground;

import app.pacer.config.PacerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Slack side of the playground: what the page does becomes a signed request to {@code /slack/events}
 * (a slash command, a {@code block_actions} click, a {@code view_submission}), exactly as Slack would send it,
 * and what Pacer sends back to the fake Web API and response URLs lands on the page.
 */
@Singleton
public class PlaygroundSlack {

    static final String PLATFORM = "slack";
    static final String TEAM = "T0PLAYGRND";
    static final String TEAM_DOMAIN = "playground";
    static final String BOT_USER = "U0PGPACER";
    private static final FakeSlackWebApi.Team SLACK_TEAM = new FakeSlackWebApi.Team(TEAM, "Playground",
            "https://playground.slack.invalid/", BOT_USER, "B0PGPACER");
    private static final Pattern HANDLE = Pattern.compile("(?<![\\w<@])@([A-Za-z]+)\\b");

    private final Playground playground;
    private final PlaygroundFeed feed;
    private final PacerConfig config;
    private final AtomicLong ids = new AtomicLong();
    /** Response URL ids, trigger ids, modal view ids: whose they are, and where they were typed or clicked. */
    private final Map<String, Origin> responses = new ConcurrentHashMap<>();
    private final Map<String, Origin> triggers = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> views = new ConcurrentHashMap<>();
    private final FakeSlackWebApi webApi = new FakeSlackWebApi(new PlaygroundWorkspace(), Clock.systemUTC());

    public PlaygroundSlack(Playground playground, PlaygroundFeed feed, PacerConfig config) {
        this.playground = playground;
        this.feed = feed;
        this.config = config;
    }

    boolean enabled() {
        return config.slack().enabled();
    }

    /** Who did something, and where: what Pacer answers goes back there. */
    private record Origin(DemoMember member, Where where) {

        /** A message Pacer sent to a channel id: the team channel, or a member's DM (a user id means the DM too). */
        static Optional<Origin> of(String channel, String user) {
            if (DemoChannel.SLACK_ID.equals(channel)) {
                return Optional.of(new Origin(DemoMember.bySlackUser(user).orElse(null), Where.CHANNEL));
            }
            return DemoMember.bySlackChannel(channel).map(m -> new Origin(m, Where.DM));
        }

        String channelId() {
            return where == Where.CHANNEL ? DemoChannel.SLACK_ID : member.slackDmChannel();
        }

        String channelName() {
            return where == Where.CHANNEL ? DemoChannel.SLACK_NAME : "directmessage";
        }
    }

    /** Shows {@code body} where it was sent; {@code everyone}: a message in the channel, not an ephemeral one. */
    private void show(Origin origin, boolean everyone, String kind, String ref, ObjectNode body) {
        feed.add(PLATFORM, origin.where(), origin.member(), everyone, kind, ref, body);
    }

    /** Types {@code /pacer text} in the DM or the channel; returns the response URL id Pacer will answer. */
    String say(DemoMember member, Where where, String text, boolean hidden) {
        Origin origin = new Origin(member, where);
        String responseId = "r" + ids.incrementAndGet();
        if (hidden) {
            feed.hide(responseId);
        }
        responses.put(responseId, origin);
        String triggerId = trigger(origin);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "playground");
        form.put("team_id", TEAM);
        form.put("team_domain", TEAM_DOMAIN);
        form.put("channel_id", origin.channelId());
        form.put("channel_name", origin.channelName());
        form.put("user_id", member.slackUserId());
        form.put("user_name", member.key());
        form.put("command", "/pacer");
        form.put("text", mentions(text));
        form.put("api_app_id", "A0PLAYGRND");
        form.put("is_enterprise_install", "false");
        form.put("response_url", playground.fakeUrl() + "/slack/response/" + responseId);
        form.put("trigger_id", triggerId);
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        check(post(body, "application/x-www-form-urlencoded"));
        return responseId;
    }

    /** A click on a button of a message Pacer sent ({@code action}: action_id, block_id, value). */
    void click(DemoMember member, Where where, JsonNode action) {
        Origin origin = new Origin(member, where);
        String responseId = "r" + ids.incrementAndGet();
        responses.put(responseId, origin);
        ObjectNode payload = PlaygroundFeed.JSON.createObjectNode();
        payload.put("type", "block_actions");
        payload.put("api_app_id", "A0PLAYGRND");
        payload.put("token", "playground");
        payload.put("trigger_id", trigger(origin));
        payload.put("response_url", playground.fakeUrl() + "/slack/response/" + responseId);
        payload.putObject("team").put("id", TEAM).put("domain", TEAM_DOMAIN);
        payload.putObject("user").put("id", member.slackUserId()).put("name", member.key()).put("team_id", TEAM);
        payload.putObject("channel").put("id", origin.channelId()).put("name", origin.channelName());
        payload.putObject("container").put("type", "message").put("channel_id", origin.channelId());
        payload.putArray("actions").addObject().put("type", "button")
                .put("action_id", text(action, "action_id")).put("block_id", text(action, "block_id"))
                .put("value", text(action, "value")).put("action_ts", Instant.now().getEpochSecond() + ".000100");
        check(post("payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded"));
    }

    /**
     * Submits a modal: {@code values} maps block ids to the element's state as Slack sends it ({@code {"type":
     * "plain_text_input", "value": …}}, {@code selected_date}, {@code selected_option}). Returns the errors Pacer
     * answered with (block id → message), empty when the modal may close.
     */
    Map<String, String> submit(DemoMember member, String viewId, JsonNode values) {
        ObjectNode view = views.get(viewId);
        Origin opened = triggers.get("view:" + viewId);
        if (view == null || opened == null || !member.equals(opened.member())) {
            throw new IllegalArgumentException("no such form");
        }
        ObjectNode payload = PlaygroundFeed.JSON.createObjectNode();
        payload.put("type", "view_submission");
        payload.put("api_app_id", "A0PLAYGRND");
        payload.put("token", "playground");
        payload.put("trigger_id", trigger(opened));
        payload.putObject("team").put("id", TEAM).put("domain", TEAM_DOMAIN);
        payload.putObject("user").put("id", member.slackUserId()).put("name", member.key()).put("team_id", TEAM);
        ObjectNode submitted = payload.putObject("view");
        submitted.put("id", viewId).put("type", "modal").put("team_id", TEAM)
                .put("callback_id", view.path("callback_id").asText())
                .put("private_metadata", view.path("private_metadata").asText());
        ObjectNode state = submitted.putObject("state").putObject("values");
        if (values != null && values.isObject()) {
            values.fields().forEachRemaining(e -> {
                if (e.getValue().isObject()) {
                    state.putObject(e.getKey()).set("v", sanitizedState(e.getValue()));
                }
            });
        }
        Playground.Answer answer = post("payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded");
        check(answer);
        Map<String, String> errors = new LinkedHashMap<>();
        if (answer.body() != null && answer.body().contains("\"errors\"")) {
            try {
                PlaygroundFeed.JSON.readTree(answer.body()).path("errors").fields()
                        .forEachRemaining(e -> errors.put(e.getKey(), e.getValue().asText()));
            } catch (Exception e) {
                // not the errors answer: the modal closes
            }
        }
        if (errors.isEmpty()) {
            views.remove(viewId);
        }
        return errors;
    }

    /** Only the fields Slack itself sends for the element types Pacer uses. */
    private static ObjectNode sanitizedState(JsonNode in) {
        ObjectNode out = PlaygroundFeed.JSON.createObjectNode();
        String type = in.path("type").asText("plain_text_input");
        out.put("type", type);
        switch (type) {
            case "datepicker" -> {
                if (in.hasNonNull("selected_date")) {
                    out.put("selected_date", in.get("selected_date").asText());
                }
            }
            case "static_select" -> {
                if (in.path("selected_option").hasNonNull("value")) {
                    out.putObject("selected_option").put("value", in.path("selected_option").path("value").asText())
                            .putObject("text").put("type", "plain_text").put("text", in.path("selected_option").path("value").asText());
                }
            }
            default -> out.put("value", in.hasNonNull("value") ? in.get("value").asText() : null);
        }
        return out;
    }

    private String trigger(Origin origin) {
        String triggerId = "pg" + ids.incrementAndGet() + "." + Instant.now().toEpochMilli();
        triggers.put(triggerId, origin);
        return triggerId;
    }

    /** {@code @sam} → {@code <@U0PGSAM|sam>}, as Slack escapes mentions in slash commands. */
    static String mentions(String text) {
        String typed = text == null ? "" : text.strip();
        if (typed.startsWith("/pacer")) {
            typed = typed.substring("/pacer".length()).strip();
        }
        Matcher matcher = HANDLE.matcher(typed);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Optional<DemoMember> member = DemoMember.byKey(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(member
                    .map(m -> "<@" + m.slackUserId() + "|" + m.key() + ">").orElse(matcher.group())));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private Playground.Answer post(String body, String contentType) {
        long timestamp = Instant.now().getEpochSecond();
        return playground.post("/slack/events", body, contentType + "; charset=utf-8", Map.of(
                "X-Slack-Request-Timestamp", String.valueOf(timestamp),
                "X-Slack-Signature", sign(config.slack().signingSecret().orElse(""), timestamp, body)));
    }

    private static void check(Playground.Answer answer) {
        if (answer.status() >= 300) {
            throw new IllegalStateException("Pacer answered the Slack request with HTTP " + answer.status());
        }
    }

    /** Slack's v0 signature: HMAC-SHA256 of {@code v0:<timestamp>:<body>} with the signing secret. */
    static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        return node == null ? "" : node.path(field).asText("");
    }

    // --- the fake Web API: shared with the tests; here, what Pacer sends lands on the page -----------------

    FakeSlackWebApi webApi() {
        return webApi;
    }

    /** The playground's workspace: the demo members, and the page as the screen Pacer's messages appear on. */
    private final class PlaygroundWorkspace implements FakeSlackWebApi.Workspace {

        @Override
        public FakeSlackWebApi.Team team() {
            return SLACK_TEAM;
        }

        @Override
        public boolean validToken(String token) {
            return config.slack().botToken().map(token::equals).orElse(false);
        }

        @Override
        public Optional<String> directMessageChannel(String user) {
            return DemoMember.bySlackUser(user).map(DemoMember::slackDmChannel);
        }

        @Override
        public Optional<FakeSlackWebApi.User> user(String id) {
            return DemoMember.bySlackUser(id).map(m -> new FakeSlackWebApi.User(m.slackUserId(), TEAM, m.key(), m.name(),
                    m.name(), m.timeZone(), m.locale()));
        }

        @Override
        public String uploadUrl(String fileId) {
            return playground.fakeUrl() + "/slack/upload/" + fileId;
        }

        /** An ephemeral message outside the team channel shows in the member's DM. */
        @Override
        public void posted(FakeSlackWebApi.Post post) {
            boolean ephemeral = post.ephemeral();
            Optional<Origin> to = ephemeral && !DemoChannel.SLACK_ID.equals(post.channel())
                    ? DemoMember.bySlackUser(post.user()).map(m -> new Origin(m, Where.DM))
                    : Origin.of(post.channel(), post.user());
            ObjectNode message = post.message().toJson();
            message.put("ts", post.ts());
            message.put("ephemeral", ephemeral);
            to.filter(o -> o.member() != null || !ephemeral).ifPresent(origin -> show(origin, !ephemeral, "message", null, message));
        }

        @Override
        public boolean viewOpened(String triggerId, String viewId, ObjectNode view) {
            Origin origin = triggers.get(triggerId);
            if (origin == null) {
                return false;
            }
            views.put(viewId, view);
            triggers.put("view:" + viewId, origin);
            ObjectNode body = PlaygroundFeed.JSON.createObjectNode().put("view_id", viewId);
            body.set("view", view);
            show(origin, false, "modal", null, body);
            return true;
        }

        @Override
        public void filesShared(String channel, List<FakeSlackWebApi.SharedFile> files) {
            Origin.of(channel, null).ifPresent(origin -> files.forEach(file -> show(origin, true, "file", null,
                    PlaygroundFeed.JSON.createObjectNode().put("title", file.title()).put("filename", file.name())
                            .put("url", PlaygroundPaths.FAKE + "/slack/files/" + file.id()))));
        }

        @Override
        public boolean responded(String responseId, FakeSlackWebApi.Message answer, boolean inChannel) {
            Origin origin = responses.get(responseId);
            if (origin == null) {
                return false;
            }
            ObjectNode message = answer.toJson();
            message.put("ephemeral", !inChannel);
            show(origin, inChannel, "message", responseId, message);
            return true;
        }
    }
}
