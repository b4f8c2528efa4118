package app.pacer.digest;

import static app.pacer.testing.TeamsRequests.reply;
import static app.pacer.testing.SlackRequests.command;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.core.reply.Block;
import app.pacer.core.reply.Language;
import app.pacer.core.reply.Reply;
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
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The standup digest: its content against known data in both languages, once a day, the standup round, Teams. */
@QuarkusTest
class DigestTest {

    @Inject
    TestClock clock;

    @Inject
    DigestService digests;

    @Inject
    DigestTick tick;

    @Inject
    EntityManager em;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    static String text(JsonNode reply) {
        return reply.toString();
    }

    /** A team with known numbers for Tuesday 1 December 2026; the digest is read on Wednesday the 2nd. */
    private SlackTeam seeded() {
        SlackTeam t = SlackTeam.withManager();
        clock.set(Instant.parse("2026-12-01T12:00:00Z"));
        command(t.id(), t.manager(), "target set deals 20 month " + t.mention(t.rep()));
        command(t.id(), t.manager(), "target set revenue 100k month team");
        command(t.id(), t.rep(), "log 2 deals");
        command(t.id(), t.rep(), "log 30k revenue");
        command(t.id(), t.rep(), "lead add Acme value=5000");
        command(t.id(), t.rep(), "lead stage 1 won");
        command(t.id(), t.rep(), "lead add Late next=today");
        command(t.id(), t.rep(), "feedback 1 2 slow");
        command(t.id(), t.manager(), "review schedule " + t.mention(t.rep()) + " 2026-12-04");
        assertTrue(text(command(t.id(), t.manager(), "digest channel")).contains("This channel now gets the team's digest"));
        return t;
    }

    private String digest(SlackTeam t, Language language, String at) {
        Instant now = Instant.parse(at);
        return QuarkusTransaction.requiringNew().call(() -> {
            Reply.Message message = digestsBuild(channel(t), now, language);
            return message.blocks().stream().map(DigestTest::plain).collect(Collectors.joining("\n"));
        });
    }

    @Inject
    DigestBuilder builder;

    private Reply.Message digestsBuild(DigestChannel channel, Instant now, Language language) {
        return builder.build(new DigestBuilder.Day(channel.workspaceId(), now.atZone(channel.zone()).toLocalDate(), channel.zone(),
                now, null, channel.standup(), false), language);
    }

    private DigestChannel channel(SlackTeam t) {
        return em.createQuery("select d from DigestChannel d, Workspace w where d.workspaceId = w.id and w.externalId = ?1",
                DigestChannel.class).setParameter(1, t.id()).getSingleResult();
    }

    static String plain(Block block) {
        if (block instanceof Block.Bullets b) {
            return String.join("\n", b.items());
        }
        if (block instanceof Block.Progress p) {
            return p.label() + " " + p.caption();
        }
        return block.toString();
    }

    @Test
    void theDigestSaysWhatHappenedYesterdayInEnglishAndChinese() {
        SlackTeam t = seeded();
        String en = digest(t, Language.EN, "2026-12-02T10:00:00Z");
        assertTrue(en.contains("Team digest · Wed 2 Dec"), en);
        assertTrue(en.contains("Yesterday (Tue 1 Dec) against the daily pace"), en);
        // 20 deals over December's 23 working days: 0.87 a day
        assertTrue(en.contains("Deals 3 / 0.87 ✅"), "2 logged, 1 won: " + en);
        assertTrue(en.contains("Nothing logged:") && en.contains("Display " + t.other()), en);
        assertTrue(en.contains("Revenue · this month · team") && en.contains("$35,000 of $100,000"), "30k logged + 5k won: " + en);
        assertTrue(en.contains("🥇 Display " + t.rep() + " — $35,000"), en);
        assertTrue(en.contains("Yesterday: 2 leads added, 1 won") && en.contains("🎉 #1 Acme · $5,000"), en);
        assertTrue(en.contains("1 follow-ups overdue: Display " + t.rep() + " 1"), en);
        assertTrue(en.contains("Reviews this week") && en.contains("#1 Display " + t.rep() + " · Fri 4 Dec"), en);
        assertTrue(en.contains("CSAT (1 answers)") && en.contains("⚠️ #1 Acme · CSAT 2/5 — slow"), en);
        assertFalse(en.contains("Last week"), "only on Mondays");

        String zh = digest(t, Language.ZH, "2026-12-02T10:00:00Z");
        assertTrue(zh.contains("团队日报 · 12月2日 周三") && zh.contains("昨天（12月1日 周二）与每日节奏对比"), zh);
        assertTrue(zh.contains("成交 3 / 0.87 ✅") && zh.contains("US$35,000 / US$100,000"), zh);
        assertTrue(zh.contains("没有记录") && zh.contains("销售管道") && zh.contains("本周评估"), zh);

        // Monday: last week too
        String monday = digest(t, Language.EN, "2026-12-07T10:00:00Z");
        assertTrue(monday.contains("Last week (Mon 30 Nov – Sun 6 Dec)") && monday.contains("Deals: 3"), monday);
    }

    @Test
    void theTickPostsOnceADayOnWorkingDaysEvenWhenRunTwiceAtOnce() {
        SlackTeam t = seeded();
        command(t.id(), t.manager(), "digest time 09:30");
        tickAt("2026-12-02T09:29:00Z");
        assertEquals(0, mine(t, null));
        tickAt("2026-12-02T09:30:00Z");
        assertEquals(1, mine(t, null));
        await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.CALLS.stream().anyMatch(c -> c.path().endsWith("chat.postMessage")
                && c.body().toString().contains("C0SALES") && c.body().toString().contains("Display " + t.rep())));
        // two replicas' ticks at once: still one
        CompletableFuture<?> a = CompletableFuture.runAsync(() -> tick.run(Instant.parse("2026-12-02T09:31:00Z")));
        CompletableFuture<?> b = CompletableFuture.runAsync(() -> tick.run(Instant.parse("2026-12-02T09:31:00Z")));
        CompletableFuture.allOf(a, b).join();
        assertEquals(1, mine(t, null));
        tickAt("2026-12-05T09:45:00Z"); // Saturday
        assertEquals(1, mine(t, null));
        tickAt("2026-12-07T12:00:00Z"); // Monday, 2.5 h late: skipped, not sent late
        assertEquals(1, mine(t, null));
        tickAt("2026-12-08T09:35:00Z");
        assertEquals(2, mine(t, null));
        command(t.id(), t.manager(), "digest off");
        tickAt("2026-12-09T09:35:00Z");
        assertEquals(2, mine(t, null));
    }

    @Test
    void theStandupRoundAsksBeforeAndTheDigestCarriesTheAnswers() {
        SlackTeam t = seeded();
        command(t.id(), t.manager(), "digest time 09:30");
        assertTrue(text(command(t.id(), t.manager(), "digest standup on")).contains("08:30"));
        tickAt("2026-12-02T08:29:00Z");
        assertFalse(exists("standup:" + memberId(t, t.rep()) + ":2026-12-02"));
        tickAt("2026-12-02T08:30:00Z");
        assertTrue(exists("standup:" + memberId(t, t.rep()) + ":2026-12-02"));
        clock.set(Instant.parse("2026-12-02T08:40:00Z"));
        var payload = SlackRequests.JSON.createObjectNode();
        payload.put("type", "block_actions").put("trigger_id", "trigger-" + UUID.randomUUID())
                .put("response_url", FakePlatforms.responseUrl(UUID.randomUUID().toString()));
        payload.putObject("team").put("id", t.id()).put("domain", "acme");
        payload.putObject("user").put("id", t.rep()).put("name", "rep");
        payload.putArray("actions").addObject().put("type", "button").put("action_id", "pacer:0").put("block_id", "b")
                .put("value", "{\"c\":\"digest.standup.answer\",\"a\":{}}").put("action_ts", "1700000000.1");
        SlackRequests.interaction(payload).then().statusCode(200);
        String trigger = payload.path("trigger_id").asText();
        JsonNode view = SlackRequests.parse(await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.calls("POST",
                "/api/views.open").stream().filter(c -> trigger.equals(c.body().path("trigger_id").asText())).toList(),
                l -> !l.isEmpty()).get(0).body().path("view").asText());
        String empty = SlackRequests.interaction(SlackRequests.viewSubmission(t.id(), t.rep(), view, values -> { }))
                .then().statusCode(200).extract().asString();
        assertTrue(empty.contains("\"today\""), "an empty answer is asked for again: " + empty);
        SlackRequests.interaction(SlackRequests.viewSubmission(t.id(), t.rep(), view, values -> {
            values.putObject("yesterday").putObject("v").put("type", "plain_text_input").put("value", "Closed Acme");
            values.putObject("today").putObject("v").put("type", "plain_text_input").put("value", "Call Late");
            values.putObject("blockers").putObject("v").put("type", "plain_text_input").put("value", "CRM is slow");
        })).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> QuarkusTransaction.requiringNew().call(() -> !em.createNativeQuery(
                "SELECT 1 FROM standup_answer WHERE member_id = ?1").setParameter(1, memberId(t, t.rep())).getResultList().isEmpty()));
        String en = digest(t, Language.EN, "2026-12-02T09:30:00Z");
        assertTrue(en.contains("Standup (1 of 4 answered)") && en.contains("Call Late") && en.contains("🚧 Blockers: CRM is slow"), en);
        assertTrue(en.contains("No answer yet:") && en.contains("Display " + t.other()), en);
        tickAt("2026-12-02T08:45:00Z");
        assertFalse(exists("standup:" + memberId(t, t.rep()) + ":2026-12-03"));
    }

    @Test
    void theWeeklyReportUploadsItsChartIntoTheSlackChannel() {
        SlackTeam t = seeded();
        clock.set(Instant.parse("2026-12-02T10:00:00Z"));
        assertTrue(text(command(t.id(), t.manager(), "digest week")).contains("weekly report is on its way"));
        clock.set(Instant.parse("2026-12-02T10:00:05Z")); // the chart follows the digest a second later
        await().atMost(Duration.ofSeconds(20)).until(() -> FakePlatforms.CALLS.stream().anyMatch(c -> c.path().endsWith(
                "files.completeUploadExternal") && c.body().toString().contains("C0SALES")
                && c.body().toString().contains("The team against its targets")));
    }

    @Test
    void onTeamsTheDigestGoesToTheChannelAndTheDashboardIsACard() {
        String tenant = "tenant-digest"; // its own: ReviewsTest needs the first member of tenant 3 to be its admin
        String manager = TeamsRequests.newUser();
        clock.set(Instant.parse("2026-12-02T10:00:00Z"));
        var first = TeamsRequests.message(tenant, manager, "log 3 calls");
        TeamsRequests.post(first).then().statusCode(200);
        reply(first, manager);
        String conversation = "19:" + UUID.randomUUID().toString().replace("-", "") + "@thread.tacv2";
        ObjectNode inChannel = TeamsRequests.base("message", tenant, manager, conversation, "channel");
        inChannel.put("text", "digest channel");
        inChannel.putArray("entities");
        TeamsRequests.post(inChannel).then().statusCode(200);
        String path = "/teams/v3/conversations/" + conversation + "/activities";
        // the confirmation is for the manager alone: their personal chat, with a pointer in the channel
        String personal = "/teams/v3/conversations/a:personal-" + manager + "/activities";
        await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.CALLS.stream()
                .anyMatch(c -> c.path().startsWith(personal) && c.body().toString().contains("now gets the team's digest")));
        var now = TeamsRequests.message(tenant, manager, "digest now");
        TeamsRequests.post(now).then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.CALLS.stream()
                .anyMatch(c -> c.path().startsWith(path) && c.body().toString().contains("Team digest")
                        && c.body().toString().contains("AdaptiveCard")));
        var week = TeamsRequests.message(tenant, manager, "digest week");
        TeamsRequests.post(week).then().statusCode(200);
        String posted = reply(week, manager).toString();
        assertTrue(posted.contains("weekly report is on its way"), posted);
        String image = await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.CALLS.stream()
                .filter(c -> c.path().startsWith(path) && c.body().toString().contains("Weekly report"))
                .map(c -> c.body().toString()).findFirst(), java.util.Optional::isPresent).get();
        java.util.regex.Matcher url = java.util.regex.Pattern.compile("(/charts/[A-Za-z0-9_-]{43}\\.png)").matcher(image);
        assertTrue(image.contains("\"type\":\"Image\"") && url.find(), image);
        io.restassured.RestAssured.given().get(url.group(1)).then().statusCode(200).contentType("image/png");
        var dashboard = TeamsRequests.message(tenant, manager, "dashboard");
        TeamsRequests.post(dashboard).then().statusCode(200);
        String card = reply(dashboard, manager).toString();
        assertTrue(card.contains("Dashboard") && card.contains("AdaptiveCard") && card.contains("Calls"), card);
    }

    // ---- helpers

    private DigestTick.Stats tickAt(String at) {
        clock.set(Instant.parse(at));
        return tick.run(Instant.parse(at));
    }

    /** Digests of this team in the outbox ({@code stats} unused: other tests' channels tick too). */
    private long mine(SlackTeam t, Object stats) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                SELECT count(*) FROM outbox o JOIN workspace w ON w.id = o.workspace_id
                WHERE w.external_id = ?1 AND o.idempotency_key LIKE 'digest:%'""").setParameter(1, t.id())
                .getSingleResult()).longValue());
    }

    private boolean exists(String key) {
        return QuarkusTransaction.requiringNew().call(() -> !em.createNativeQuery("SELECT 1 FROM outbox WHERE idempotency_key = ?1")
                .setParameter(1, key).getResultList().isEmpty());
    }

    private Long memberId(SlackTeam t, String user) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select m.id from Member m, Workspace w where m.workspaceId = w.id and w.externalId = ?1 and m.platformUserId = ?2",
                Long.class).setParameter(1, t.id()).setParameter(2, user).getSingleResult());
    }

}
