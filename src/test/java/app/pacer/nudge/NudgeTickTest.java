package app.pacer.nudge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.org.Platform;
import app.pacer.core.org.WorkspaceRepository;
import app.pacer.delivery.Outbox;
import app.pacer.testing.FakePlatforms;
import app.pacer.testing.SlackRequests;
import app.pacer.testing.TeamsRequests;
import app.pacer.testing.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The morning nudge through the tick, the outbox and the delivery worker, with the clock pinned. */
@QuarkusTest
class NudgeTickTest {

    @Inject
    NudgeTick tick;

    @Inject
    TestClock clock;

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    MemberRepository members;

    @Inject
    Outbox outbox;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** A Slack member in {@code zone}, created and configured through real commands. */
    private Member slackMember(String zone) {
        String team = SlackRequests.newTeam();
        String user = SlackRequests.newUser();
        SlackRequests.command(team, user, "settings timezone " + zone);
        return member(Platform.SLACK, team, user);
    }

    private Member member(Platform platform, String workspace, String user) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Long ws = workspaces.find(platform, workspace).orElseThrow().id();
            return members.find(ws, user).orElseThrow();
        });
    }

    private boolean enqueued(Member member, LocalDate day) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.exists("nudge:" + member.id() + ":" + day));
    }

    private JsonNode deliveredNudge(Member member, LocalDate day) {
        String key = "nudge:" + member.id() + ":" + day;
        await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.postsWithKey(key) == 1);
        return FakePlatforms.SLACK_HISTORY.values().stream().flatMap(List::stream)
                .filter(m -> key.equals(m.path("metadata").path("event_payload").path("key").asText()))
                .findFirst().orElseThrow();
    }

    @Test
    void nudgeArrivesAtNineLocalTimeOnceAsADirectMessage() {
        Member mei = slackMember("Asia/Shanghai");
        LocalDate tuesday = LocalDate.of(2026, 12, 1);
        clock.set(Instant.parse("2026-12-01T00:59:00Z")); // 08:59 in Shanghai
        tick.enqueueDue(clock.instant());
        assertFalse(enqueued(mei, tuesday));

        clock.set(Instant.parse("2026-12-01T01:00:00Z"));
        tick.enqueueDue(clock.instant());
        assertTrue(enqueued(mei, tuesday));
        JsonNode posted = deliveredNudge(mei, tuesday);
        assertTrue(posted.path("text").asText().startsWith("Good morning"), posted.toString());
        assertTrue(FakePlatforms.calls("POST", "/api/conversations.open").stream()
                .anyMatch(c -> c.body().path("users").asText().equals(mei.platformUserId())));

        // the next ticks of the day, and a second replica's tick, change nothing
        clock.set(Instant.parse("2026-12-01T01:05:00Z"));
        CompletableFuture<?> a = CompletableFuture.runAsync(() -> tick.enqueueDue(clock.instant()));
        CompletableFuture<?> b = CompletableFuture.runAsync(() -> tick.enqueueDue(clock.instant()));
        CompletableFuture.allOf(a, b).join();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> FakePlatforms.postsWithKey("nudge:" + mei.id() + ":" + tuesday) == 1);
    }

    @Test
    void weekendsHolidaysAndAwayDaysGetNoNudge() {
        String team = SlackRequests.newTeam();
        String user = SlackRequests.newUser();
        SlackRequests.command(team, user, "settings timezone Europe/Berlin");
        clock.set(Instant.parse("2026-12-01T12:00:00Z"));
        SlackRequests.command(team, user, "holiday add 2026-12-24..2026-12-26 Christmas");
        SlackRequests.command(team, user, "away 2026-12-10");
        Member member = member(Platform.SLACK, team, user);

        clock.set(Instant.parse("2026-12-05T08:30:00Z")); // Saturday 09:30 in Berlin
        tick.enqueueDue(clock.instant());
        assertFalse(enqueued(member, LocalDate.of(2026, 12, 5)));

        clock.set(Instant.parse("2026-12-10T08:30:00Z")); // away
        tick.enqueueDue(clock.instant());
        assertFalse(enqueued(member, LocalDate.of(2026, 12, 10)));

        clock.set(Instant.parse("2026-12-24T08:30:00Z")); // holiday
        tick.enqueueDue(clock.instant());
        assertFalse(enqueued(member, LocalDate.of(2026, 12, 24)));

        clock.set(Instant.parse("2026-12-28T08:30:00Z")); // Monday, a working day again
        tick.enqueueDue(clock.instant());
        assertTrue(enqueued(member, LocalDate.of(2026, 12, 28)));
    }

    @Test
    void sundayToThursdayWeekNudgesOnSunday() {
        String team = SlackRequests.newTeam();
        String user = SlackRequests.newUser();
        SlackRequests.command(team, user, "settings timezone Asia/Dubai");
        SlackRequests.command(team, user, "workweek sun-thu");
        Member member = member(Platform.SLACK, team, user);
        clock.set(Instant.parse("2026-12-06T05:10:00Z")); // Sunday 09:10 in Dubai
        tick.enqueueDue(clock.instant());
        assertTrue(enqueued(member, LocalDate.of(2026, 12, 6)));
        clock.set(Instant.parse("2026-12-11T05:10:00Z")); // Friday
        tick.enqueueDue(clock.instant());
        assertFalse(enqueued(member, LocalDate.of(2026, 12, 11)));
    }

    @Test
    void daylightSavingTimeMovesTheInstantNotTheLocalTime() {
        Member member = slackMember("America/New_York");
        // Friday before the March change: 09:00 EST = 14:00Z
        clock.set(Instant.parse("2026-03-06T13:59:00Z"));
        tick.enqueueDue(clock.instant());
        assertFalse(enqueued(member, LocalDate.of(2026, 3, 6)));
        clock.set(Instant.parse("2026-03-06T14:00:00Z"));
        tick.enqueueDue(clock.instant());
        assertTrue(enqueued(member, LocalDate.of(2026, 3, 6)));
        // Monday after: 09:00 EDT = 13:00Z
        clock.set(Instant.parse("2026-03-09T13:00:00Z"));
        tick.enqueueDue(clock.instant());
        assertTrue(enqueued(member, LocalDate.of(2026, 3, 9)));
    }

    @Test
    void bothSidesOfMidnightUseEachMembersOwnDate() {
        Member auckland = slackMember("Pacific/Auckland");
        Member losAngeles = slackMember("America/Los_Angeles");
        SlackRequests.command(workspaceOf(losAngeles), losAngeles.platformUserId(), "nudge time 11:45");
        // 2026-12-01T20:30Z is Wednesday 09:30 on 2 December in Auckland, Tuesday 12:30 on 1 December in LA
        clock.set(Instant.parse("2026-12-01T20:30:00Z"));
        tick.enqueueDue(clock.instant());
        assertTrue(enqueued(auckland, LocalDate.of(2026, 12, 2)));
        assertFalse(enqueued(auckland, LocalDate.of(2026, 12, 1)));
        assertTrue(enqueued(losAngeles, LocalDate.of(2026, 12, 1)));
    }

    @Test
    void afterDowntimeALateNudgeIsSentWithinTwoHoursAndSkippedAfter() {
        Member late = slackMember("Europe/London");
        Member tooLate = slackMember("Europe/London");
        SlackRequests.command(workspaceOf(late), late.platformUserId(), "nudge time 07:30");
        SlackRequests.command(workspaceOf(tooLate), tooLate.platformUserId(), "nudge time 06:00");
        clock.set(Instant.parse("2026-12-02T09:15:00Z")); // 1h45 after 07:30, 3h15 after 06:00
        tick.enqueueDue(clock.instant());
        assertTrue(enqueued(late, LocalDate.of(2026, 12, 2)));
        deliveredNudge(late, LocalDate.of(2026, 12, 2));
        assertFalse(enqueued(tooLate, LocalDate.of(2026, 12, 2)));
    }

    @Test
    void aNudgeDueLateInTheEveningIsStillSentAfterMidnightDowntime() {
        Member member = slackMember("Europe/Madrid");
        SlackRequests.command(workspaceOf(member), member.platformUserId(), "nudge time 23:30");
        clock.set(Instant.parse("2026-12-01T23:40:00Z")); // 00:40 on Wednesday 2nd in Madrid; Tuesday's 23:30 was 70 min ago
        tick.enqueueDue(clock.instant());
        assertTrue(enqueued(member, LocalDate.of(2026, 12, 1)));
        assertFalse(enqueued(member, LocalDate.of(2026, 12, 2)));
    }

    @Test
    void snoozeHoldsBackRemindersButNotTomorrowsNudge() {
        Member member = slackMember("UTC");
        String team = workspaceOf(member);
        clock.set(Instant.parse("2026-12-03T10:00:00Z"));
        SlackRequests.command(team, member.platformUserId(), "nudge snooze");
        Member snoozed = member(Platform.SLACK, team, member.platformUserId());
        Outbox.Result reminder = QuarkusTransaction.requiringNew().call(() -> outbox.toMember(snoozed,
                app.pacer.core.reply.Reply.text("Follow up with Acme"), "reminder:test:" + snoozed.id(),
                Instant.parse("2026-12-03T15:00:00Z"), null));
        assertEquals(Outbox.Result.QUIET, reminder);
        clock.set(Instant.parse("2026-12-04T09:05:00Z"));
        tick.enqueueDue(clock.instant());
        assertTrue(enqueued(member, LocalDate.of(2026, 12, 4)));
    }

    @Test
    void nudgeOffMeansNoNudgeAndPreviewShowsTodaysNudge() {
        Member member = slackMember("Asia/Tokyo");
        String team = workspaceOf(member);
        JsonNode preview = SlackRequests.command(team, member.platformUserId(), "nudge preview");
        assertTrue(preview.toString().contains("Nothing due today"), preview.toString());
        assertTrue(preview.toString().contains("Snooze until tomorrow"), preview.toString());
        SlackRequests.command(team, member.platformUserId(), "nudge off");
        clock.set(Instant.parse("2026-12-03T00:30:00Z"));
        tick.enqueueDue(clock.instant());
        assertFalse(enqueued(member, LocalDate.of(2026, 12, 3)));
    }

    @Test
    void teamsMembersGetItProactivelyOnceTheyHaveTalkedToPacer() {
        String tenant = FakePlatforms.ALLOWED_TENANTS.get(0);
        String user = TeamsRequests.newUser();
        TeamsRequests.post(TeamsRequests.message(tenant, user, "settings timezone Asia/Singapore")).then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> !FakePlatforms.calls("POST", "a:personal-" + user + "/activities/").isEmpty());
        Member member = member(Platform.TEAMS, tenant, user);
        clock.set(Instant.parse("2026-12-01T01:01:00Z")); // 09:01 in Singapore
        tick.enqueueDue(clock.instant());
        assertTrue(enqueued(member, LocalDate.of(2026, 12, 1)));
        String path = "/teams/v3/conversations/a:personal-" + user + "/activities";
        FakePlatforms.Call sent = await().atMost(Duration.ofSeconds(15))
                .until(() -> FakePlatforms.CALLS.stream().filter(c -> c.method().equals("POST") && c.path().equals(path)).toList(),
                        l -> !l.isEmpty()).get(0);
        assertTrue(sent.body().toString().contains("Good morning"), sent.body().toString());
    }

    @Test
    void teamsMembersNeverReachedAreCountedNotErrors() {
        String tenant = FakePlatforms.ALLOWED_TENANTS.get(0);
        String user = TeamsRequests.newUser();
        Member admin = slackMember("UTC");
        // talked to Pacer only in a channel, and Pacer could not open a personal chat with them (Teams refused): no
        // personal conversation to write to
        FakePlatforms.CREATE_FAULTS.add("403");
        var channel = TeamsRequests.base("message", tenant, user, "19:general@thread.tacv2", "channel");
        channel.put("text", "<at>Pacer</at> settings timezone UTC");
        var mention = channel.putArray("entities").addObject();
        mention.put("type", "mention").put("text", "<at>Pacer</at>");
        mention.putObject("mentioned").put("id", "28:" + FakePlatforms.TEAMS_APP_ID).put("name", "Pacer");
        TeamsRequests.post(channel).then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> !FakePlatforms.calls("POST", "19:general@thread.tacv2/activities/"
                + channel.path("id").asText()).isEmpty());
        Member stranger = member(Platform.TEAMS, tenant, user);
        clock.set(Instant.parse("2026-12-01T09:10:00Z"));
        NudgeTick.Stats stats = tick.enqueueDue(clock.instant());
        assertFalse(enqueued(stranger, LocalDate.of(2026, 12, 1)));
        assertTrue(stats.unreachable() >= 1, stats.toString());
        assertTrue(enqueued(admin, LocalDate.of(2026, 12, 1)));
    }

    private String workspaceOf(Member member) {
        return QuarkusTransaction.requiringNew().call(() -> workspaces.findById(member.workspaceId()).externalId());
    }
}
