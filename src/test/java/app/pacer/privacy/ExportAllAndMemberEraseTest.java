package app.pacer.privacy;

import static app.pacer.testing.SlackRequests.command;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.kb.KbImport;
import app.pacer.testing.FakePlatforms;
import app.pacer.testing.SlackClicks;
import app.pacer.testing.SlackRequests;
import app.pacer.testing.SlackTeam;
import app.pacer.testing.TeamsRequests;
import app.pacer.testing.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 19: {@code export all} (a ZIP of everything, the knowledge base importable again) and {@code member erase}. */
@QuarkusTest
class ExportAllAndMemberEraseTest {

    @Inject
    TestClock clock;

    @Inject
    EntityManager em;

    @Inject
    KbImport kbImport;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** The ZIP's entries: name → content (UTF-8, BOM dropped). */
    static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                files.put(e.getName(), text.startsWith("\uFEFF") ? text.substring(1) : text);
            }
        }
        return files;
    }

    static List<CSVRecord> csv(String content) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(new StringReader(content)).getRecords();
    }

    /** The ZIP uploaded to Slack whose leads.csv holds {@code marker}. */
    static Map<String, String> uploadedZip(String marker) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.FILE_NAMES.entrySet().stream()
                .filter(e -> e.getValue().endsWith(".zip")).map(e -> FakePlatforms.UPLOADS.get(e.getKey()))
                .filter(b -> b != null).map(b -> {
                    try {
                        return unzip(b);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).filter(files -> files.getOrDefault("leads.csv", "").contains(marker)).findFirst(), java.util.Optional::isPresent).get();
    }

    private long workspace(String team) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT id FROM workspace WHERE platform = 'SLACK' AND external_id = ?1").setParameter(1, team).getSingleResult()).longValue());
    }

    private long member(long ws, String user) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT id FROM member WHERE workspace_id = ?1 AND platform_user_id = ?2").setParameter(1, ws).setParameter(2, user)
                .getSingleResult()).longValue());
    }

    @Test
    void exportAllIsAZipOfEveryKindWithAnonymousSurveysOnlyAsAllowedAggregates() throws Exception {
        SlackTeam t = SlackTeam.withManager();
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        String marker = "Allexport" + UUID.randomUUID().toString().substring(0, 6);
        command(t.id(), t.manager(), "target set revenue 100k month team");
        command(t.id(), t.rep(), "lead add " + marker + " value=20k close=2026-12-24");
        command(t.id(), t.rep(), "lead note 1 export-note-text");
        command(t.id(), t.rep(), "lead stage 1 won");
        command(t.id(), t.rep(), "feedback 1 4 export-feedback-comment");
        command(t.id(), t.rep(), "log 3 calls");
        command(t.id(), t.manager(), "review schedule " + t.mention(t.rep()) + " 2026-12-10");
        command(t.id(), t.admin(), "kb add \"Pricing 定价 \\\"FAQ\\\"\" body=\"Line one.\nLine two: 中文。\" tags=\"pricing, 价格\"");
        long ws = workspace(t.id());
        seedSurveys(ws, member(ws, t.manager()), List.of(member(ws, t.rep()), member(ws, t.other()), member(ws, t.admin())));

        assertTrue(command(t.id(), t.rep(), "export all").toString().contains("Only a"), "admins only");
        String reply = command(t.id(), t.admin(), "export all").toString();
        assertTrue(reply.contains("files in one ZIP"), reply);
        Map<String, String> files = uploadedZip(marker);
        assertTrue(files.keySet().containsAll(Set.of("members.csv", "leads.csv", "notes.csv", "stage_changes.csv", "metrics.csv",
                "targets.csv", "log_entries.csv", "reviews.csv", "feedback.csv", "survey_results.csv", "audit.csv")), files.keySet().toString());

        CSVRecord lead = csv(files.get("leads.csv")).get(0);
        assertEquals(marker, lead.get("name"));
        assertEquals("2026-12-24", lead.get("close"));
        assertTrue(lead.get("notes").contains("export-note-text"));
        assertTrue(files.get("notes.csv").contains("export-note-text"));
        assertTrue(csv(files.get("stage_changes.csv")).stream().anyMatch(r -> r.get("to_stage").equals("won") && r.get("lead").equals("1")));
        assertTrue(csv(files.get("log_entries.csv")).stream().anyMatch(r -> r.get("metric").equals("revenue") && r.get("amount").equals("20000")));
        assertTrue(csv(files.get("log_entries.csv")).stream().anyMatch(r -> r.get("metric").equals("calls") && r.get("amount").equals("3")));
        assertTrue(csv(files.get("targets.csv")).stream().anyMatch(r -> r.get("metric").equals("revenue") && r.get("member").isEmpty()));
        assertEquals(1, csv(files.get("reviews.csv")).size());
        CSVRecord feedback = csv(files.get("feedback.csv")).get(0);
        assertEquals("#1", feedback.get("lead"));
        assertEquals("export-feedback-comment", feedback.get("comment"));

        String surveys = files.get("survey_results.csv");
        List<CSVRecord> results = csv(surveys);
        // #1 anonymous with two answers: below the threshold of three, nothing of it
        assertFalse(surveys.contains("anon-below-secret") || results.stream().anyMatch(r -> r.get("survey").equals("#1")), surveys);
        // #2 anonymous with three answers: the aggregate per question only, never a text or a respondent
        List<CSVRecord> anonymous = results.stream().filter(r -> r.get("survey").equals("#2")).toList();
        assertEquals(1, anonymous.size(), surveys);
        assertEquals("3", anonymous.get(0).get("answers"));
        assertEquals("4", anonymous.get(0).get("average"));
        assertTrue(anonymous.get(0).get("respondent").isEmpty());
        assertFalse(surveys.contains("anon-above-text"), surveys);
        // #3 named: each answer with who gave it
        assertTrue(results.stream().anyMatch(r -> r.get("survey").equals("#3") && r.get("text").equals("named-answer-text")
                && !r.get("respondent").isEmpty()), surveys);

        // the knowledge base as Markdown that kb import reads back into a fresh workspace: the same articles
        List<String> markdown = files.keySet().stream().filter(n -> n.startsWith("kb/") && n.endsWith(".md")).toList();
        assertFalse(markdown.isEmpty());
        String pricing = files.entrySet().stream().filter(e -> e.getKey().startsWith("kb/") && e.getValue().contains("Pricing 定价"))
                .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError(markdown.toString()));
        assertTrue(pricing.startsWith("---\ntitle: \"Pricing 定价") && pricing.contains("\ntags: [pricing, 价格]\n"), pricing);
        Path dir = Files.createTempDirectory("pacer-kb-roundtrip");
        for (String name : markdown) {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, files.get(name));
        }
        String fresh = SlackRequests.newTeam();
        command(fresh, SlackRequests.newUser(), "settings timezone UTC");
        long freshWs = workspace(fresh);
        KbImport.Report report = QuarkusTransaction.requiringNew().call(() -> kbImport.importDir(freshWs, dir, Instant.now()));
        assertEquals(markdown.size(), report.added(), report.toString());
        assertEquals(articles(ws), articles(freshWs));
        assertTrue(articles(freshWs).stream().anyMatch(a -> a.contains("Line one.\nLine two: 中文。") && a.contains("pricing, 价格")));

        // audited without personal data; another workspace's export holds nothing of this one
        String audit = command(t.id(), t.admin(), "audit").toString();
        assertTrue(audit.contains("exported everything"), audit);
        String other = SlackRequests.newTeam();
        String otherAdmin = SlackRequests.newUser();
        command(other, otherAdmin, "lead add Outsider" + marker.substring(9));
        command(other, otherAdmin, "export all");
        Map<String, String> theirs = uploadedZip("Outsider" + marker.substring(9));
        theirs.values().forEach(content -> assertFalse(content.contains(marker) || content.contains("export-note-text"), content));
    }

    /** Each article as title | body | tags | language, sorted. */
    private Set<String> articles(long ws) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT title, body, tags, language FROM kb_article WHERE workspace_id = ?1")
                    .setParameter(1, ws).getResultList();
            Set<String> all = new TreeSet<>();
            rows.forEach(r -> all.add(r[0] + " | " + ((String) r[1]).strip() + " | " + r[2] + " | " + r[3]));
            return all;
        });
    }

    private void seedSurveys(long ws, long creator, List<Long> people) {
        QuarkusTransaction.requiringNew().run(() -> {
            long below = survey(ws, 1, true, creator, "TEXT", "How is it going?");
            long belowRun = run(below, ws);
            for (int i = 0; i < 2; i++) {
                answer(belowRun, people.get(i), true, null, "anon-below-secret " + i);
            }
            long above = survey(ws, 2, true, creator, "SCALE", "Mood?");
            em.createNativeQuery("INSERT INTO survey_question (survey_id, position, kind, text) VALUES (?1, 2, 'TEXT', 'Why?')")
                    .setParameter(1, above).executeUpdate();
            long aboveRun = run(above, ws);
            for (int i = 0; i < 3; i++) {
                answer(aboveRun, people.get(i), true, 3 + i, null);
            }
            // only one person answered the optional text question: below the threshold, and a text anyway
            em.createNativeQuery("INSERT INTO survey_answer (id, run_id, member_id, position, score, text) VALUES (?1, ?2, NULL, 2, NULL, 'anon-above-text')")
                    .setParameter(1, UUID.randomUUID()).setParameter(2, aboveRun).executeUpdate();
            long named = survey(ws, 3, false, creator, "TEXT", "Ideas?");
            answer(run(named, ws), people.get(0), false, null, "named-answer-text");
        });
    }

    private long survey(long ws, int number, boolean anonymous, long creator, String kind, String question) {
        long id = ((Number) em.createNativeQuery("INSERT INTO survey (workspace_id, number, title, anonymous, min_responses, "
                + "whole_team, time_zone, created_by, created_at) VALUES (?1, ?2, ?3, ?4, 3, true, 'UTC', ?5, now()) RETURNING id")
                .setParameter(1, ws).setParameter(2, number).setParameter(3, "Survey " + number).setParameter(4, anonymous)
                .setParameter(5, creator).getSingleResult()).longValue();
        em.createNativeQuery("INSERT INTO survey_question (survey_id, position, kind, text) VALUES (?1, 1, ?2, ?3)")
                .setParameter(1, id).setParameter(2, kind).setParameter(3, question).executeUpdate();
        return id;
    }

    /** A run that closed before the test's clock (2026-12-01). */
    private long run(long survey, long ws) {
        return ((Number) em.createNativeQuery("INSERT INTO survey_run (survey_id, workspace_id, run_no, scheduled_at, closes_at) "
                + "VALUES (?1, ?2, 1, '2026-11-20T09:00:00Z', '2026-11-25T09:00:00Z') RETURNING id")
                .setParameter(1, survey).setParameter(2, ws).getSingleResult()).longValue();
    }

    private void answer(long run, long member, boolean anonymous, Integer score, String text) {
        em.createNativeQuery("INSERT INTO survey_participation (run_id, member_id) VALUES (?1, ?2)").setParameter(1, run)
                .setParameter(2, member).executeUpdate();
        em.createNativeQuery("INSERT INTO survey_answer (id, run_id, member_id, position, score, text) VALUES (?1, ?2, ?3, 1, ?4, ?5)")
                .setParameter(1, UUID.randomUUID()).setParameter(2, run).setParameter(3, anonymous ? null : member)
                .setParameter(4, score).setParameter(5, text).executeUpdate();
    }

    @Test
    void teamsExportAllIsADownloadLinkToTheZip() throws Exception {
        String tenant = FakePlatforms.ALLOWED_TENANTS.get(1);
        String user = TeamsRequests.newUser();
        var hello = TeamsRequests.message(tenant, user, "lead add TeamsZipLead");
        TeamsRequests.post(hello).then().statusCode(200);
        reply(hello, user);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE member SET role = 'ADMIN' WHERE platform_user_id = ?1")
                .setParameter(1, user).executeUpdate());
        var export = TeamsRequests.message(tenant, user, "export all");
        TeamsRequests.post(export).then().statusCode(200);
        String link = reply(export, user).toString().replaceAll(".*\"url\":\"(http[^\"]+)\".*", "$1");
        assertTrue(link.contains("/exports/"), link);
        var response = RestAssured.given().get(link.substring(link.indexOf("/exports/"))).then().statusCode(200)
                .contentType("application/zip").extract();
        Map<String, String> files = unzip(response.asByteArray());
        assertTrue(files.get("leads.csv").contains("TeamsZipLead"), files.keySet().toString());
    }

    static JsonNode reply(com.fasterxml.jackson.databind.node.ObjectNode activity, String user) {
        String path = "/teams/v3/conversations/a:personal-" + user + "/activities/" + activity.path("id").asText();
        return await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.calls("POST", path), l -> !l.isEmpty()).get(0).body();
    }

    @Test
    void memberEraseHandsLeadsOverDeletesPrivateThingsAndKeepsTotals() {
        SlackTeam t = SlackTeam.withManager();
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        command(t.id(), t.manager(), "target set calls 50 month team");
        command(t.id(), t.rep(), "settings language zh");
        command(t.id(), t.rep(), "lead add Leaver-Lead-One value=5k");
        command(t.id(), t.rep(), "lead add Leaver-Lead-Two");
        command(t.id(), t.rep(), "log 7 calls");
        command(t.id(), t.rep(), "away 2026-12-20 2026-12-24");
        long ws = workspace(t.id());
        long rep = member(ws, t.rep());
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("INSERT INTO standup_answer (workspace_id, member_id, local_date, today, created_at) VALUES (?1, ?2, '2026-11-30', 'standup-secret', now())")
                    .setParameter(1, ws).setParameter(2, rep).executeUpdate();
            em.createNativeQuery("INSERT INTO outbox (workspace_id, platform, target_kind, target, member_id, payload, idempotency_key, due_at) "
                    + "VALUES (?1, 'SLACK', 'MEMBER', ?3, ?2, '{}', ?4, now() + interval '1 day')")
                    .setParameter(1, ws).setParameter(2, rep).setParameter(3, t.rep()).setParameter(4, "test:" + UUID.randomUUID()).executeUpdate();
        });
        String progressBefore = command(t.id(), t.manager(), "progress team month").toString();
        assertTrue(progressBefore.contains("7"), progressBefore);

        assertTrue(command(t.id(), t.manager(), "member erase " + t.mention(t.rep())).toString().contains("Only a"), "admins only");
        String needsSuccessor = command(t.id(), t.admin(), "member erase " + t.mention(t.rep())).toString();
        assertTrue(needsSuccessor.contains("owns 2 lead(s)"), needsSuccessor);
        assertTrue(command(t.id(), t.admin(), "member erase " + t.mention(t.admin())).toString().contains("cannot erase yourself"));
        assertTrue(command(t.id(), t.admin(), "member erase " + t.mention(t.rep()) + " to=" + t.mention(t.rep())).toString()
                .contains("cannot take over"));

        JsonNode ask = command(t.id(), t.admin(), "member erase " + t.mention(t.rep()) + " to=" + t.mention(t.other()));
        assertTrue(ask.toString().contains("2 lead(s) go to") && ask.toString().contains("former member #" + rep), ask.toString());
        assertTrue(command(t.id(), t.manager(), "lead list team").toString().contains("Leaver-Lead-One"), "nothing yet");
        String responseId = UUID.randomUUID().toString();
        SlackClicks.click(t.id(), t.admin(), SlackClicks.buttonValue(ask, "Erase member"), responseId);
        String done = await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.calls("POST", "/slack/response/" + responseId),
                c -> !c.isEmpty()).get(0).body().toString();
        assertTrue(done.contains("is now \\\"former member #" + rep + "\\\""), done);

        long otherId = member(ws, t.other());
        QuarkusTransaction.requiringNew().run(() -> {
            assertEquals(2L, ((Number) em.createNativeQuery("SELECT count(*) FROM lead WHERE workspace_id = ?1 AND owner_id = ?2")
                    .setParameter(1, ws).setParameter(2, otherId).getSingleResult()).longValue());
            Object[] row = (Object[]) em.createNativeQuery("SELECT display_name, platform_user_id, language FROM member WHERE id = ?1")
                    .setParameter(1, rep).getSingleResult();
            assertEquals("former member #" + rep, row[0]);
            assertFalse(t.rep().equals(row[1]));
            assertEquals(null, row[2]);
            for (String table : List.of("standup_answer", "away")) {
                assertEquals(0L, ((Number) em.createNativeQuery("SELECT count(*) FROM " + table + " WHERE member_id = ?1")
                        .setParameter(1, rep).getSingleResult()).longValue(), table);
            }
            assertEquals(0L, ((Number) em.createNativeQuery("SELECT count(*) FROM outbox WHERE member_id = ?1 AND state = 'PENDING'")
                    .setParameter(1, rep).getSingleResult()).longValue());
            assertEquals(1L, ((Number) em.createNativeQuery("SELECT count(*) FROM log_entry WHERE member_id = ?1")
                    .setParameter(1, rep).getSingleResult()).longValue(), "log entries stay");
        });
        // the team's totals are the same; the leaderboard names the former member
        assertEquals(progressBefore, command(t.id(), t.manager(), "progress team month").toString());
        assertTrue(command(t.id(), t.manager(), "leaderboard calls month").toString().contains("former member #" + rep));
        String audit = command(t.id(), t.admin(), "audit").toString();
        assertTrue(audit.contains("member #" + rep), audit);
        // a second click on the same button is refused: erased once
        String again = UUID.randomUUID().toString();
        SlackClicks.click(t.id(), t.admin(), SlackClicks.buttonValue(ask, "Erase member"), again);
        String second = await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.calls("POST", "/slack/response/" + again),
                c -> !c.isEmpty()).get(0).body().toString();
        assertTrue(second.contains("has already been erased"), second);

        // in Chinese
        command(t.id(), t.admin(), "settings language zh");
        String zh = command(t.id(), t.admin(), "成员 清除 " + t.mention(t.manager())).toString();
        assertTrue(zh.contains("确定清除"), zh);
    }
}
