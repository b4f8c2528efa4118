package app.pacer.platform.slack;

import static app.pacer.testing.SlackRequests.JSON;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.org.Platform;
import app.pacer.core.org.Role;
import app.pacer.core.org.WorkspaceRepository;
import app.pacer.testing.FakePlatforms;
import app.pacer.testing.SlackRequests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Slack end to end: signed requests into /slack/events, replies captured by the fake Slack. */
@QuarkusTest
class SlackEndpointTest {

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    MemberRepository members;

    /** Sends {@code /pacer text} and returns what Pacer posted to the command's response_url. */
    static JsonNode command(String team, String user, String text) {
        return SlackRequests.command(team, user, text);
    }

    static String allText(JsonNode message) {
        return message.toString();
    }

    @Test
    void helpIsAnsweredWithBlockKitGeneratedFromTheRegistry() {
        JsonNode reply = command(SlackRequests.newTeam(), SlackRequests.newUser(), "help");
        assertEquals("ephemeral", reply.path("response_type").asText());
        JsonNode blocks = reply.path("blocks");
        assertEquals("header", blocks.get(0).path("type").asText());
        assertEquals("What Pacer can do", blocks.get(0).path("text").path("text").asText());
        String text = allText(reply);
        assertTrue(text.contains("`settings language &lt;en|zh&gt;`"), text);
        assertTrue(text.contains("`role [@person|me] [rep|manager|admin]`"), text);
        assertTrue(blocks.size() <= 50);
    }

    @Test
    void chineseAliasGivesTheSameHelp() {
        String team = SlackRequests.newTeam();
        JsonNode english = command(team, SlackRequests.newUser(), "help");
        JsonNode chinese = command(team, SlackRequests.newUser(), "帮助");
        assertEquals(english.path("blocks").get(0), chinese.path("blocks").get(0));
        assertEquals(english.path("blocks").size(), chinese.path("blocks").size());
    }

    @Test
    void aTypoGetsDidYouMean() {
        JsonNode reply = command(SlackRequests.newTeam(), SlackRequests.newUser(), "hlep");
        assertTrue(allText(reply).contains("Did you mean *help*?"), allText(reply));
    }

    @Test
    void firstMemberIsAdminAndAssignsRoles() {
        String team = SlackRequests.newTeam();
        String admin = SlackRequests.newUser();
        String mei = SlackRequests.newUser();
        JsonNode reply = command(team, admin, "role <@" + mei + "|mei> manager");
        assertTrue(allText(reply).contains("is now a *manager*"), allText(reply));
        assertEquals(Role.ADMIN, member(team, admin).role());
        assertEquals(Role.MANAGER, member(team, mei).role());

        // a manager is not an admin: roles stay as they are
        String other = SlackRequests.newUser();
        JsonNode refused = command(team, mei, "role <@" + other + "> admin");
        assertTrue(allText(refused).contains("Only a *admin*"), allText(refused));
        assertTrue(members.find(workspace(team), other).isEmpty());
    }

    @Test
    void settingsLanguageSwitchesToChineseFromThenOn() {
        String team = SlackRequests.newTeam();
        String user = SlackRequests.newUser();
        JsonNode set = command(team, user, "settings language zh");
        assertTrue(allText(set).contains("简体中文"), allText(set));
        JsonNode help = command(team, user, "help");
        assertEquals("Pacer 能做什么", help.path("blocks").get(0).path("text").path("text").asText());
        JsonNode error = command(team, user, "settings timezone Mars/Olympus");
        assertTrue(allText(error).contains("我不认识时区"), allText(error));
    }

    @Test
    void settingsTimezoneIsStored() {
        String team = SlackRequests.newTeam();
        String user = SlackRequests.newUser();
        JsonNode reply = command(team, user, "settings timezone asia/shanghai");
        assertTrue(allText(reply).contains("Asia/Shanghai"), allText(reply));
        assertEquals("Asia/Shanghai", member(team, user).zone().getId());
    }

    @Test
    void slackLocaleIsUsedUntilTheMemberChooses() {
        String team = SlackRequests.newTeam();
        String user = SlackRequests.newUser();
        FakePlatforms.SLACK_USERS.put(user, new String[] {"zh-CN", "Asia/Shanghai"});
        JsonNode help = command(team, user, "help");
        assertEquals("Pacer 能做什么", help.path("blocks").get(0).path("text").path("text").asText());
        assertEquals("Asia/Shanghai", member(team, user).zone().getId());
        assertEquals("Display " + user, member(team, user).displayName());
    }

    @Test
    void wrongSignatureIsRefusedAndNothingIsStored() {
        String team = SlackRequests.newTeam();
        String body = SlackRequests.formBody(Map.of("team_id", team, "user_id", "U1", "command", "/pacer", "text", "help",
                "response_url", FakePlatforms.responseUrl("x"), "trigger_id", "t"));
        long now = Instant.now().getEpochSecond();
        SlackRequests.post(body, "application/x-www-form-urlencoded", now, (ts, b) -> "v0=" + "0".repeat(64))
                .then().statusCode(401);
        SlackRequests.post(body, "application/x-www-form-urlencoded", now - 360, SlackRequests.SIGN)
                .then().statusCode(401);
        SlackRequests.post(body, "application/x-www-form-urlencoded", now, (ts, b) -> SlackRequests.SIGN.sign(ts, b + "x"))
                .then().statusCode(401);
        assertTrue(QuarkusTransaction.requiringNew().call(() -> workspaces.find(Platform.SLACK, team)).isEmpty());
    }

    @Test
    void urlVerificationIsAnswered() {
        ObjectNode challenge = JSON.createObjectNode().put("type", "url_verification").put("token", "x")
                .put("challenge", "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
        String body = SlackRequests.event(challenge, Map.of()).then().statusCode(200).extract().asString();
        assertTrue(body.contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));
    }

    @Test
    void appHomeIsPublishedOnceEvenWhenSlackRetries() {
        String team = SlackRequests.newTeam();
        String user = SlackRequests.newUser();
        String eventId = "Ev" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("token", "x").put("team_id", team).put("api_app_id", "A0PACER").put("type", "event_callback")
                .put("event_id", eventId).put("event_time", Instant.now().getEpochSecond());
        envelope.putObject("event").put("type", "app_home_opened").put("user", user).put("channel", "D0HOME")
                .put("tab", "home").put("event_ts", "1700000000.000100");
        SlackRequests.event(envelope, Map.of()).then().statusCode(200);
        List<FakePlatforms.Call> published = await().atMost(Duration.ofSeconds(15)).until(
                () -> publishedFor(user), l -> !l.isEmpty());
        JsonNode view = JSON.valueToTree(published.get(0).body()).path("view");
        String viewJson = view.isTextual() ? view.asText() : view.toString();
        assertTrue(viewJson.contains("\"type\":\"home\""), viewJson);
        assertTrue(viewJson.contains("I'm Pacer"), viewJson);

        SlackRequests.event(envelope, Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"))
                .then().statusCode(200);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> publishedFor(user).size() == 1);
    }

    @Test
    void unknownActionIdIsAcknowledgedNotAnError() {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("type", "block_actions").put("trigger_id", "1.2.3").put("response_url", FakePlatforms.responseUrl("u"));
        payload.putObject("team").put("id", SlackRequests.newTeam()).put("domain", "acme");
        payload.putObject("user").put("id", SlackRequests.newUser()).put("name", "mei");
        payload.putArray("actions").addObject().put("type", "button").put("action_id", "somebody-elses-button")
                .put("block_id", "b").put("value", "x").put("action_ts", "1700000000.1");
        SlackRequests.interaction(payload).then().statusCode(200);
    }

    @Test
    void settingsFormOpensAsModalAndShowsErrorsOnTheModal() {
        String team = SlackRequests.newTeam();
        String user = SlackRequests.newUser();
        SlackRequests.slash(team, user, "settings edit", UUID.randomUUID().toString()).then().statusCode(200);
        FakePlatforms.Call open = await().atMost(Duration.ofSeconds(15)).until(
                () -> FakePlatforms.calls("POST", "/api/views.open").stream()
                        .filter(c -> c.body().toString().contains("13345224609")).filter(c -> !seen.contains(c))
                        .filter(c -> c.body().path("view").asText().contains("settings.edit")).toList(),
                l -> !l.isEmpty()).get(0);
        seen.add(open);
        JsonNode view = readView(open.body().path("view"));
        assertEquals("modal", view.path("type").asText());
        assertEquals("pacer:form", view.path("callback_id").asText());
        assertEquals("timezone", view.path("blocks").get(1).path("block_id").asText());

        ObjectNode submission = viewSubmission(team, user, view, "zh", "Nowhere/Atlantis");
        String errors = SlackRequests.interaction(submission).then().statusCode(200).extract().asString();
        JsonNode body = JSON.valueToTree(SlackRequests.parse(errors));
        assertEquals("errors", body.path("response_action").asText());
        assertTrue(body.path("errors").has("timezone"), errors);
        assertTrue(member(team, user).zone().getId().equals("America/New_York"), "nothing half-stored");
        assertFalse(member(team, user).languageChosen(), "nothing half-stored");

        ObjectNode valid = viewSubmission(team, user, view, "zh", "Asia/Shanghai");
        SlackRequests.interaction(valid).then().statusCode(200);
        assertEquals("Asia/Shanghai", member(team, user).zone().getId());
        assertTrue(member(team, user).languageChosen());
    }

    @Test
    void profileIsFetchedOnceWithLocaleThenServedFromTheDatabase() {
        String team = SlackRequests.newTeam();
        String user = SlackRequests.newUser();
        command(team, user, "help");
        command(team, user, "role");
        command(team, user, "help settings");
        List<FakePlatforms.Call> lookups = FakePlatforms.calls("POST", "/api/users.info").stream()
                .filter(c -> user.equals(c.body().path("user").asText())).toList();
        assertEquals(1, lookups.size(), "users.info once, then the cached profile");
        assertTrue(List.of("true", "1").contains(lookups.get(0).body().path("include_locale").asText()));
        // `settings` refreshes on demand
        command(team, user, "settings");
        assertEquals(2, FakePlatforms.calls("POST", "/api/users.info").stream()
                .filter(c -> user.equals(c.body().path("user").asText())).count());
    }

    @Test
    void helpOnOneCommandInBothLanguages() {
        String team = SlackRequests.newTeam();
        String user = SlackRequests.newUser();
        JsonNode english = command(team, user, "help settings timezone");
        String text = allText(english);
        assertTrue(text.contains("/pacer settings timezone &lt;Area/City&gt;"), text);
        assertTrue(text.contains("settings timezone Asia/Shanghai"), text);
        assertTrue(text.contains("时区"), "aliases listed: " + text);
        command(team, user, "settings language zh");
        JsonNode chinese = command(team, user, "帮助 设置 时区");
        assertTrue(allText(chinese).contains("用法"), allText(chinese));
        assertTrue(allText(chinese).contains("&lt;地区/城市&gt;"), allText(chinese));
        JsonNode unknown = command(team, user, "help settngs");
        assertTrue(allText(unknown).contains("help settings"), allText(unknown));
    }

    @Test
    void badArgumentsGetUsageNotAnError() {
        JsonNode reply = command(SlackRequests.newTeam(), SlackRequests.newUser(), "settings language klingon");
        String text = allText(reply);
        assertTrue(text.contains("*klingon* isn't one of: en, zh"), text);
        assertTrue(text.contains("settings language &lt;en|zh&gt;"), text);
        JsonNode missing = command(SlackRequests.newTeam(), SlackRequests.newUser(), "settings timezone");
        assertTrue(allText(missing).contains("Please add the Area/City"), allText(missing));
    }

    @Test
    void directMessagesAndMentionsAreCommandsToo() {
        String team = SlackRequests.newTeam();
        String user = SlackRequests.newUser();
        ObjectNode dm = eventEnvelope(team, "message");
        ((ObjectNode) dm.get("event")).put("user", user).put("channel", "D0DM" + user).put("channel_type", "im")
                .put("text", "help").put("ts", "1700000000.000200");
        SlackRequests.event(dm, Map.of()).then().statusCode(200);
        FakePlatforms.Call posted = await().atMost(Duration.ofSeconds(15)).until(
                () -> FakePlatforms.calls("POST", "/api/chat.postMessage").stream()
                        .filter(c -> ("D0DM" + user).equals(c.body().path("channel").asText())).toList(),
                l -> !l.isEmpty()).get(0);
        assertTrue(posted.body().path("blocks").asText().contains("What Pacer can do"), posted.body().toString());

        ObjectNode mention = eventEnvelope(team, "app_mention");
        ((ObjectNode) mention.get("event")).put("user", user).put("channel", "C0MENTION" + user)
                .put("text", "<@" + FakePlatforms.BOT_USER + "> settings timezone Europe/Paris").put("ts", "1700000000.000300");
        SlackRequests.event(mention, Map.of()).then().statusCode(200);
        // a private answer to a mention in a channel stays private: ephemeral, in the thread
        FakePlatforms.Call threaded = await().atMost(Duration.ofSeconds(15)).until(
                () -> FakePlatforms.calls("POST", "/api/chat.postEphemeral").stream()
                        .filter(c -> ("C0MENTION" + user).equals(c.body().path("channel").asText())).toList(),
                l -> !l.isEmpty()).get(0);
        assertEquals("1700000000.000300", threaded.body().path("thread_ts").asText());
        assertEquals(user, threaded.body().path("user").asText());
        assertTrue(FakePlatforms.calls("POST", "/api/chat.postMessage").stream()
                .noneMatch(c -> ("C0MENTION" + user).equals(c.body().path("channel").asText())));
        assertEquals("Europe/Paris", member(team, user).zone().getId());
    }

    private static ObjectNode eventEnvelope(String team, String type) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("token", "x").put("team_id", team).put("api_app_id", "A0PACER").put("type", "event_callback")
                .put("event_id", "Ev" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase())
                .put("event_time", Instant.now().getEpochSecond());
        envelope.putObject("event").put("type", type).put("event_ts", "1700000000.000100");
        return envelope;
    }

    private static final java.util.Set<FakePlatforms.Call> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static ObjectNode viewSubmission(String team, String user, JsonNode view, String language, String zone) {
        return SlackRequests.viewSubmission(team, user, view, values -> {
            values.putObject("language").putObject("v").put("type", "static_select").putObject("selected_option")
                    .put("value", language).putObject("text").put("type", "plain_text").put("text", language);
            values.putObject("timezone").putObject("v").put("type", "plain_text_input").put("value", zone);
        });
    }

    private static JsonNode readView(JsonNode view) {
        return view.isTextual() ? SlackRequests.parse(view.asText()) : view;
    }

    private static List<FakePlatforms.Call> publishedFor(String user) {
        return FakePlatforms.calls("POST", "/api/views.publish").stream()
                .filter(c -> user.equals(c.body().path("user_id").asText())).toList();
    }

    private Long workspace(String team) {
        return QuarkusTransaction.requiringNew().call(() -> workspaces.find(Platform.SLACK, team).orElseThrow().id());
    }

    private Member member(String team, String user) {
        Long ws = workspace(team);
        return QuarkusTransaction.requiringNew().call(() -> members.find(ws, user).orElseThrow());
    }
}
