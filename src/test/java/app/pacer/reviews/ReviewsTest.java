package app.pacer.reviews;

import static app.pacer.testing.TeamsRequests.reply;
import static app.pacer.testing.SlackRequests.command;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.core.org.MemberRepository;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Reply;
import app.pacer.delivery.Outbox;
import app.pacer.testing.FakePlatforms;
import app.pacer.testing.SlackRequests;
import app.pacer.testing.SlackTeam;
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
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reviews end to end: scheduling and cycles, reminders, the snapshot, the forms on both platforms, who sees what. */
@QuarkusTest
class ReviewsTest {

    @Inject
    TestClock clock;

    @Inject
    ReviewReminders reminders;

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

    static String text(JsonNode reply) {
        return reply.toString();
    }

    @Test
    void scheduledReviewsAreSeenOnlyByTheRepTheirManagerAndAdmins() {
        SlackTeam t = SlackTeam.withManager();
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        String scheduled = text(command(t.id(), t.manager(), "review schedule " + t.mention(t.rep()) + " 2026-12-10 type=1on1"));
        assertTrue(scheduled.contains("Scheduled #1") && scheduled.contains("1:1") && scheduled.contains("2026-12-10"), scheduled);
        assertTrue(scheduled.contains("2026-11-10 to 2026-12-09"), "a one-off looks at the month before: " + scheduled);
        assertTrue(text(command(t.id(), t.rep(), "review show 1")).contains("Review #1"));
        assertTrue(text(command(t.id(), t.manager(), "review show #1")).contains("Review #1"));
        assertTrue(text(command(t.id(), t.admin(), "review show 1")).contains("Review #1"));
        assertTrue(text(command(t.id(), t.other(), "review show 1")).contains("can't find review"));
        assertTrue(text(command(t.id(), t.other(), "review start 1")).contains("can't find review"));
        assertTrue(text(command(SlackRequests.newTeam(), SlackRequests.newUser(), "review show 1")).contains("can't find review"),
                "another workspace's #1 does not exist here");
        assertTrue(text(command(t.id(), t.rep(), "review list")).contains("#1 · 2026-12-10"));
        assertTrue(text(command(t.id(), t.other(), "review list")).contains("none"));
        assertTrue(text(command(t.id(), t.rep(), "review list team")).contains("Only managers"));
        assertTrue(text(command(t.id(), t.manager(), "review list due team")).contains("#1"));
        assertTrue(text(command(t.id(), t.other(), "review list " + t.mention(t.rep()))).contains("none"),
                "a rep does not see a colleague's reviews");
        // bad input is explained and stores nothing
        assertTrue(text(command(t.id(), t.rep(), "review schedule " + t.mention(t.other()) + " fri")).contains("manager"));
        assertTrue(text(command(t.id(), t.manager(), "review schedule " + t.mention(t.rep()) + " 2020-01-01")).contains("has passed"));
        assertTrue(text(command(t.id(), t.manager(), "review schedule " + t.mention(t.rep()) + " 2026-12-11 type=party"))
                .contains("isn't one of"));
        assertTrue(text(command(t.id(), t.manager(), "review show abc")).contains("isn't a review number"));
        assertTrue(text(command(t.id(), t.manager(), "review list")).contains("#1") && !text(command(t.id(), t.manager(),
                "review list")).contains("#2"), "nothing half-stored");
        assertTrue(text(command(t.id(), t.admin(), "manager " + t.mention(t.manager()) + " " + t.mention(t.rep()))).contains("isn't a manager"));
        assertTrue(text(command(t.id(), t.manager(), "review cancel 1")).contains("cancelled"));
        assertTrue(text(command(t.id(), t.rep(), "review start 1")).contains("was cancelled"));
    }

    @Test
    void cyclesScheduleEachRepOnTheirOwnTodayMovedOffHolidaysAndOnlyOnce() {
        SlackTeam t = SlackTeam.withManager();
        String east = SlackRequests.newUser();
        command(t.id(), east, "settings timezone Asia/Shanghai");
        command(t.id(), t.rep(), "settings timezone America/Los_Angeles");
        command(t.id(), t.admin(), "holiday add 2027-02-01 Spring");
        // 20:00 UTC on 31 Dec: still the 31st in Los Angeles, already 1 January in Shanghai
        clock.set(Instant.parse("2026-12-31T20:00:00Z"));
        String cycle = text(command(t.id(), t.manager(), "review cycle month day=31 team"));
        assertTrue(cycle.contains("Monthly review on day 31 for every rep"), cycle);
        List<Review> all = reviews(t);
        Review west = all.stream().filter(r -> r.repId().equals(id(t, t.rep()))).findFirst().orElseThrow();
        assertEquals("2026-12-31", west.dueOn().toString(), "Los Angeles: today, reviewing November");
        assertEquals("2026-11-01", west.periodStart().toString());
        Review shanghai = all.stream().filter(r -> r.repId().equals(id(t, east))).findFirst().orElseThrow();
        assertEquals("2027-02-02", shanghai.dueOn().toString(), "Shanghai: 31 Jan is a Sunday, 1 Feb a holiday");
        assertEquals("2026-12-01", shanghai.periodStart().toString());
        assertEquals("2026-12-31", shanghai.periodEnd().toString());
        assertTrue(all.stream().allMatch(r -> r.managerId() != null));
        int before = all.size();
        assertEquals(0, reminders.generateCycles(clock.instant()), "generating again creates nothing");
        assertEquals(before, reviews(t).size());
        // a month later Los Angeles moves on to December's review; a new rep is picked up
        String newcomer = SlackRequests.newUser();
        command(t.id(), newcomer, "settings timezone UTC");
        clock.set(Instant.parse("2027-01-05T12:00:00Z"));
        assertTrue(reminders.generateCycles(clock.instant()) >= 2);
        assertTrue(reviews(t).stream().anyMatch(r -> r.repId().equals(id(t, t.rep())) && r.dueOn().toString().equals("2027-02-02")));
        assertTrue(reviews(t).stream().anyMatch(r -> r.repId().equals(id(t, newcomer))));
        assertTrue(text(command(t.id(), t.manager(), "review cycle off team")).contains("stopped"));
        clock.set(Instant.parse("2027-03-05T12:00:00Z"));
        int stopped = reviews(t).size();
        reminders.generateCycles(clock.instant());
        assertEquals(stopped, reviews(t).size(), "a stopped cycle schedules nothing more");
    }

    @Test
    void remindersComeBeforeOnTheDayWhenOverdueAndStopOnceRecorded() {
        SlackTeam t = SlackTeam.withManager();
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        command(t.id(), t.manager(), "review schedule " + t.mention(t.rep()) + " 2026-12-10");
        Review review = reviews(t).get(0);
        String soon = "review:" + review.id() + ":soon:";
        // Monday 7 Dec, 3 days before, at 08:59: not yet their morning
        reminders.remind(Instant.parse("2026-12-07T08:59:00Z"));
        assertFalse(exists(soon + id(t, t.rep())));
        reminders.remind(Instant.parse("2026-12-07T09:00:00Z"));
        assertTrue(exists(soon + id(t, t.rep())) && exists(soon + id(t, t.manager())));
        assertFalse(exists(soon + id(t, t.admin())), "the admin is not part of it");
        reminders.remind(Instant.parse("2026-12-08T09:00:00Z"));
        assertEquals(2, reminded(review), "once, not every day");
        // the morning of the day: the nudge carries it, with its buttons
        clock.set(Instant.parse("2026-12-10T09:30:00Z"));
        String nudge = text(command(t.id(), t.rep(), "nudge preview"));
        assertTrue(nudge.contains("Today: your review #1") && nudge.contains("review.start"), nudge);
        assertTrue(text(command(t.id(), t.manager(), "nudge preview")).contains("Today: review #1 of"));
        // overdue: every 2 working days (Mon 14th, Wed 16th), not on Friday the 11th or Tuesday the 15th
        reminders.remind(Instant.parse("2026-12-11T10:00:00Z"));
        assertEquals(2, reminded(review));
        reminders.remind(Instant.parse("2026-12-14T10:00:00Z"));
        assertEquals(4, reminded(review));
        reminders.remind(Instant.parse("2026-12-15T10:00:00Z"));
        assertEquals(4, reminded(review));
        reminders.remind(Instant.parse("2026-12-16T10:00:00Z"));
        assertEquals(6, reminded(review));
        // a week late, the admins hear about it, once
        reminders.remind(Instant.parse("2026-12-17T10:00:00Z"));
        assertEquals(7, reminded(review));
        assertTrue(exists("review:" + review.id() + ":escalate:" + id(t, t.admin())));
        reminders.remind(Instant.parse("2026-12-18T10:00:00Z"));
        assertEquals(9, reminded(review), "the overdue ones again; no second escalation");
        // a reminder still waiting in the outbox is withdrawn when the review is recorded
        String waiting = "review:" + review.id() + ":test-waiting";
        QuarkusTransaction.requiringNew().run(() -> outbox.toMember(members.findById(id(t, t.rep())),
                Reply.message("later", List.of(new Block.Text("later"))), waiting, Instant.parse("2026-12-21T10:00:00Z"), null));
        clock.set(Instant.parse("2026-12-18T11:00:00Z"));
        JsonNode view = startForm(t.id(), t.manager(), 1);
        SlackRequests.interaction(SlackRequests.viewSubmission(t.id(), t.manager(), view, values -> select(values, "overall", "3")))
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> text(command(t.id(), t.rep(), "review list done")).contains("#1"));
        assertEquals("EXPIRED", state(waiting));
        reminders.remind(Instant.parse("2026-12-22T10:00:00Z"));
        assertEquals(10, reminded(review), "done: nobody is chased any more (the 10th is the withdrawn test row)");
        assertTrue(text(command(t.id(), t.manager(), "review start 1")).contains("already recorded"));
    }

    @Test
    void theSnapshotHasThePeriodsNumbersAndIsFrozenWhenRecorded() {
        SlackTeam t = SlackTeam.withManager();
        clock.set(Instant.parse("2026-11-15T10:00:00Z"));
        command(t.id(), t.manager(), "target set revenue 100k month " + t.mention(t.rep()));
        command(t.id(), t.rep(), "log 30k revenue date=2026-11-10");
        command(t.id(), t.rep(), "log 50k revenue");
        command(t.id(), t.rep(), "log 2 deals");
        command(t.id(), t.rep(), "lead add Won co");
        command(t.id(), t.rep(), "lead stage 1 won");
        command(t.id(), t.rep(), "lead add Lost co");
        command(t.id(), t.rep(), "lead stage 2 lost \"too pricey\"");
        command(t.id(), t.rep(), "lead add Late next=2026-11-20");
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        command(t.id(), t.manager(), "review schedule " + t.mention(t.rep()) + " today");
        String live = text(command(t.id(), t.manager(), "review show 1"));
        assertTrue(live.contains("$80,000 of $100,000 (80%)"), live);
        assertTrue(live.contains("*Deals*\\n3"), "2 logged + 1 won: " + live);
        assertTrue(live.contains("*Leads added*\\n3") && live.contains("*Won*\\n1") && live.contains("*Lost*\\n1")
                && live.contains("*Win rate*\\n50%") && live.contains("*Follow-ups overdue*\\n1"), live);
        assertTrue(live.contains("as of today"), live);

        // the rep's self-assessment, then the manager's review with the numbers on the form
        JsonNode self = startForm(t.id(), t.rep(), 1);
        assertTrue(self.toString().contains("$80,000 of $100,000") && self.toString().contains("self_rating"), self.toString());
        SlackRequests.interaction(SlackRequests.viewSubmission(t.id(), t.rep(), self, values -> {
            select(values, "self_rating", "4");
            input(values, "went_well", "Closed the Won co deal");
        })).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> text(command(t.id(), t.manager(), "review show 1")).contains("Closed the Won co deal"));
        JsonNode form = startForm(t.id(), t.manager(), 1);
        String modal = form.toString();
        assertTrue(modal.contains("rate_revenue") && modal.contains("next_revenue") && modal.contains("apply_targets")
                && modal.contains("Closed the Won co deal"), modal);
        String bad = SlackRequests.interaction(SlackRequests.viewSubmission(t.id(), t.manager(), form, values -> {
            select(values, "rate_revenue", "9");
        })).then().statusCode(200).extract().asString();
        assertTrue(bad.contains("\"overall\"") && bad.contains("rate_revenue"), bad);
        assertTrue(text(command(t.id(), t.rep(), "review list")).contains("#1"), "an invalid form records nothing");
        SlackRequests.interaction(SlackRequests.viewSubmission(t.id(), t.manager(), form, values -> {
            select(values, "rate_revenue", "4");
            select(values, "overall", "4");
            input(values, "strengths", "Great closing");
            input(values, "goals", "Grow revenue to 120k");
            input(values, "next_revenue", "120k");
            select(values, "apply_targets", "yes");
        })).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> text(command(t.id(), t.rep(), "review list done")).contains("#1"));
        assertTrue(text(command(t.id(), t.manager(), "target list " + t.mention(t.rep()))).contains("$120,000"),
                "the agreed goal became December's target");
        // later entries for the period do not change the recorded review
        command(t.id(), t.rep(), "log 10k revenue date=2026-11-30");
        String recorded = text(command(t.id(), t.rep(), "review show 1"));
        assertTrue(recorded.contains("$80,000 of $100,000 (80%)") && recorded.contains("Great closing")
                && recorded.contains("★★★★☆") && !recorded.contains("as of today"), recorded);
        await().atMost(Duration.ofSeconds(10)).until(() -> FakePlatforms.CALLS.stream()
                .anyMatch(c -> c.body().toString().contains("Your review #1 with") && c.body().toString().contains("is recorded")));
    }

    @Test
    void teamsRepAndManagerFillTheirFormsAsCards() {
        String tenant = FakePlatforms.ALLOWED_TENANTS.get(3);
        String admin = TeamsRequests.newUser();
        String rep = TeamsRequests.newUser();
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        // the first message processed in a tenant makes its sender admin: wait for it before the rep writes
        var first = TeamsRequests.message(tenant, admin, "settings");
        TeamsRequests.post(first).then().statusCode(200);
        reply(first, admin);
        var second = TeamsRequests.message(tenant, rep, "settings");
        TeamsRequests.post(second).then().statusCode(200);
        reply(second, rep);
        var schedule = TeamsRequests.mention(TeamsRequests.message(tenant, admin, "review schedule <at>Rep Teams</at> 2026-12-04"),
                rep, "Rep Teams");
        TeamsRequests.post(schedule).then().statusCode(200);
        String scheduled = reply(schedule, admin).toString();
        assertTrue(scheduled.contains("Scheduled #"), scheduled);
        String number = scheduled.replaceAll(".*Scheduled #(\\d+).*", "$1");

        var start = TeamsRequests.message(tenant, rep, "review start " + number);
        TeamsRequests.post(start).then().statusCode(200);
        JsonNode card = reply(start, rep);
        assertTrue(card.toString().contains("Self-assessment") && card.toString().contains("\"id\":\"self_rating\""), card.toString());
        submit(tenant, rep, card, data -> data.put("self_rating", "5").put("went_well", "Teams went well"),
                "self-assessment for review #" + number + " is saved");

        var record = TeamsRequests.message(tenant, admin, "review start " + number);
        TeamsRequests.post(record).then().statusCode(200);
        JsonNode managerCard = reply(record, admin);
        assertTrue(managerCard.toString().contains("Teams went well") && managerCard.toString().contains("\"id\":\"overall\""),
                managerCard.toString());
        submit(tenant, admin, managerCard, data -> data.put("overall", "5").put("strengths", "Consistent"),
                "is recorded");
        var show = TeamsRequests.message(tenant, rep, "review show " + number);
        TeamsRequests.post(show).then().statusCode(200);
        assertTrue(reply(show, rep).toString().contains("Consistent"));
    }

    // ---- helpers

    private void submit(String tenant, String user, JsonNode card, Consumer<ObjectNode> fill, String expected) {
        var submit = TeamsRequests.message(tenant, user, null);
        submit.remove("text");
        submit.put("replyToId", "1:card-" + UUID.randomUUID());
        ObjectNode value = card.path("attachments").get(0).path("content").path("actions").get(0).path("data").deepCopy();
        fill.accept(value);
        submit.set("value", value);
        TeamsRequests.post(submit).then().statusCode(200);
        assertTrue(reply(submit, user).toString().contains(expected), expected);
    }

    /** Clicks "Start" on review #n as {@code user} and returns the modal Slack was asked to open. */
    private static JsonNode startForm(String team, String user, int number) {
        var payload = SlackRequests.JSON.createObjectNode();
        payload.put("type", "block_actions").put("trigger_id", "trigger-" + UUID.randomUUID())
                .put("response_url", FakePlatforms.responseUrl(UUID.randomUUID().toString()));
        payload.putObject("team").put("id", team).put("domain", "acme");
        payload.putObject("user").put("id", user).put("name", "user");
        payload.putArray("actions").addObject().put("type", "button").put("action_id", "pacer:0").put("block_id", "b")
                .put("value", "{\"c\":\"review.start\",\"a\":{\"review\":\"" + number + "\"}}").put("action_ts", "1700000000.1");
        SlackRequests.interaction(payload).then().statusCode(200);
        String trigger = payload.path("trigger_id").asText();
        JsonNode call = await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.calls("POST", "/api/views.open").stream()
                .filter(c -> trigger.equals(c.body().path("trigger_id").asText())).toList(), l -> !l.isEmpty()).get(0).body();
        return SlackRequests.parse(call.path("view").asText());
    }

    private static void select(ObjectNode values, String name, String value) {
        values.putObject(name).putObject("v").put("type", "static_select").putObject("selected_option").put("value", value);
    }

    private static void input(ObjectNode values, String name, String value) {
        values.putObject(name).putObject("v").put("type", "plain_text_input").put("value", value);
    }

    private Long id(SlackTeam t, String user) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select m.id from Member m, Workspace w where m.workspaceId = w.id and w.externalId = ?1 and m.platformUserId = ?2",
                Long.class).setParameter(1, t.id()).setParameter(2, user).getSingleResult());
    }

    private List<Review> reviews(SlackTeam t) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select r from Review r, Workspace w where r.workspaceId = w.id and w.externalId = ?1 order by r.number",
                Review.class).setParameter(1, t.id()).getResultList());
    }

    /** Reminders of this review in the outbox (other tests' reviews are reminded by the same tick). */
    private long reminded(Review review) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox WHERE idempotency_key LIKE ?1").setParameter(1, "review:" + review.id() + ":%")
                .getSingleResult()).longValue());
    }

    private boolean exists(String key) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.exists(key));
    }

    private String state(String key) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT state FROM outbox WHERE idempotency_key = ?1").setParameter(1, key).getSingleResult());
    }
}
