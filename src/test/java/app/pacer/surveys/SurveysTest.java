package app.pacer.surveys;

import static app.pacer.testing.TeamsRequests.reply;
import static app.pacer.testing.TeamsRequests.click;
import static app.pacer.testing.TeamsRequests.submit;
import static app.pacer.testing.SlackRequests.command;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.core.org.MemberRepository;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Reply;
import app.pacer.delivery.Outbox;
import app.pacer.testing.FakePlatforms;
import app.pacer.testing.SlackRequests;
import app.pacer.testing.TeamsRequests;
import app.pacer.testing.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pulse surveys end to end: creating, inviting, answering on both platforms, anonymity, results, reminders, weekly runs. */
@QuarkusTest
class SurveysTest {

    @Inject
    TestClock clock;

    @Inject
    SurveyTick tick;

    @Inject
    EntityManager em;

    @Inject
    MemberRepository members;

    @Inject
    Outbox outbox;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** A Slack team: the first user (admin) runs the surveys; four reps. */
    record Team(String id, String boss, List<String> reps) {
        String mention(String user) {
            return "<@" + user + ">";
        }
    }

    static Team team() {
        Team t = new Team(SlackRequests.newTeam(), SlackRequests.newUser(), List.of(SlackRequests.newUser(),
                SlackRequests.newUser(), SlackRequests.newUser(), SlackRequests.newUser()));
        command(t.id(), t.boss(), "settings timezone UTC");
        t.reps().forEach(r -> command(t.id(), r, "settings timezone UTC"));
        return t;
    }

    static String text(JsonNode reply) {
        return reply.toString();
    }

    @Test
    void anonymousSurveyKeepsNoLinkHidesResultsUnderTheThresholdAndRemindsOnlyWhoHasNotAnswered() {
        Team t = team();
        clock.set(Instant.parse("2026-12-01T10:00:00Z")); // a Tuesday
        // bad input is explained and stores nothing
        assertTrue(text(command(t.id(), t.reps().get(0), "survey create")).contains("Only a"));
        assertTrue(text(command(t.id(), t.boss(), "survey create \"Pulse\" weekly=someday")).contains("isn't a weekly time"));
        assertTrue(text(command(t.id(), t.boss(), "survey results 9")).contains("can't find survey"));
        assertTrue(text(command(t.id(), t.boss(), "survey results abc")).contains("isn't a survey number"));
        assertTrue(text(command(t.id(), t.boss(), "survey settings threshold=2")).contains("from 3 to"));

        JsonNode modal = createModal(t, "survey create \"Team pulse\" anonymous=yes");
        assertTrue(modal.toString().contains("Team pulse") && modal.toString().contains("\"block_id\":\"q5_kind\""), modal.toString());
        String empty = SlackRequests.interaction(SlackRequests.viewSubmission(t.id(), t.boss(), modal, v -> input(v, "title", "Team pulse")))
                .then().statusCode(200).extract().asString();
        assertTrue(empty.contains("response_action") && empty.contains("\"q1\"") && empty.contains("at least one question"), empty);
        String tooLong = SlackRequests.interaction(SlackRequests.viewSubmission(t.id(), t.boss(), modal, v -> {
            input(v, "title", "x".repeat(200));
            input(v, "q1", "Fine?");
            input(v, "time", "25:99");
            select(v, "schedule", "mon");
        })).then().statusCode(200).extract().asString();
        assertTrue(tooLong.contains("\"title\"") && tooLong.contains("\"time\""), tooLong);
        assertTrue(text(command(t.id(), t.boss(), "survey list")).contains("No surveys yet"), "nothing half-stored");

        SlackRequests.interaction(SlackRequests.viewSubmission(t.id(), t.boss(), modal, v -> {
            input(v, "title", "Team pulse");
            input(v, "q1", "How was your week?");
            input(v, "q2", "Did you hit your goals?");
            select(v, "q2_kind", "yesno");
            input(v, "q3", "Anything to tell us?");
            select(v, "q3_kind", "text");
            select(v, "anonymous", "yes");
        })).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> text(command(t.id(), t.boss(), "survey list")).contains("#1"));
        long run = latestRun(t.id(), 1);
        for (String rep : t.reps()) {
            String payload = payload("survey:" + run + ":" + id(t.id(), rep));
            assertTrue(payload.contains("How was your week?") && payload.contains("survey.answer")
                    && payload.contains("at least 3 people"), payload);
        }
        assertFalse(exists("survey:" + run + ":" + id(t.id(), t.boss())), "the creator is not asked");

        // the first answer, with a bad one before it
        JsonNode form = answerModal(t.id(), t.reps().get(0), run);
        assertTrue(form.toString().contains("\"block_id\":\"q3\"") && form.toString().contains("at least 3 people"), form.toString());
        String missing = SlackRequests.interaction(SlackRequests.viewSubmission(t.id(), t.reps().get(0), form, v -> select(v, "q2", "yes")))
                .then().statusCode(200).extract().asString();
        assertTrue(missing.contains("\"q1\""), missing);
        assertEquals(0, count("SELECT COUNT(*) FROM survey_participation WHERE run_id = ?1", run), "nothing half-stored");
        answer(t.id(), t.reps().get(0), form, "4", "yes", "Too many meetings");
        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT COUNT(*) FROM survey_participation WHERE run_id = ?1", run) == 1);
        // a second submission of the same form records nothing more
        answer(t.id(), t.reps().get(0), form, "1", "no", "Again");
        assertEquals(1, count("SELECT COUNT(*) FROM survey_participation WHERE run_id = ?1", run));
        assertEquals(3, count("SELECT COUNT(*) FROM survey_answer WHERE run_id = ?1", run));

        // the database holds no member id (nor anything else about the person) for an anonymous answer
        Long rep0 = id(t.id(), t.reps().get(0));
        List<String> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT CAST(to_jsonb(a) AS TEXT) FROM survey_answer a WHERE run_id = ?1").setParameter(1, run).getResultList());
        assertEquals(3, rows.size());
        for (String row : rows) {
            JsonNode json = SlackRequests.parse(row);
            assertEquals(Set.of("id", "run_id", "member_id", "position", "score", "text"), names(json), row);
            assertTrue(json.path("member_id").isNull(), row);
            assertFalse(row.contains(t.reps().get(0)), row);
        }
        assertNull(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT MAX(member_id) FROM survey_answer WHERE run_id = ?1").setParameter(1, run).getSingleResult()));
        assertEquals(0, count("""
                SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'survey_answer'
                AND (data_type LIKE 'timestamp%' OR column_default LIKE 'nextval%')"""), "no time or sequence to correlate by");
        assertEquals(1, count("SELECT COUNT(*) FROM survey_participation WHERE run_id = ?1 AND member_id = " + rep0, run));

        // hidden while the run is open: only the response rate shows
        String hidden = text(command(t.id(), t.boss(), "survey results 1"));
        assertTrue(hidden.contains("shown when its run closes (2026-12-08)") && hidden.contains("1 of 4 (25%)")
                && !hidden.contains("Too many meetings") && !hidden.contains("Average"), hidden);
        assertTrue(text(command(t.id(), t.reps().get(1), "survey results 1")).contains("Only the creator"));

        // the next working day, from their morning on, those who have not answered are reminded once
        Long rep1 = id(t.id(), t.reps().get(1));
        String waiting = "survey-remind:" + run + ":" + rep1 + ":test-waiting";
        QuarkusTransaction.requiringNew().run(() -> outbox.toMember(members.findById(rep1),
                Reply.message("later", List.of(new Block.Text("later"))), waiting, Instant.parse("2026-12-08T10:00:00Z"), null));
        assertEquals(0, remindedHere(t, run, Instant.parse("2026-12-01T23:00:00Z")), "not on the day of the invitation");
        assertEquals(0, remindedHere(t, run, Instant.parse("2026-12-02T08:59:00Z")), "not before their morning");
        assertEquals(3, remindedHere(t, run, Instant.parse("2026-12-02T09:00:00Z")));
        assertFalse(exists("survey-remind:" + run + ":" + rep0 + ":2026-12-02"), "who answered is not reminded");
        assertTrue(payload("survey-remind:" + run + ":" + rep1 + ":2026-12-02").contains("A reminder"));
        assertEquals(0, remindedHere(t, run, Instant.parse("2026-12-03T09:00:00Z")), "one reminder only");

        clock.set(Instant.parse("2026-12-02T10:00:00Z"));
        answer(t.id(), t.reps().get(1), answerModal(t.id(), t.reps().get(1), run), "3", "no", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "EXPIRED".equals(state(waiting)));
        answer(t.id(), t.reps().get(2), answerModal(t.id(), t.reps().get(2), run), "4", "yes", "More coffee");
        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT COUNT(*) FROM survey_participation WHERE run_id = ?1", run) == 3);

        // three answers, above the threshold, but the run is still open: the creator could tell the third answer
        // from the difference with what they saw at two, so nothing shows yet
        String open = text(command(t.id(), t.boss(), "survey results #1"));
        assertTrue(open.contains("3 of 4 (75%)") && open.contains("shown when its run closes") && !open.contains("Average")
                && !open.contains("More coffee"), open);
        assertTrue(text(command(t.id(), t.reps().get(3), "survey list")).contains("Team pulse"), "still waiting for the fourth");
        assertTrue(text(command(t.id(), t.reps().get(0), "survey list")).contains("No survey is waiting"));

        clock.set(Instant.parse("2026-12-08T10:01:00Z"));
        String results = text(command(t.id(), t.boss(), "survey results #1"));
        assertTrue(results.contains("3 of 4 (75%)") && results.contains("Average *3.7* of 5 (3 answers)")
                && results.contains("Yes *67%* (2), no (1)"), results);
        // the text question was answered by two: under the minimum of three, so it stays hidden on its own
        assertTrue(results.contains("Fewer than 3 people answered this question") && !results.contains("Too many meetings")
                && !results.contains("More coffee"), results);
        assertFalse(results.contains("Real " + t.reps().get(0)) || results.contains("Real " + t.reps().get(2)),
                "anonymous answers are unattributed: " + results);
    }

    @Test
    void weeklyNamedSurveyToSomePeopleRunsEachWeekWithATrend() {
        Team t = team();
        clock.set(Instant.parse("2026-12-01T10:00:00Z")); // Tuesday
        String a = t.reps().get(0);
        String b = t.reps().get(1);
        String tooFew = text(submitCreate(t, "survey create \"Secret\" " + t.mention(a) + " " + t.mention(b), v -> input(v, "q1", "Ok?")));
        assertTrue(tooFew.contains("needs at least 3 people"), tooFew);
        JsonNode modal = createModal(t, "survey create \"Weekly check\" " + t.mention(a) + " " + t.mention(b)
                + " anonymous=no weekly=wed@09:30");
        assertTrue(modal.toString().contains("Only: Display " + a) && modal.toString().contains("survey.save"), modal.toString());
        SlackRequests.interaction(SlackRequests.viewSubmission(t.id(), t.boss(), modal, v -> {
            input(v, "title", "Weekly check");
            input(v, "q1", "Energy this week?");
            select(v, "audience", "listed");
            select(v, "schedule", "wed");
            input(v, "time", "09:30");
            select(v, "anonymous", "no");
        })).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> text(command(t.id(), t.boss(), "survey list")).contains("Weekly check"));
        String list = text(command(t.id(), t.boss(), "survey list"));
        assertTrue(list.contains("every Wednesday at 09:30"), list);
        assertTrue(text(command(t.id(), t.boss(), "survey results 1")).contains("first run is on 2026-12-02"));

        tick.startDueRuns(Instant.parse("2026-12-02T09:29:00Z"));
        assertEquals(0, runs(t.id(), 1));
        tick.startDueRuns(Instant.parse("2026-12-02T09:30:00Z"));
        tick.startDueRuns(Instant.parse("2026-12-02T09:31:00Z"));
        assertEquals(1, runs(t.id(), 1), "one run per occurrence");
        long first = latestRun(t.id(), 1);
        assertTrue(exists("survey:" + first + ":" + id(t.id(), a)) && exists("survey:" + first + ":" + id(t.id(), b)));
        assertFalse(exists("survey:" + first + ":" + id(t.id(), t.reps().get(2))), "only the people listed");
        clock.set(Instant.parse("2026-12-02T10:00:00Z"));
        answerScale(t.id(), a, first, "5");
        answerScale(t.id(), b, first, "3");
        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT COUNT(*) FROM survey_participation WHERE run_id = ?1", first) == 2);
        assertEquals(2, count("SELECT COUNT(*) FROM survey_answer WHERE run_id = ?1 AND member_id IS NOT NULL", first),
                "a named survey keeps who answered what");
        String named = text(command(t.id(), t.boss(), "survey results 1"));
        assertTrue(named.contains("Average *4.0* of 5") && named.contains("2 of 2 (100%)"), named);

        tick.startDueRuns(Instant.parse("2026-12-09T09:31:00Z"));
        assertEquals(2, runs(t.id(), 1));
        long second = latestRun(t.id(), 1);
        clock.set(Instant.parse("2026-12-09T10:00:00Z"));
        answerScale(t.id(), a, second, "5");
        answerScale(t.id(), b, second, "4");
        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT COUNT(*) FROM survey_participation WHERE run_id = ?1", second) == 2);
        String trend = text(command(t.id(), t.boss(), "survey results 1"));
        assertTrue(trend.contains("Average *4.5* of 5") && trend.contains("▲ +0.5 since run #1 (4.0)"), trend);
        assertTrue(text(command(t.id(), t.boss(), "survey results 1 run=1")).contains("Average *4.0* of 5"));
        assertTrue(text(command(t.id(), t.boss(), "survey results 1 run=7")).contains("no run 7"));

        assertTrue(text(command(t.id(), t.boss(), "survey stop 1")).contains("is stopped"));
        tick.startDueRuns(Instant.parse("2026-12-16T09:31:00Z"));
        assertEquals(2, runs(t.id(), 1), "a stopped survey sends nothing more");
    }

    @Test
    void teamsManagerCreatesWithACardAndRepsAnswerWithCards() {
        String tenant = "tenant-litware";
        String admin = TeamsRequests.newUser();
        List<String> reps = List.of(TeamsRequests.newUser(), TeamsRequests.newUser(), TeamsRequests.newUser());
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        // one after the other: the first to be handled becomes the admin
        for (String user : List.of(admin, reps.get(0), reps.get(1), reps.get(2))) {
            var hello = TeamsRequests.message(tenant, user, "settings");
            TeamsRequests.post(hello).then().statusCode(200);
            reply(hello, user);
        }

        var create = TeamsRequests.message(tenant, admin, "调查 创建");
        TeamsRequests.post(create).then().statusCode(200);
        JsonNode card = reply(create, admin);
        assertTrue(card.toString().contains("\"id\":\"q1_kind\"") && card.toString().contains("survey.save"), card.toString());
        String created = submit(tenant, admin, card, d -> d.put("title", "Teams pulse").put("q1", "Mood?").put("q1_kind", "scale")
                .put("audience", "team").put("schedule", "once").put("anonymous", "yes"));
        assertTrue(created.contains("is on its way to 3 people"), created);
        String external = tenant;
        long run = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                SELECT r.id FROM survey_run r JOIN workspace w ON w.id = r.workspace_id WHERE w.external_id = ?1
                ORDER BY r.id DESC LIMIT 1""").setParameter(1, external).getSingleResult()).longValue());
        String invitation = payload("survey:" + run + ":" + id(tenant, reps.get(0)));
        assertTrue(invitation.contains("AdaptiveCard") && invitation.contains("survey.answer") && invitation.contains("Mood?"),
                invitation);

        JsonNode answerCard = click(tenant, reps.get(0), "survey.answer", Map.of("run", String.valueOf(run)));
        assertTrue(answerCard.toString().contains("\"id\":\"q1\"") && answerCard.toString().contains("at least 3 people"),
                answerCard.toString());
        assertTrue(submit(tenant, reps.get(0), answerCard, d -> d.put("q1", "5")).contains("your answers to"));
        JsonNode second = click(tenant, reps.get(1), "survey.answer", Map.of("run", String.valueOf(run)));
        String bad = submit(tenant, reps.get(1), second, d -> d.put("q1", "9"));
        assertTrue(bad.contains("isn't an answer from 1 to 5"), bad);
        assertEquals(1, count("SELECT COUNT(*) FROM survey_participation WHERE run_id = ?1", run), "nothing half-stored");
        assertTrue(click(tenant, reps.get(0), "survey.answer", Map.of("run", String.valueOf(run))).toString()
                .contains("already answered"));
        assertTrue(click(tenant, admin, "survey.answer", Map.of("run", String.valueOf(run))).toString()
                .contains("wasn't sent to you"));
        var results = TeamsRequests.message(tenant, admin, "survey results 1");
        TeamsRequests.post(results).then().statusCode(200);
        assertTrue(reply(results, admin).toString().contains("shown when its run closes"));
    }

    // ---- helpers

    /** How many reminders of this run a tick at {@code at} enqueued (other tests' runs may be reminded too). */
    private int remindedHere(Team t, long run, Instant at) {
        String sql = "SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE 'survey-remind:" + run
                + ":%' AND idempotency_key NOT LIKE '%test-waiting'";
        long before = count(sql);
        tick.remind(at);
        return (int) (count(sql) - before);
    }

    private JsonNode createModal(Team t, String typed) {
        int before = FakePlatforms.calls("POST", "/api/views.open").size();
        SlackRequests.slash(t.id(), t.boss(), typed, UUID.randomUUID().toString()).then().statusCode(200);
        return await().atMost(Duration.ofSeconds(15)).until(() -> {
            List<FakePlatforms.Call> calls = FakePlatforms.calls("POST", "/api/views.open");
            return calls.subList(before, calls.size()).stream().map(c -> SlackRequests.parse(c.body().path("view").asText()))
                    .filter(v -> v.path("private_metadata").asText().contains("survey.save")).toList();
        }, l -> !l.isEmpty()).get(0);
    }

    private JsonNode submitCreate(Team t, String typed, Consumer<ObjectNode> fill) {
        JsonNode modal = createModal(t, typed);
        return SlackRequests.parse(SlackRequests.interaction(SlackRequests.viewSubmission(t.id(), t.boss(), modal, v -> {
            input(v, "title", "Secret");
            fill.accept(v);
            select(v, "audience", "listed");
        })).then().statusCode(200).extract().asString());
    }

    /** Clicks "Answer" in the invitation as {@code user} and returns the modal Slack was asked to open. */
    private static JsonNode answerModal(String team, String user, long run) {
        var payload = SlackRequests.JSON.createObjectNode();
        payload.put("type", "block_actions").put("trigger_id", "trigger-" + UUID.randomUUID())
                .put("response_url", FakePlatforms.responseUrl(UUID.randomUUID().toString()));
        payload.putObject("team").put("id", team).put("domain", "acme");
        payload.putObject("user").put("id", user).put("name", "user");
        payload.putArray("actions").addObject().put("type", "button").put("action_id", "pacer:0").put("block_id", "b")
                .put("value", "{\"c\":\"survey.answer\",\"a\":{\"run\":\"" + run + "\"}}").put("action_ts", "1700000000.1");
        SlackRequests.interaction(payload).then().statusCode(200);
        String trigger = payload.path("trigger_id").asText();
        JsonNode call = await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.calls("POST", "/api/views.open").stream()
                .filter(c -> trigger.equals(c.body().path("trigger_id").asText())).toList(), l -> !l.isEmpty()).get(0).body();
        return SlackRequests.parse(call.path("view").asText());
    }

    private static void answer(String team, String user, JsonNode form, String scale, String yesNo, String text) {
        SlackRequests.interaction(SlackRequests.viewSubmission(team, user, form, v -> {
            select(v, "q1", scale);
            select(v, "q2", yesNo);
            if (text != null) {
                input(v, "q3", text);
            }
        })).then().statusCode(200);
    }

    private static void answerScale(String team, String user, long run, String scale) {
        JsonNode form = answerModal(team, user, run);
        SlackRequests.interaction(SlackRequests.viewSubmission(team, user, form, v -> select(v, "q1", scale))).then().statusCode(200);
    }

    private static void select(ObjectNode values, String name, String value) {
        values.putObject(name).putObject("v").put("type", "static_select").putObject("selected_option").put("value", value);
    }

    private static void input(ObjectNode values, String name, String value) {
        values.putObject(name).putObject("v").put("type", "plain_text_input").put("value", value);
    }

    private static Set<String> names(JsonNode json) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private Long id(String workspace, String user) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select m.id from Member m, Workspace w where m.workspaceId = w.id and w.externalId = ?1 and m.platformUserId = ?2",
                Long.class).setParameter(1, workspace).setParameter(2, user).getSingleResult());
    }

    private long latestRun(String workspace, int number) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                SELECT r.id FROM survey_run r JOIN survey s ON s.id = r.survey_id JOIN workspace w ON w.id = s.workspace_id
                WHERE w.external_id = ?1 AND s.number = ?2 ORDER BY r.run_no DESC LIMIT 1""")
                .setParameter(1, workspace).setParameter(2, number).getSingleResult()).longValue());
    }

    private long runs(String workspace, int number) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                SELECT COUNT(*) FROM survey_run r JOIN survey s ON s.id = r.survey_id JOIN workspace w ON w.id = s.workspace_id
                WHERE w.external_id = ?1 AND s.number = ?2""").setParameter(1, workspace).setParameter(2, number)
                .getSingleResult()).longValue());
    }

    private long count(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return ((Number) query.getSingleResult()).longValue();
        });
    }

    private boolean exists(String key) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.exists(key));
    }

    private String payload(String key) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT payload FROM outbox WHERE idempotency_key = ?1").setParameter(1, key).getSingleResult());
    }

    private String state(String key) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT state FROM outbox WHERE idempotency_key = ?1").setParameter(1, key).getSingleResult());
    }
}
