package app.pacer.leads;

import static app.pacer.testing.SlackRequests.command;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.testing.FakePlatforms;
import app.pacer.testing.SlackClicks;
import app.pacer.testing.SlackRequests;
import app.pacer.testing.SlackTeam;
import app.pacer.testing.TeamsRequests;
import app.pacer.testing.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 19: {@code lead export} leaves nothing behind; {@code lead erase} takes the customer out, not the numbers. */
@QuarkusTest
class LeadExportAndEraseTest {

    @Inject
    TestClock clock;

    @Inject
    EntityManager em;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    static List<CSVRecord> csvOf(String marker) throws Exception {
        byte[] csv = await().atMost(Duration.ofSeconds(10)).until(() -> FakePlatforms.UPLOADS.values().stream()
                .filter(b -> new String(b, StandardCharsets.UTF_8).contains(marker)).findFirst(), java.util.Optional::isPresent).get();
        String content = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(new StringReader(content)).getRecords();
    }

    @Test
    void aLeadWithATwoLineNoteComesOutOfTheCsvWithItAndEverythingElse() throws Exception {
        SlackTeam t = SlackTeam.withManager();
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        String marker = "Exportwell-" + UUID.randomUUID().toString().substring(0, 8);
        String added = command(t.id(), t.rep(), "lead add " + marker + " source=web value=8k close=2026-12-20").toString();
        assertTrue(added.contains("Lead #1"), added);
        // today's report: a two-line note (written in the note form) did not come out of the CSV
        noteThroughTheForm(t, "first line\nsecond line, \"quoted\"");
        clock.set(Instant.parse("2026-12-02T09:30:00Z"));
        command(t.id(), t.rep(), "lead note 1 later note");
        command(t.id(), t.rep(), "lead stage 1 qualified");
        String card = command(t.id(), t.rep(), "lead show 1").toString();
        assertTrue(card.contains("Expected close") && card.contains("2026-12-20"), card);

        assertTrue(command(t.id(), t.rep(), "lead export").toString().contains("Your export: 1 lead(s)"));
        List<CSVRecord> records = csvOf(marker);
        assertEquals(1, records.size());
        CSVRecord row = records.get(0);
        List<String> header = row.getParser().getHeaderNames();
        assertEquals(List.of("number", "name", "company", "email", "phone", "wechat", "source", "stage", "value",
                "next_follow_up", "owner", "lost_reason", "created_at", "updated_at", "close", "owner_email",
                "last_stage_change", "notes"), header, "the old columns in their order, the new ones appended");
        assertEquals("2026-12-20", row.get("close"));
        assertEquals("web", row.get("source"));
        assertEquals("New → Qualified, 2026-12-02 09:30", row.get("last_stage_change"));
        String notes = row.get("notes");
        assertTrue(notes.contains("first line\nsecond line, \"quoted\""), notes);
        assertTrue(notes.indexOf("first line") < notes.indexOf("later note"), "oldest first: " + notes);
        assertTrue(notes.startsWith("[2026-12-01 10:00 · "), notes);
        assertEquals("", row.get("owner_email"));

        // the export is in the audit log, without the customer's name
        String audit = command(t.id(), t.admin(), "audit").toString();
        assertTrue(audit.contains("exported") && audit.contains("lead export"), audit);
        assertFalse(audit.contains(marker), audit);
    }

    @Test
    void closeDateInChineseAndItsOwnCommand() {
        SlackTeam t = SlackTeam.withManager();
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        command(t.id(), t.rep(), "settings language zh");
        assertTrue(command(t.id(), t.rep(), "客户 添加 华信 close=明天").toString().contains("#1"));
        String card = command(t.id(), t.rep(), "客户 查看 1").toString();
        assertTrue(card.contains("预计成交") && card.contains("2026-12-02"), card);
        assertTrue(command(t.id(), t.rep(), "lead close 1 2026-12-31").toString().contains("2026-12-31"));
        assertTrue(command(t.id(), t.rep(), "lead close 1").toString().contains("没有预计成交日期"));
        String bad = command(t.id(), t.rep(), "lead add Foo close=someday").toString();
        assertTrue(bad.contains("⚠️"), bad);
        assertFalse(command(t.id(), t.rep(), "lead show 2").toString().contains("Foo"), "nothing half-stored");
    }

    @Test
    void eraseTakesThePersonOutAndLeavesTheNumbers() {
        SlackTeam t = SlackTeam.withManager();
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        command(t.id(), t.manager(), "target set revenue 100k month team");
        command(t.id(), t.rep(), "lead add \"Zhang Wei\" company=Huaxinco email=zhang.wei@huaxin.example phone=\"+86 138 0013 8000\""
                + " wechat=zhangwei88 value=50k");
        command(t.id(), t.rep(), "lead note 1 Zhang Wei prefers calls after 6pm");
        command(t.id(), t.rep(), "lead stage 1 won");
        command(t.id(), t.rep(), "feedback 1 5 Zhang Wei was very happy");
        command(t.id(), t.rep(), "lead add Other value=1k");
        String progressBefore = command(t.id(), t.manager(), "progress team month").toString();
        String boardBefore = command(t.id(), t.manager(), "leaderboard revenue month").toString();
        assertTrue(progressBefore.contains("50,000"), progressBefore);

        // who may: the owner's manager or an admin; not the rep, not another manager
        assertTrue(command(t.id(), t.rep(), "lead erase 1").toString().contains("Only a"));
        command(t.id(), t.admin(), "role " + t.mention(t.other()) + " manager");
        String stranger = command(t.id(), t.other(), "lead erase 1 confirm=yes").toString();
        assertTrue(stranger.contains("Only the manager of the owner"), stranger);
        assertTrue(command(SlackRequests.newTeam(), SlackRequests.newUser(), "lead erase 1 confirm=yes").toString()
                .contains("There is no lead #1"), "another workspace");

        // asked first: nothing changes until confirmed
        JsonNode ask = command(t.id(), t.manager(), "lead erase 1");
        assertTrue(ask.toString().contains("Erase the personal data of #1 Zhang Wei") && ask.toString().contains("danger"), ask.toString());
        assertTrue(command(t.id(), t.manager(), "lead show 1").toString().contains("Zhang Wei"));

        // confirmed with the button
        String responseId = UUID.randomUUID().toString();
        SlackClicks.click(t.id(), t.manager(), SlackClicks.buttonValue(ask, "Erase personal data"), responseId);
        String done = await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.calls("POST", "/slack/response/" + responseId),
                c -> !c.isEmpty()).get(0).body().toString();
        assertTrue(done.contains("personal data of lead #1 is erased"), done);

        String card = command(t.id(), t.manager(), "lead show 1").toString();
        assertTrue(card.contains("erased lead #1") && card.contains("Won"), card);
        for (String gone : List.of("Zhang", "Huaxinco", "huaxin.example", "13800138000", "0013", "zhangwei88", "prefers calls", "very happy")) {
            assertFalse(card.contains(gone), gone + " in " + card);
        }
        for (String word : List.of("Zhang", "Huaxinco", "zhangwei88", "13800138000", "prefers")) {
            assertTrue(command(t.id(), t.manager(), "lead find " + word).toString().contains("No lead matches"), word);
        }
        assertTrue(command(t.id(), t.manager(), "lead find erased").toString().contains("#1"));
        // the numbers are the same
        assertEquals(progressBefore, command(t.id(), t.manager(), "progress team month").toString());
        assertEquals(boardBefore, command(t.id(), t.manager(), "leaderboard revenue month").toString());
        // and nothing of the customer is left in any table
        QuarkusTransaction.requiringNew().run(() -> {
            Long ws = em.createQuery("select w.id from Workspace w where w.externalId = ?1", Long.class).setParameter(1, t.id())
                    .getSingleResult();
            for (String table : List.of("lead", "lead_note", "lead_event", "lead_stage_change", "feedback", "log_entry")) {
                String rows = (String) em.createNativeQuery("SELECT coalesce(string_agg(t::text, '|'), '') FROM " + table
                        + " t WHERE workspace_id = ?1").setParameter(1, ws).getSingleResult();
                for (String gone : List.of("Zhang", "Huaxinco", "zhangwei88", "13800138000", "prefers calls", "very happy")) {
                    assertFalse(rows.contains(gone), gone + " left in " + table + ": " + rows);
                }
            }
            Object comment = em.createNativeQuery("SELECT comment FROM feedback WHERE workspace_id = ?1").setParameter(1, ws)
                    .getSingleResult();
            assertNull(comment);
        });
        String audit = command(t.id(), t.admin(), "audit").toString();
        assertTrue(audit.contains("erased the personal data of lead #1"), audit);
        assertFalse(audit.contains("Zhang"), audit);

        // in Chinese, by an admin, with confirm=yes
        command(t.id(), t.admin(), "settings language zh");
        assertTrue(command(t.id(), t.admin(), "客户 清除 2").toString().contains("确定清除"));
        assertTrue(command(t.id(), t.admin(), "客户 清除 2 confirm=yes").toString().contains("个人数据已清除"));
    }

    @Test
    void teamsEraseAsksAndErases() {
        String tenant = FakePlatforms.ALLOWED_TENANTS.get(1);
        String user = TeamsRequests.newUser();
        var add = TeamsRequests.message(tenant, user, "lead add \"Teams Erasable\" email=erase.me@teams.example");
        TeamsRequests.post(add).then().statusCode(200);
        String number = reply(add, user).toString().replaceAll(".*Lead #(\\d+).*", "$1");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE member SET role = 'ADMIN' WHERE platform_user_id = ?1")
                .setParameter(1, user).executeUpdate());
        var ask = TeamsRequests.message(tenant, user, "lead erase " + number);
        TeamsRequests.post(ask).then().statusCode(200);
        assertTrue(reply(ask, user).toString().contains("Erase personal data"));
        var erase = TeamsRequests.message(tenant, user, "lead erase " + number + " confirm=yes");
        TeamsRequests.post(erase).then().statusCode(200);
        assertTrue(reply(erase, user).toString().contains("is erased"));
        var show = TeamsRequests.message(tenant, user, "lead show " + number);
        TeamsRequests.post(show).then().statusCode(200);
        String card = reply(show, user).toString();
        assertTrue(card.contains("erased lead #" + number) && !card.contains("erase.me@teams.example"), card);
    }

    /** Clicks "Add note" on lead #1's card, which opens the note form (a modal), and submits {@code text} in it. */
    private static void noteThroughTheForm(SlackTeam t, String text) {
        int before = FakePlatforms.CALLS.size();
        SlackClicks.click(t.id(), t.rep(), "{\"c\":\"lead.note\",\"a\":{\"lead\":\"1\"}}", UUID.randomUUID().toString());
        JsonNode open = await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.CALLS.subList(before,
                FakePlatforms.CALLS.size()).stream().filter(c -> c.path().equals("/api/views.open")).findFirst(),
                java.util.Optional::isPresent).get().body().path("view");
        JsonNode view = open.isTextual() ? SlackRequests.parse(open.asText()) : open;
        var submission = SlackRequests.viewSubmission(t.id(), t.rep(), view, values ->
                values.putObject("text").putObject("v").put("type", "plain_text_input").put("value", text));
        SlackRequests.interaction(submission).then().statusCode(200);
    }

    static JsonNode reply(com.fasterxml.jackson.databind.node.ObjectNode activity, String user) {
        String path = "/teams/v3/conversations/a:personal-" + user + "/activities/" + activity.path("id").asText();
        return await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.calls("POST", path), l -> !l.isEmpty()).get(0).body();
    }
}
