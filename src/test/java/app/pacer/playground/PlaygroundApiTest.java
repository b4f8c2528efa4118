package app.pacer.playground;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The playground's API drives the real adapters: typed commands (in the DM and the team channel), clicks, forms and
 * time travel to the nudge and the digest, on both platforms.
 */
@QuarkusTest
@TestProfile(PlaygroundProfile.class)
class PlaygroundApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void servesThePageAndItsAssets() {
        given().get("/playground").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("playground.js"));
        given().get("/playground/playground.js").then().statusCode(200).body(containsString("renderBlocks"));
        given().get("/playground/playground.css").then().statusCode(200);
        given().get("/playground/nothing.js").then().statusCode(404);
        given().get("/playground/api/state").then().statusCode(200).body(containsString("\"slack\":true"))
                .body(containsString("\"teams\":true"));
    }

    @Test
    void slackHelpComesBackAsBlockKitThroughTheRealAdapter() {
        ready("slack");
        long after = lastSeq("slack", "jordan");
        say("slack", "jordan", "help");
        JsonNode reply = awaitItem("slack", "jordan", after, "message", "What Pacer can do");
        assertTrue(reply.path("body").path("blocks").isArray() && reply.path("body").path("blocks").size() > 2, reply.toString());
        assertTrue(reply.toString().contains("\"type\":\"section\""), reply.toString());
    }

    @Test
    void slackRolesAreSetUpAndFormsOpenAsModalsWhoseErrorsComeBack() {
        ready("slack");
        long after = lastSeq("slack", "sam");
        say("slack", "sam", "role");
        awaitItem("slack", "sam", after, "message", "manager");
        after = lastSeq("slack", "sam");
        say("slack", "sam", "lead add");
        JsonNode modal = awaitItem("slack", "sam", after, "modal", "New lead");
        String view = modal.path("body").path("view_id").asText();
        JsonNode errors = post("/playground/api/submit", "{\"member\":\"sam\",\"view\":\"" + view
                + "\",\"values\":{\"name\":{\"type\":\"plain_text_input\",\"value\":\"Acme\"},"
                + "\"email\":{\"type\":\"plain_text_input\",\"value\":\"not-an-email\"}}}", 200);
        assertEquals(false, errors.path("ok").asBoolean(), errors.toString());
        assertTrue(errors.path("errors").has("email"), errors.toString());
        JsonNode saved = post("/playground/api/submit", "{\"member\":\"sam\",\"view\":\"" + view
                + "\",\"values\":{\"name\":{\"type\":\"plain_text_input\",\"value\":\"Acme Playground\"}}}", 200);
        assertTrue(saved.path("ok").asBoolean(), saved.toString());
        awaitItem("slack", "sam", after, "message", "Acme Playground");
    }

    @Test
    void teamsHelpComesBackAsAnAdaptiveCardAndCardButtonsWork() {
        ready("teams");
        long after = lastSeq("teams", "wei");
        say("teams", "wei", "settings");
        JsonNode card = awaitItem("teams", "wei", after, "card", "Asia/Shanghai");
        JsonNode submit = StreamSupport.stream(card.path("body").path("cards").get(0).findValues("actions").spliterator(), false)
                .flatMap(a -> StreamSupport.stream(a.spliterator(), false))
                .filter(a -> a.path("type").asText().equals("Action.Submit")).findFirst().orElseThrow();
        after = lastSeq("teams", "wei");
        post("/playground/api/click", JSON.createObjectNode().put("platform", "teams").put("member", "wei")
                .put("card", card.path("body").path("id").asText()).put("label", "edit")
                .set("data", submit.path("data")).toString(), 200);
        // the settings button opens the settings form as a card with inputs
        JsonNode form = awaitItem("teams", "wei", after, "card", "Input.");
        assertTrue(form.toString().contains("Action.Submit"), form.toString());
    }

    @Test
    void timeTravelBringsTheMorningNudge() {
        ready("slack");
        long after = lastSeq("slack", "alex");
        say("slack", "alex", "target set deals 10 week");
        awaitItem("slack", "alex", after, "message", "Target set");
        Instant before = Instant.parse(post("/playground/api/time-travel", "{\"platform\":\"slack\",\"member\":\"alex\"}", 200)
                .path("now").asText());
        assertTrue(before.isAfter(Instant.now().plus(Duration.ofHours(1))), "the clock moved forward: " + before);
        awaitItem("slack", "alex", after, "notice", "Time travel");
        awaitItem("slack", "alex", after, "message", "Good morning");
    }

    /**
     * The demo workspace is set up with its digest channel (the admin's {@code digest channel}, typed in the team
     * channel) and a little progress; time travel then brings the day's digest into the channel, for everyone.
     */
    @ParameterizedTest
    @ValueSource(strings = {"slack", "teams"})
    void timeTravelBringsTheDigestIntoTheTeamChannel(String platform) {
        ready(platform);
        String kind = platform.equals("slack") ? "message" : "card";
        long after = lastSeq(platform, "sam");
        // typed in the channel, the command enters as a channel command (in Teams with Pacer @mentioned, once)
        sayIn(platform, "sam", "channel", platform.equals("slack") ? "digest" : "@Pacer digest");
        JsonNode status = awaitItem(platform, "sam", after, item -> item.path("kind").asText().equals(kind)
                && item.toString().contains("The digest arrives on working days at 09:30"));
        // Slack shows the answer in the channel to sam alone; Teams has no such message, so it goes to sam's chat
        // with Pacer and the channel gets a pointer (issue 27, item 2)
        assertEquals(platform.equals("slack") ? "channel" : "dm", status.path("conversation").asText(), status.toString());
        if (platform.equals("teams")) {
            awaitItem(platform, "sam", after, item -> item.path("conversation").asText().equals("channel")
                    && item.toString().contains("I've sent you the answer in a private chat."));
        }

        Instant travelled = Instant.now().plus(Duration.ofHours(1));
        after = lastSeq(platform, "sam");
        JsonNode notice = post("/playground/api/time-travel", "{\"platform\":\"" + platform + "\",\"member\":\"sam\"}", 200);
        assertTrue(notice.path("text").asText().contains("The team digest is in "), notice.toString());
        // arrived after the clock moved (not one the scheduler posted before the jump), in the channel, for all
        JsonNode digest = awaitItem(platform, "sam", after, item -> item.path("kind").asText().equals(kind)
                && item.toString().contains("Team digest") && Instant.parse(item.path("at").asText()).isAfter(travelled));
        assertEquals("channel", digest.path("conversation").asText(), digest.toString());
        assertEquals("*", digest.path("member").asText(), digest.toString());
        // the seeded team target gives it something to say
        assertTrue(digest.toString().contains("The team"), digest.toString());
        awaitItem(platform, "sam", after, item -> item.path("kind").asText().equals("notice")
                && item.path("conversation").asText().equals("channel") && item.toString().contains("team digest of"));
        long seq = digest.path("seq").asLong();
        awaitItem(platform, "jordan", seq - 1, item -> item.path("seq").asLong() == seq);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "{\"platform\":\"slack\"}", "{\"platform\":\"irc\",\"member\":\"alex\",\"text\":\"help\"}",
            "{\"platform\":\"slack\",\"member\":\"nobody\",\"text\":\"help\"}", "{\"platform\":\"slack\",\"member\":\"alex\",\"text\":\"   \"}",
            "{\"platform\":\"slack\",\"member\":\"alex\",\"text\":42}",
            "{\"platform\":\"slack\",\"member\":\"alex\",\"text\":\"help\",\"conversation\":\"lobby\"}",
            "{\"platform\":\"teams\",\"member\":\"alex\",\"text\":\"help\",\"conversation\":7}"})
    void badInputIsA400NeverA500(String body) {
        for (String path : List.of("say", "click", "submit", "time-travel", "ready")) {
            int status = given().contentType("application/json").body(body).post("/playground/api/" + path).then()
                    .extract().statusCode();
            assertTrue(status == 400 || status == 200, path + " answered " + status + " to " + body);
        }
        given().get("/playground/api/feed?platform=slack&member=alex&after=x").then().statusCode(400);
        given().get("/playground/api/feed?platform=slack&member=zed").then().statusCode(400);
        given().contentType("application/json").body("{\"member\":\"alex\",\"view\":\"V0PGnope\",\"values\":{}}")
                .post("/playground/api/submit").then().statusCode(400);
        given().contentType("application/x-www-form-urlencoded").body("%zz=%")
                .post("/playground/fake/slack/api/chat.postMessage").then().statusCode(200).body(containsString("invalid_auth"));
        given().contentType("application/json").body("{").post("/playground/fake/teams/v3/conversations/x/activities")
                .then().statusCode(401);
    }

    @Test
    void theFakesRefuseStrangers() {
        given().contentType("application/x-www-form-urlencoded").body("grant_type=client_credentials&client_id=x&client_secret=y")
                .post("/playground/fake/teams/oauth2/token").then().statusCode(401);
        given().contentType("application/x-www-form-urlencoded").body("token=xoxb-guess&channel=D0PGALEX&text=hi")
                .post("/playground/fake/slack/api/chat.postMessage").then().body(containsString("invalid_auth"));
        // a request not signed by the playground is refused by the real adapters
        given().contentType("application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", String.valueOf(Instant.now().getEpochSecond()))
                .header("X-Slack-Signature", "v0=00").body("command=%2Fpacer&text=help&team_id=T0PLAYGRND&user_id=U0PGALEX")
                .post("/slack/events").then().statusCode(401);
    }

    /**
     * Issue 27: any page a developer visits could post to the playground (a {@code text/plain} form post needs no
     * CORS preflight) and act as its admin. Its actions take JSON only, and only from the playground's own origin.
     */
    @Test
    void crossSitePostsAreRefused() {
        String say = "{\"platform\":\"slack\",\"member\":\"alex\",\"conversation\":\"dm\",\"text\":\"help\"}";
        for (String path : List.of("say", "click", "submit", "time-travel", "ready")) {
            given().contentType("text/plain").body(say).post("/playground/api/" + path).then().statusCode(415);
            given().contentType("application/x-www-form-urlencoded").body("a=b").post("/playground/api/" + path).then()
                    .statusCode(415);
            given().contentType("application/json").header("Origin", "https://evil.example").body(say)
                    .post("/playground/api/" + path).then().statusCode(403);
            given().contentType("application/json").header("Sec-Fetch-Site", "cross-site").body(say)
                    .post("/playground/api/" + path).then().statusCode(403);
            given().contentType("application/json").header("Origin", "null").body(say)
                    .post("/playground/api/" + path).then().statusCode(403);
        }
        // the page itself: same origin, as a browser says it
        String origin = "http://localhost:" + io.restassured.RestAssured.port;
        given().contentType("application/json").header("Origin", origin).header("Sec-Fetch-Site", "same-origin")
                .body("{\"platform\":\"slack\"}").post("/playground/api/ready").then().statusCode(200);
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    static void ready(String platform) {
        given().contentType("application/json").body("{\"platform\":\"" + platform + "\"}").post("/playground/api/ready")
                .then().statusCode(200);
    }

    static void say(String platform, String member, String text) {
        sayIn(platform, member, "dm", text);
    }

    static void sayIn(String platform, String member, String conversation, String text) {
        post("/playground/api/say", JSON.createObjectNode().put("platform", platform).put("member", member)
                .put("conversation", conversation).put("text", text).toString(), 200);
    }

    static JsonNode post(String path, String body, int status) {
        String answer = given().contentType("application/json").body(body).post(path).then().statusCode(status)
                .extract().asString();
        try {
            return JSON.readTree(answer);
        } catch (Exception e) {
            throw new AssertionError(answer, e);
        }
    }

    static JsonNode feed(String platform, String member, long after) {
        String answer = given().get("/playground/api/feed?wait=0&platform=" + platform + "&member=" + member + "&after=" + after)
                .then().statusCode(200).extract().asString();
        try {
            return JSON.readTree(answer).path("items");
        } catch (Exception e) {
            throw new AssertionError(answer, e);
        }
    }

    static long lastSeq(String platform, String member) {
        long last = 0;
        for (JsonNode item : feed(platform, member, 0)) {
            last = Math.max(last, item.path("seq").asLong());
        }
        return last;
    }

    static JsonNode awaitItem(String platform, String member, long after, String kind, String containing) {
        return awaitItem(platform, member, after, item -> item.path("kind").asText().equals(kind)
                && item.toString().contains(containing));
    }

    static JsonNode awaitItem(String platform, String member, long after, Predicate<JsonNode> wanted) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (JsonNode item : feed(platform, member, after)) {
                if (wanted.test(item)) {
                    return item;
                }
            }
            return null;
        }, java.util.Objects::nonNull);
    }
}
