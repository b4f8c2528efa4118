package app.pacer.targets;

import static app.pacer.testing.SlackRequests.command;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.core.org.Platform;
import app.pacer.core.org.WorkspaceRepository;
import app.pacer.testing.FakePlatforms;
import app.pacer.testing.SlackRequests;
import app.pacer.testing.TeamsRequests;
import app.pacer.testing.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Targets, logging, progress and leaderboards through the real endpoints. */
@QuarkusTest
class TargetsTest {

    @Inject
    TestClock clock;

    @Inject
    EntityManager em;

    @Inject
    WorkspaceRepository workspaces;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** A workspace with an admin (first), a manager and a rep, all in UTC. */
    record Team(String id, String admin, String manager, String rep) {
    }

    static Team team() {
        Team t = new Team(SlackRequests.newTeam(), SlackRequests.newUser(), SlackRequests.newUser(), SlackRequests.newUser());
        command(t.id(), t.admin(), "settings timezone UTC");
        command(t.id(), t.manager(), "settings timezone UTC");
        command(t.id(), t.rep(), "settings timezone UTC");
        command(t.id(), t.admin(), "role <@" + t.manager() + "> manager");
        return t;
    }

    static String text(JsonNode reply) {
        return reply.toString();
    }

    private long entries(String team) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Long ws = workspaces.find(Platform.SLACK, team).orElseThrow().id();
            return ((Number) em.createNativeQuery("SELECT count(*) FROM log_entry WHERE workspace_id = ?1 AND undone_at IS NULL")
                    .setParameter(1, ws).getSingleResult()).longValue();
        });
    }

    @Test
    void managerSetsATargetRepLogsAndSeesThePace() {
        // members pace from the day they joined: they join on the month's first day, whenever this test runs
        clock.set(Instant.parse("2026-12-01T08:00:00Z"));
        Team t = team();
        clock.set(Instant.parse("2026-12-14T10:00:00Z")); // Monday; 9 of December's 23 weekdays are complete
        String set = text(command(t.id(), t.manager(), "target set deals 46 month <@" + t.rep() + ">"));
        assertTrue(set.contains("46 Deals this month (2026-12-01 to 2026-12-31)"), set);
        String logged = text(command(t.id(), t.rep(), "log 10 deals"));
        assertTrue(logged.contains("Logged 10 Deals"), logged);
        assertTrue(logged.contains("10 of 46") && logged.contains("8 behind pace"), logged);
        assertTrue(logged.contains("need 2.58 a day over 14 working day(s) left (36 more by Thu 31 Dec)"), logged);
        String progress = text(command(t.id(), t.rep(), "progress"));
        assertTrue(progress.contains("▓▓░░░░░░░░ 21%"), progress);
    }

    @Test
    void repsSetOnlyTheirOwnTargetsAndTeamTargetsAreShared() {
        Team t = team();
        String refused = text(command(t.id(), t.rep(), "target set calls 100 week <@" + t.manager() + ">"));
        assertTrue(refused.contains("Only managers and admins set targets for other people"), refused);
        String refusedTeam = text(command(t.id(), t.rep(), "target set calls 100 week team"));
        assertTrue(refusedTeam.contains("Only managers and admins"), refusedTeam);
        assertTrue(text(command(t.id(), t.rep(), "target set calls 50 week me")).contains("Target set for"));
        assertTrue(text(command(t.id(), t.admin(), "target set calls 120 week team")).contains("Target set for team"));
        command(t.id(), t.rep(), "log 5 calls");
        command(t.id(), t.manager(), "log 7 calls");
        String mine = text(command(t.id(), t.rep(), "progress"));
        assertTrue(mine.contains("5 of 50"), "own target: " + mine);
        assertTrue(mine.contains("12 of 120") && mine.contains("team"), "shared team target: " + mine);
        String team = text(command(t.id(), t.rep(), "progress team week"));
        assertTrue(team.contains("12 of 120"), team);
        String list = text(command(t.id(), t.manager(), "target list"));
        assertTrue(list.contains("50 Calls this week") && list.contains("120 Calls this week"), list);
    }

    @Test
    void badInputIsExplainedAndNothingIsStored() {
        Team t = team();
        long before = entries(t.id());
        assertTrue(text(command(t.id(), t.rep(), "log 3 widgets")).contains("I don't know the metric *widgets*. Valid metrics: revenue, deals"));
        assertTrue(text(command(t.id(), t.rep(), "log -3 deals")).contains("can't be negative"));
        assertTrue(text(command(t.id(), t.rep(), "log abc deals")).contains("isn't an amount I understand"));
        assertTrue(text(command(t.id(), t.rep(), "log 2000000000000 revenue")).contains("more than the largest amount"));
        assertTrue(text(command(t.id(), t.rep(), "target set deals 0 week")).contains("more than zero"));
        assertTrue(text(command(t.id(), t.rep(), "log 2 deals date=tomorrow")).contains("in the future"));
        assertTrue(text(command(t.id(), t.rep(), "log 2 deals date=2020-01-01")).contains("at most 7 days back"));
        assertTrue(text(command(t.id(), t.rep(), "log 2 deals for=<@" + t.manager() + ">")).contains("Only managers and admins log for other people"));
        assertEquals(before, entries(t.id()), "nothing stored");
        assertTrue(text(command(t.id(), t.manager(), "log 2 meetings for=<@" + t.rep() + "> date=yesterday")).contains("Logged 2 Meetings for"));
        assertEquals(before + 1, entries(t.id()));
    }

    @Test
    void chineseMoneyAndUndo() {
        Team t = team();
        command(t.id(), t.admin(), "settings currency cny");
        command(t.id(), t.rep(), "settings language zh");
        String logged = text(command(t.id(), t.rep(), "记录 1.2万 销售额 续约"));
        assertTrue(logged.contains("已记录 CN¥12,000 销售额") || logged.contains("已记录 ¥12,000 销售额"), logged);
        String calls = text(command(t.id(), t.rep(), "记录 5 电话"));
        assertTrue(calls.contains("已记录 5 电话"), calls);
        String undone = text(command(t.id(), t.rep(), "撤销"));
        assertTrue(undone.contains("已删除") && undone.contains("5 电话"), undone);
        String again = text(command(t.id(), t.rep(), "撤销"));
        assertTrue(again.contains("续约"), again);
        assertTrue(text(command(t.id(), t.rep(), "撤销")).contains("没有可以撤销的记录"));
    }

    @Test
    void twoLogsAtTheSameMomentBothCount() {
        Team t = team();
        List<CompletableFuture<JsonNode>> logs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            logs.add(CompletableFuture.supplyAsync(() -> command(t.id(), t.rep(), "log 1 calls")));
        }
        logs.forEach(CompletableFuture::join);
        assertTrue(text(command(t.id(), t.rep(), "progress week")).contains("*Calls* this week: 8"), "8 calls counted");
        assertEquals(8, entries(t.id()));
        // the team's daily totals (kept by the database) follow logs and undos exactly
        assertTrue(text(command(t.id(), t.rep(), "progress team week")).contains("*Calls* this week: 8"));
        command(t.id(), t.rep(), "undo");
        String team = text(command(t.id(), t.rep(), "progress team week"));
        assertTrue(team.contains("*Calls* this week: 7"), team);
    }

    @Test
    void reSettingReplacesAndKeepsHistoryAndAmbitionIsFlagged() {
        Team t = team();
        clock.set(Instant.parse("2026-11-10T10:00:00Z"));
        command(t.id(), t.rep(), "log 10 deals");
        clock.set(Instant.parse("2026-12-02T10:00:00Z"));
        String modest = text(command(t.id(), t.manager(), "target set deals 15 month <@" + t.rep() + ">"));
        assertFalse(modest.contains("more than twice"), modest);
        String ambitious = text(command(t.id(), t.manager(), "target set deals 25 month <@" + t.rep() + ">"));
        assertTrue(ambitious.contains("more than twice the best on record for such a period (10)"), ambitious);
        long[] rows = QuarkusTransaction.requiringNew().call(() -> {
            Long ws = workspaces.find(Platform.SLACK, t.id()).orElseThrow().id();
            long all = ((Number) em.createNativeQuery("SELECT count(*) FROM target WHERE workspace_id = ?1").setParameter(1, ws).getSingleResult()).longValue();
            long active = ((Number) em.createNativeQuery("SELECT count(*) FROM target WHERE workspace_id = ?1 AND superseded_at IS NULL").setParameter(1, ws).getSingleResult()).longValue();
            return new long[] {all, active};
        });
        assertEquals(2, rows[0]);
        assertEquals(1, rows[1]);
        assertTrue(text(command(t.id(), t.manager(), "target clear deals month <@" + t.rep() + ">")).contains("Cleared"));
        assertTrue(text(command(t.id(), t.manager(), "target clear deals month <@" + t.rep() + ">")).contains("no Deals target"));
    }

    @Test
    void leaderboardRanksByPercentHighlightsYouAndPaginates() {
        Team t = team();
        for (int i = 0; i < 12; i++) {
            String user = "U" + UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase();
            command(t.id(), t.admin(), "log " + (i + 1) + " deals for=<@" + user + ">");
        }
        command(t.id(), t.manager(), "target set deals 4 week <@" + t.rep() + ">");
        command(t.id(), t.rep(), "log 3 deals");
        String board = text(command(t.id(), t.rep(), "leaderboard deals week"));
        assertTrue(board.contains("🥇") && board.contains("(75%)") && board.contains("← you"), board);
        int first = board.indexOf("🥇");
        assertTrue(board.indexOf("(75%)") > first && board.indexOf("(75%)") < board.indexOf("🥈"), "a target's percent ranks first: " + board);
        assertTrue(board.contains("Page 1 of 2") && board.contains("\"Next\""), board);
        String page2 = text(command(t.id(), t.rep(), "leaderboard deals week page=2"));
        assertTrue(page2.contains("Page 2 of 2") && page2.contains("11."), page2);
    }

    @Test
    void customMetricsAreAddedListedAndArchivedWhenUsed() {
        Team t = team();
        assertTrue(text(command(t.id(), t.admin(), "metric add demos Demos 演示")).contains("Added the metric demos"));
        assertTrue(text(command(t.id(), t.rep(), "metric add trials Trials 试用")).contains("Only a *admin*"));
        assertTrue(text(command(t.id(), t.admin(), "metric add deals Deals 成交")).contains("already a metric"));
        assertTrue(text(command(t.id(), t.rep(), "log 2 演示")).contains("Logged 2 Demos"));
        assertTrue(text(command(t.id(), t.admin(), "metric list")).contains("demos"));
        assertTrue(text(command(t.id(), t.admin(), "metric remove demos")).contains("archived"));
        assertTrue(text(command(t.id(), t.rep(), "log 2 demos")).contains("I don't know the metric"));
        assertTrue(text(command(t.id(), t.admin(), "metric add visits Visits 拜访")).contains("Added"));
        assertTrue(text(command(t.id(), t.admin(), "metric remove visits")).contains("Removed the metric visits"));
        assertTrue(text(command(t.id(), t.admin(), "metric remove calls")).contains("built in"));
    }

    @Test
    void logAloneOpensAFormWithEveryMetricAndValidatesIt() {
        Team t = team();
        String trigger = "13345224609.738474920.8088930838d88f008e0";
        SlackRequests.slash(t.id(), t.rep(), "log", UUID.randomUUID().toString()).then().statusCode(200);
        JsonNode view = await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.calls("POST", "/api/views.open").stream()
                .map(c -> SlackRequests.parse(c.body().path("view").asText())).filter(v -> v.path("private_metadata").asText().contains("log.form"))
                .filter(v -> !seenViews.contains(v.toString())).toList(), l -> !l.isEmpty()).get(0);
        seenViews.add(view.toString());
        assertTrue(view.toString().contains("m_revenue") && view.toString().contains("m_meetings"), view.toString());
        assertTrue(view.toString().contains("number_input"));
        String errors = SlackRequests.interaction(submission(t, view, "abc", "2")).then().statusCode(200).extract().asString();
        assertTrue(errors.contains("response_action") && errors.contains("m_calls"), errors);
        assertEquals(0, entries(t.id()));
        SlackRequests.interaction(submission(t, view, "4", "2")).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> entries(t.id()) == 2);
        assertTrue(trigger.length() > 0);
    }

    private static final java.util.Set<String> seenViews = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static com.fasterxml.jackson.databind.node.ObjectNode submission(Team t, JsonNode view, String calls, String meetings) {
        return SlackRequests.viewSubmission(t.id(), t.rep(), view, values -> {
            values.putObject("m_calls").putObject("v").put("type", "number_input").put("value", calls);
            values.putObject("m_meetings").putObject("v").put("type", "number_input").put("value", meetings);
        });
    }

    @Test
    void appHomeShowsProgressAndIsRefreshedAfterALog() {
        Team t = team();
        lookAtHome(t);
        command(t.id(), t.rep(), "log 3 meetings");
        await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.calls("POST", "/api/views.publish").stream()
                .anyMatch(c -> t.rep().equals(c.body().path("user_id").asText())
                        && c.body().path("view").asText().contains("Your progress")
                        && c.body().path("view").asText().contains("Meetings")));
    }

    @Test
    void aHomeNobodyLooksAtIsRenderedWhenOpenedNotOnEveryChange() {
        clock.set(Instant.parse("2026-12-08T10:00:00Z")); // a Tuesday morning: an hour later is the same day and week
        Team t = team();
        command(t.id(), t.rep(), "target set meetings 20 week me");
        command(t.id(), t.rep(), "log 2 meetings");
        assertNoHomeFor(t.rep(), "never opened");

        SlackRequests.openHome(t.id(), t.rep()).then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> homesOf(t.rep()).stream().anyMatch(v -> v.contains("2 of 20")));
        command(t.id(), t.rep(), "log 1 meetings");
        await().atMost(Duration.ofSeconds(15)).until(() -> homesOf(t.rep()).stream().anyMatch(v -> v.contains("3 of 20")));

        clock.set(clock.instant().plus(Duration.ofMinutes(61))); // last looked at more than an hour ago
        command(t.id(), t.rep(), "log 1 meetings");
        assertNoHomeFor(t.rep(), "looked at an hour ago");
        SlackRequests.openHome(t.id(), t.rep()).then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> homesOf(t.rep()).stream().anyMatch(v -> v.contains("4 of 20")));
    }

    @Test
    void aClickInTheHomeKeepsItUpToDate() {
        clock.set(Instant.parse("2026-12-08T10:00:00Z"));
        Team t = team();
        command(t.id(), t.rep(), "target set meetings 20 week me");
        command(t.id(), t.rep(), "log 2 meetings");
        assertNoHomeFor(t.rep(), "never opened");
        // "undo" clicked on a button of the App Home (Slack says which view the button was in)
        var payload = SlackRequests.JSON.createObjectNode();
        payload.put("type", "block_actions").put("trigger_id", "trigger-" + UUID.randomUUID())
                .put("response_url", FakePlatforms.responseUrl(UUID.randomUUID().toString()));
        payload.putObject("team").put("id", t.id()).put("domain", "acme");
        payload.putObject("user").put("id", t.rep()).put("name", "rep");
        payload.putObject("view").put("id", "V0HOME").put("type", "home");
        payload.putArray("actions").addObject().put("type", "button").put("action_id", "pacer:0").put("block_id", "b")
                .put("value", "{\"c\":\"undo\",\"a\":{}}").put("action_ts", "1700000000.1");
        SlackRequests.interaction(payload).then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> homesOf(t.rep()).stream().anyMatch(v -> v.contains("0 of 20")));
    }

    /** No App Home goes out for this user, for twice the refresh delay. */
    private static void assertNoHomeFor(String user, String why) {
        long before = publishesFor(user);
        try {
            Thread.sleep(4_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long after = publishesFor(user);
        assertEquals(before, after, "no App Home published: " + why);
    }

    private static long publishesFor(String user) {
        return FakePlatforms.calls("POST", "/api/views.publish").stream().filter(c -> user.equals(c.body().path("user_id").asText())).count();
    }

    /** The rep opens the App Home tab and gets it. */
    private static void lookAtHome(Team t) {
        SlackRequests.openHome(t.id(), t.rep()).then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> publishesFor(t.rep()) > 0);
    }

    @Test
    void aBurstOfChangesRefreshesTheAppHomeOnceWithAllOfThem() {
        Team t = team();
        lookAtHome(t);
        command(t.id(), t.rep(), "target set meetings 20 week me");
        long start = System.currentTimeMillis();
        for (int i = 0; i < 4; i++) {
            command(t.id(), t.rep(), "log 1 meetings");
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> homesOf(t.rep()).stream().anyMatch(view -> view.contains("4 of 20")));
        long burst = System.currentTimeMillis() - start;
        try {
            Thread.sleep(3_000); // longer than the refresh delay: any refresh still waiting has gone out
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> homes = homesOf(t.rep());
        // the target and four logs, typed within a few seconds: one or two refreshes (with the old one per change, five)
        assertTrue(homes.size() <= (burst < 2_000 ? 2 : 3), burst + " ms, " + homes.size() + " refreshes: " + homes);
        assertTrue(homes.get(homes.size() - 1).contains("4 of 20"), "the last refresh shows every log");
    }

    private static List<String> homesOf(String user) {
        return FakePlatforms.calls("POST", "/api/views.publish").stream()
                .filter(c -> user.equals(c.body().path("user_id").asText()))
                .map(c -> c.body().path("view").asText()).filter(view -> view.contains(" of 20")).toList();
    }

    @Test
    void theMorningNudgeCarriesTheTargets() {
        Team t = team();
        clock.set(Instant.parse("2026-12-08T08:00:00Z"));
        command(t.id(), t.manager(), "target set calls 50 week <@" + t.rep() + ">");
        clock.set(Instant.parse("2026-12-09T08:00:00Z"));
        command(t.id(), t.rep(), "log 4 calls date=yesterday");
        String nudge = text(command(t.id(), t.rep(), "nudge preview"));
        assertTrue(nudge.contains("Your targets") && nudge.contains("4 of 50") && nudge.contains("Yesterday: Calls 4"), nudge);
    }

    @Test
    void teamsRoundTrip() {
        String tenant = FakePlatforms.ALLOWED_TENANTS.get(2);
        String user = TeamsRequests.newUser();
        var log = TeamsRequests.message(tenant, user, "log 2 deals");
        TeamsRequests.post(log).then().statusCode(200);
        String logPath = "/teams/v3/conversations/a:personal-" + user + "/activities/" + log.path("id").asText();
        String logged = await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.calls("POST", logPath), l -> !l.isEmpty())
                .get(0).body().toString();
        assertTrue(logged.contains("Logged 2 Deals"), logged);
        var activity = TeamsRequests.message(tenant, user, "progress");
        TeamsRequests.post(activity).then().statusCode(200);
        String path = "/teams/v3/conversations/a:personal-" + user + "/activities/" + activity.path("id").asText();
        FakePlatforms.Call reply = await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.calls("POST", path), l -> !l.isEmpty()).get(0);
        String card = reply.body().toString();
        assertTrue(card.contains("Deals") && card.contains("this week") && card.contains("AdaptiveCard"), card);
    }
}
