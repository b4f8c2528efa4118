package app.pacer.security;

import static app.pacer.testing.TeamsRequests.click;
import static app.pacer.testing.TeamsRequests.submit;
import static app.pacer.testing.SlackRequests.command;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.testing.FakePlatforms;
import app.pacer.testing.SlackRequests;
import app.pacer.testing.SlackTeam;
import app.pacer.testing.TeamsRequests;
import app.pacer.testing.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 27 (3): text people type — a lead's name, a customer's comment on the feedback page, a Slack display name, a
 * standup answer, an anonymous survey answer — is shown as typed, and never becomes a link in what Pacer sends. Only
 * links Pacer builds are links.
 */
@QuarkusTest
class PlantedLinksTest {

    /** A masked link in Pacer's Markdown and one in Slack's own syntax. */
    static final String PLANTED = "[sign in again](https://evil.example) <https://evil.example|sign in>";
    /** {@code FeedbackPage.COOKIE}, package-private there. */
    private static final String FEEDBACK_COOKIE = "pacer_fb";
    private static final Pattern LINK = Pattern.compile("(/f/[0-9a-f]{32}\\.[A-Za-z0-9_-]{43})");

    @Inject
    TestClock clock;

    @Inject
    EntityManager em;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aLeadNameIsNoLinkOnSlackOrTeams() {
        SlackTeam t = SlackTeam.withManager();
        assertSlackSafe(command(t.id(), t.rep(), "lead add \"" + PLANTED + "\""));
        assertSlackSafe(command(t.id(), t.rep(), "lead show 1"));
        assertSlackSafe(command(t.id(), t.rep(), "lead list"));

        String tenant = "tenant-adventureworks";
        String rep = TeamsRequests.newUser();
        assertTeamsSafe(teams(tenant, rep, "lead add \"" + PLANTED + "\""));
        assertTeamsSafe(teams(tenant, rep, "lead list"));
    }

    @Test
    void aCommentOnTheCustomersFeedbackPageIsNoLink() {
        SlackTeam t = SlackTeam.withManager();
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        command(t.id(), t.rep(), "lead add \"Acme Ltd\"");
        Matcher matcher = LINK.matcher(command(t.id(), t.rep(), "feedback link 1").toString());
        assertTrue(matcher.find());
        String path = matcher.group(1);
        Response page = RestAssured.given().get(path);
        String csrf = page.asString().replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
        RestAssured.given().cookie(FEEDBACK_COOKIE, page.cookie(FEEDBACK_COOKIE))
                .formParams(Map.of("score", "2", "csrf", csrf, "lang", "en", "comment", PLANTED)).post(path)
                .then().statusCode(200);
        // the owner's DM (and the manager's alert: a low score) carry the comment
        JsonNode dm = await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.CALLS.stream()
                .filter(c -> c.body().toString().contains("answered your feedback link") && c.body().toString().contains("sign in again"))
                .findFirst(), java.util.Optional::isPresent).get().body();
        assertSlackSafe(dm);
        assertSlackSafe(command(t.id(), t.rep(), "lead show 1"));
        assertSlackSafe(command(t.id(), t.manager(), "feedback report month team"));
    }

    @Test
    void aSlackDisplayNameIsNoLink() {
        String team = SlackRequests.newTeam();
        String admin = SlackRequests.newUser();
        String rep = SlackRequests.newUser();
        FakePlatforms.SLACK_USERS.put(rep, new String[] {"en-US", "UTC", PLANTED});
        command(team, admin, "settings timezone UTC");
        command(team, rep, "settings timezone UTC");
        assertSlackSafe(command(team, admin, "role <@" + rep + "> manager"));
        assertSlackSafe(command(team, admin, "role"));
    }

    @Test
    void aStandupAnswerIsNoLinkInTheDigest() {
        SlackTeam t = SlackTeam.withManager();
        clock.set(Instant.parse("2026-12-02T10:00:00Z"));
        assertTrue(command(t.id(), t.manager(), "digest channel").toString().contains("This channel now gets the team's digest"));
        command(t.id(), t.manager(), "digest standup on");
        // the standup form's submit, as a click carrying the answers (the command is not typed)
        var payload = SlackRequests.JSON.createObjectNode();
        payload.put("type", "block_actions").put("trigger_id", "trigger-" + UUID.randomUUID())
                .put("response_url", FakePlatforms.responseUrl(UUID.randomUUID().toString()));
        payload.putObject("team").put("id", t.id()).put("domain", "acme");
        payload.putObject("user").put("id", t.rep()).put("name", "rep");
        ObjectNode value = SlackRequests.JSON.createObjectNode().put("c", "digest.standup.save");
        value.putObject("a").put("yesterday", PLANTED).put("today", "line one\n- [x](https://evil.example)");
        payload.putArray("actions").addObject().put("type", "button").put("action_id", "pacer:0").put("block_id", "b")
                .put("value", value.toString()).put("action_ts", "1700000000.1");
        SlackRequests.interaction(payload).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> QuarkusTransaction.requiringNew().call(() -> !em.createNativeQuery("""
                SELECT 1 FROM standup_answer a JOIN workspace w ON w.id = a.workspace_id WHERE w.external_id = ?1""")
                .setParameter(1, t.id()).getResultList().isEmpty()));
        command(t.id(), t.manager(), "digest now");
        JsonNode digest = await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.CALLS.stream()
                .filter(c -> c.body().toString().contains("Standup (") && c.body().toString().contains("sign in again"))
                .findFirst(), java.util.Optional::isPresent).get().body();
        assertSlackSafe(digest);
    }

    @Test
    void anAnonymousSurveyAnswerIsNoLinkInTheResults() {
        String tenant = "tenant-planted";
        String admin = TeamsRequests.newUser();
        List<String> reps = List.of(TeamsRequests.newUser(), TeamsRequests.newUser(), TeamsRequests.newUser());
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        for (String user : List.of(admin, reps.get(0), reps.get(1), reps.get(2))) {
            var hello = TeamsRequests.message(tenant, user, "settings");
            TeamsRequests.post(hello).then().statusCode(200);
            TeamsRequests.reply(hello, user);
        }
        var create = TeamsRequests.message(tenant, admin, "survey create");
        TeamsRequests.post(create).then().statusCode(200);
        String created = submit(tenant, admin, TeamsRequests.reply(create, admin), d -> d.put("title", "Pulse").put("q1", "Anything else?")
                .put("q1_kind", "text").put("audience", "team").put("schedule", "once").put("anonymous", "yes"));
        assertTrue(created.contains("is on its way to 3 people"), created);
        long run = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                SELECT r.id FROM survey_run r JOIN workspace w ON w.id = r.workspace_id WHERE w.external_id = ?1
                ORDER BY r.id DESC LIMIT 1""").setParameter(1, tenant).getSingleResult()).longValue());
        for (String rep : reps) {
            JsonNode card = click(tenant, rep, "survey.answer", Map.of("run", String.valueOf(run)));
            assertTrue(submit(tenant, rep, card, d -> d.put("q1", PLANTED)).contains("your answers to"));
        }
        clock.set(Instant.parse("2026-12-08T10:01:00Z")); // anonymous results show once the run has closed
        var results = TeamsRequests.message(tenant, admin, "survey results 1");
        TeamsRequests.post(results).then().statusCode(200);
        JsonNode card = TeamsRequests.reply(results, admin);
        assertTrue(card.toString().contains("sign in again"), card.toString());
        assertTeamsSafe(card);
    }

    // ---- what reaches each platform

    /** No Slack link to evil.example in any mrkdwn text (or the notification text); the words are still there. */
    static void assertSlackSafe(JsonNode sent) {
        List<String> texts = new ArrayList<>();
        collect(sent, texts, false);
        String all = String.join("\n", texts);
        assertFalse(all.contains("<https://evil.example|") || all.contains("<https://evil.example>"), all);
        assertTrue(all.contains("sign in again"), "still readable: " + all);
    }

    /** No Markdown link to evil.example in any TextBlock or fact; the words are still there. */
    static void assertTeamsSafe(JsonNode sent) {
        List<String> texts = new ArrayList<>();
        collect(sent, texts, true);
        String all = String.join("\n", texts);
        assertFalse(all.contains("](https://evil.example)") || all.contains("](<https://evil.example>)"), all);
        assertTrue(all.contains("sign in again"), "still readable: " + all);
    }

    /** Slack: every mrkdwn {@code text} and the fallback. Teams: TextBlocks' texts and facts. */
    private static void collect(JsonNode node, List<String> out, boolean teams) {
        if (node.isObject()) {
            String type = node.path("type").asText();
            if (!teams && node.path("text").isTextual() && !type.equals("plain_text")) { // plain text is never a link
                out.add(node.path("text").asText());
            }
            if (teams && type.equals("TextBlock")) {
                out.add(node.path("text").asText());
            }
            if (teams && node.has("title") && node.has("value") && node.path("value").isTextual()) {
                out.add(node.path("title").asText() + " " + node.path("value").asText());
            }
            node.fields().forEachRemaining(e -> collect(e.getValue(), out, teams));
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, out, teams));
        } else if (node.isTextual() && (node.asText().startsWith("{") || node.asText().startsWith("[{"))) {
            try {
                collect(SlackRequests.JSON.readTree(node.asText()), out, teams); // blocks sent as a form field
            } catch (Exception notJson) {
                // plain text
            }
        }
    }

    // ---- Teams helpers (as in SurveysTest)

    private static String teams(String tenant, String user, String text) {
        return reply(TeamsRequests.message(tenant, user, text), user, true).toString();
    }

    private static void assertTeamsSafe(String json) {
        try {
            assertTeamsSafe(SlackRequests.JSON.readTree(json));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode reply(ObjectNode activity, String user, boolean post) {
        if (post) {
            TeamsRequests.post(activity).then().statusCode(200);
        }
        return TeamsRequests.reply(activity, user);
    }
}
