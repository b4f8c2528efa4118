package app.pacer.leads;

import static app.pacer.testing.SlackRequests.command;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.testing.FakePlatforms;
import app.pacer.testing.SlackRequests;
import app.pacer.testing.TeamsRequests;
import app.pacer.testing.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
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

/** Leads end to end: one-liners and forms, duplicates, stages and targets, follow-ups, find and export. */
@QuarkusTest
class LeadsTest {

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    record Team(String id, String admin, String rep, String other) {
    }

    static Team team() {
        Team t = new Team(SlackRequests.newTeam(), SlackRequests.newUser(), SlackRequests.newUser(), SlackRequests.newUser());
        for (String user : List.of(t.admin(), t.rep(), t.other())) {
            command(t.id(), user, "settings timezone UTC");
        }
        return t;
    }

    static String text(JsonNode reply) {
        return reply.toString();
    }

    @Test
    void oneLinerAddsAndShowsALeadWithShortNumbers() {
        Team t = team();
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        String added = text(command(t.id(), t.rep(), "lead add \"Acme Ltd\" email=Buyer@Acme.example value=50k stage=qualified next=fri"));
        assertTrue(added.contains("Lead #1 Acme Ltd added"), added);
        assertTrue(added.contains("$50,000") && added.contains("next 2026-12-04"), added);
        String second = text(command(t.id(), t.rep(), "lead add 华信科技 phone=\"+86 138 0013 8000\""));
        assertTrue(second.contains("Lead #2"), second);
        String card = text(command(t.id(), t.rep(), "lead show #1"));
        assertTrue(card.contains("#1 Acme Ltd") && card.contains("Qualified") && card.contains("Buyer@Acme.example"), card);
        assertTrue(card.contains("Move to Proposal") && card.contains("Snooze 1 day") && card.contains("created"), card);
        assertTrue(text(command(t.id(), t.rep(), "lead show 99")).contains("There is no lead #99"));
        // another workspace's #1 is simply not found
        assertTrue(text(command(SlackRequests.newTeam(), SlackRequests.newUser(), "lead show 1")).contains("There is no lead #1"));
    }

    @Test
    void duplicatesAreCaughtNormalisedAndCanBeForced() {
        Team t = team();
        command(t.id(), t.rep(), "lead add Mei email=mei@shop.example phone=13800138000");
        String byEmail = text(command(t.id(), t.rep(), "lead add \"Mei Lin\" email=\" MEI@shop.example\""));
        assertTrue(byEmail.contains("same email or phone") && byEmail.contains("#1"), byEmail);
        String byPhone = text(command(t.id(), t.rep(), "lead add Another phone=\"+86 138-0013-8000\""));
        assertTrue(byPhone.contains("same email or phone"), byPhone);
        assertTrue(text(command(t.id(), t.rep(), "lead add Another phone=\"+86 138-0013-8000\" force=yes")).contains("Lead #2"));
    }

    @Test
    void aDuplicateOfAColleaguesLeadIsNotNamedToARep() {
        Team t = team();
        command(t.id(), t.rep(), "lead add \"Secret Buyer Co\" email=buyer@secret.example");
        // "other" is a rep too: the same email tells them a colleague has it, not whose or which
        String other = text(command(t.id(), t.other(), "lead add Someone email=buyer@secret.example"));
        assertTrue(other.contains("already exists") && !other.contains("Secret Buyer") && !other.contains("#1"), other);
        // the admin may open every lead, so is shown which one
        String admin = text(command(t.id(), t.admin(), "lead add Someone email=buyer@secret.example"));
        assertTrue(admin.contains("#1") && admin.contains("Secret Buyer Co"), admin);
    }

    @Test
    void badInputIsExplainedAndNothingIsStored() {
        Team t = team();
        assertTrue(text(command(t.id(), t.rep(), "lead add Bob email=not-an-email")).contains("doesn't look like an email"));
        assertTrue(text(command(t.id(), t.rep(), "lead add Bob phone=12")).contains("doesn't look like a phone"));
        assertTrue(text(command(t.id(), t.rep(), "lead add Bob value=-5")).contains("can't be negative"));
        assertTrue(text(command(t.id(), t.rep(), "lead add Bob next=2020-01-01")).contains("in the past"));
        assertTrue(text(command(t.id(), t.rep(), "lead add Bob stage=won")).contains("can't start as won"));
        assertTrue(text(command(t.id(), t.rep(), "lead list")).contains("No leads here"));
    }

    @Test
    void winningLogsRevenueDealsAndCustomersOnceAndLeavingReverses() {
        Team t = team();
        command(t.id(), t.rep(), "lead add Acme company=Acme value=12000");
        command(t.id(), t.rep(), "lead add \"Acme again\" company=acme value=3000");
        assertTrue(text(command(t.id(), t.rep(), "lead stage 1 won")).contains("logged to your targets"));
        String progress = text(command(t.id(), t.rep(), "progress week"));
        assertTrue(progress.contains("*Revenue* this week: $12,000") && progress.contains("*Deals* this week: 1")
                && progress.contains("*New customers* this week: 1"), progress);
        command(t.id(), t.rep(), "lead stage 1 negotiation");
        command(t.id(), t.rep(), "lead stage 1 won");
        command(t.id(), t.rep(), "lead stage 2 won");
        progress = text(command(t.id(), t.rep(), "progress week"));
        assertTrue(progress.contains("$15,000") && progress.contains("*Deals* this week: 2")
                && progress.contains("*New customers* this week: 1"), "no double count, second deal of the same customer: " + progress);
        command(t.id(), t.rep(), "lead stage 2 lost \"went with a competitor\"");
        progress = text(command(t.id(), t.rep(), "progress week"));
        assertTrue(progress.contains("$12,000") && progress.contains("*Deals* this week: 1"), progress);
        assertTrue(text(command(t.id(), t.rep(), "lead stage 1 lost")).contains("why it was lost"));
        assertTrue(text(command(t.id(), t.rep(), "lead show 2")).contains("went with a competitor"));
    }

    @Test
    void repsSeeTheirOwnManagersTheTeam() {
        Team t = team();
        command(t.id(), t.admin(), "role <@" + t.other() + "> manager");
        command(t.id(), t.rep(), "lead add Mine next=today");
        assertTrue(text(command(t.id(), t.admin(), "lead add \"Admin's\"")).contains("#2"));
        assertTrue(text(command(t.id(), t.rep(), "lead show 2")).contains("belongs to someone else"));
        assertTrue(text(command(t.id(), t.rep(), "lead list team")).contains("Only managers and admins"));
        String team = text(command(t.id(), t.other(), "lead list team"));
        assertTrue(team.contains("#1 Mine") && team.contains("#2 Admin's"), team);
        assertTrue(text(command(t.id(), t.other(), "lead assign 2 <@" + t.rep() + ">")).contains("now belongs to"));
        assertTrue(text(command(t.id(), t.rep(), "lead show 2")).contains("#2 Admin's"));
    }

    @Test
    void overdueFollowUpsListAndNudgeWithButtons() {
        Team t = team();
        command(t.id(), t.admin(), "help");
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        command(t.id(), t.rep(), "lead add Late next=2026-12-02");
        command(t.id(), t.rep(), "lead add Today next=2026-12-04");
        command(t.id(), t.rep(), "lead add Later next=2026-12-20");
        clock.set(Instant.parse("2026-12-04T08:00:00Z"));
        String overdue = text(command(t.id(), t.rep(), "lead list overdue"));
        assertTrue(overdue.contains("Overdue follow-ups (1)") && overdue.contains("#1 Late"), overdue);
        String team = text(command(t.id(), t.admin(), "lead list team overdue"));
        assertTrue(team.contains("Overdue per rep") && team.contains(" 1"), team);
        String nudge = text(command(t.id(), t.rep(), "nudge preview"));
        assertTrue(nudge.contains("Follow-ups: 1 today, 1 overdue") && nudge.contains("\"c\\\":\\\"lead.done\\\"")
                || nudge.contains("lead.done"), nudge);
        assertTrue(text(command(t.id(), t.rep(), "lead snooze 1")).contains("2026-12-05"));
        assertTrue(text(command(t.id(), t.rep(), "lead done 2")).contains("no next follow-up"));
        assertTrue(text(command(t.id(), t.rep(), "lead next 3 2026-12-10")).contains("2026-12-10"));
    }

    @Test
    void findWorksInChineseAndEnglishAcrossNotes() {
        Team t = team();
        command(t.id(), t.rep(), "lead add 上海华信科技有限公司 email=contact@huaxin.example");
        command(t.id(), t.rep(), "lead add \"Bolt Industries\" phone=\"+86 139 1234 5678\"");
        command(t.id(), t.rep(), "lead note 2 Interested in the enterprise plan, 需要报价");
        assertTrue(text(command(t.id(), t.rep(), "lead find 华信")).contains("#1"));
        assertTrue(text(command(t.id(), t.rep(), "lead find huaxin")).contains("#1"));
        assertTrue(text(command(t.id(), t.rep(), "lead find enterp")).contains("#2"), "prefix of a note word");
        assertTrue(text(command(t.id(), t.rep(), "lead find 报价")).contains("#2"));
        assertTrue(text(command(t.id(), t.rep(), "lead find 13912345678")).contains("#2"));
        assertTrue(text(command(t.id(), t.rep(), "lead find 139123")).contains("#2"), "the start of a phone number");
        assertTrue(text(command(t.id(), t.rep(), "lead find nothing-like-this")).contains("No lead matches"));
    }

    @Test
    void exportIsACsvThatSurvivesChineseQuotesNewlinesAndFormulas() throws Exception {
        Team t = team();
        command(t.id(), t.rep(), "lead add 华信科技 company=\"Acme, Ltd\" value=5万");
        command(t.id(), t.rep(), "lead add =SUM(A1:A9) company=+cmd|calc source=@SUM(1) wechat=-2+3");
        command(t.id(), t.rep(), "lead note 1 line one");
        String reply = text(command(t.id(), t.rep(), "lead export"));
        assertTrue(reply.contains("Your export: 2 lead(s)"), reply);
        byte[] csv = await().atMost(Duration.ofSeconds(10)).until(() -> FakePlatforms.UPLOADS.values().stream()
                .filter(b -> new String(b, StandardCharsets.UTF_8).contains("华信科技")).findFirst(), java.util.Optional::isPresent).get();
        assertEquals((byte) 0xEF, csv[0], "UTF-8 BOM");
        String content = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(content)).getRecords();
        assertEquals(2, records.size());
        assertEquals("华信科技", records.get(0).get("name"));
        assertEquals("Acme, Ltd", records.get(0).get("company"));
        assertEquals("50000", records.get(0).get("value"));
        assertEquals("'=SUM(A1:A9)", records.get(1).get("name"));
        assertEquals("'-2+3", records.get(1).get("wechat"));
        assertEquals("'+cmd|calc", records.get(1).get("company"));
        assertEquals("'@SUM(1)", records.get(1).get("source"));
    }

    @Inject
    LeadExport export;

    @Inject
    jakarta.persistence.EntityManager em;

    @Test
    void csvQuotesEmbeddedQuotesCommasAndNewlines() throws Exception {
        Team t = team();
        command(t.id(), t.rep(), "lead add Placeholder");
        Lead lead = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            Long ws = em.createQuery("select w.id from Workspace w where w.externalId = ?1", Long.class).setParameter(1, t.id())
                    .getSingleResult();
            Lead l = em.createQuery("from Lead where workspaceId = ?1", Lead.class).setParameter(1, ws).getSingleResult();
            l.setCompany("He said \"hi\",\nthen left");
            return l;
        });
        byte[] csv = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> export.csv(List.of(lead),
                lead.workspaceId(), app.pacer.core.reply.Messages.of(app.pacer.core.reply.Language.ZH)));
        String content = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        assertTrue(content.contains("\"He said \"\"hi\"\",\nthen left\""), content);
        CSVRecord record = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(content)).getRecords().get(0);
        assertEquals("He said \"hi\",\nthen left", record.get("company"));
        assertEquals("新线索", record.get("stage"));
    }

    @Test
    void teamsLeadRoundTripWithFormAndDownloadLink() {
        String tenant = FakePlatforms.ALLOWED_TENANTS.get(1);
        String user = TeamsRequests.newUser();
        var form = TeamsRequests.message(tenant, user, "lead add");
        TeamsRequests.post(form).then().statusCode(200);
        JsonNode card = reply(form, user);
        assertTrue(card.toString().contains("New lead") && card.toString().contains("Input.ChoiceSet"), card.toString());
        var submit = TeamsRequests.message(tenant, user, null);
        submit.remove("text");
        submit.put("replyToId", "1:card-" + UUID.randomUUID());
        var value = card.path("attachments").get(0).path("content").path("actions").get(0).path("data").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) value).put("name", "Teams Lead Co").put("email", "bad-email");
        submit.set("value", value);
        TeamsRequests.post(submit).then().statusCode(200);
        String update = "/teams/v3/conversations/a:personal-" + user + "/activities/" + submit.path("replyToId").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.calls("PUT", update).stream()
                .anyMatch(c -> c.body().toString().contains("doesn't look like an email")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) value).put("email", "ok@teams.example");
        var good = submit.deepCopy();
        good.put("id", "1:" + UUID.randomUUID());
        good.set("value", value);
        TeamsRequests.post(good).then().statusCode(200);
        assertTrue(reply(good, user).toString().contains("Teams Lead Co added"));
        var export = TeamsRequests.message(tenant, user, "lead export");
        TeamsRequests.post(export).then().statusCode(200);
        String link = reply(export, user).toString().replaceAll(".*\"url\":\"(http[^\"]+)\".*", "$1");
        assertTrue(link.contains("/exports/"), link);
        String path = link.substring(link.indexOf("/exports/"));
        String csv = RestAssured.given().get(path).then().statusCode(200).extract().asString();
        assertTrue(csv.contains("Teams Lead Co"), csv);
        RestAssured.given().get("/exports/" + "0".repeat(64)).then().statusCode(404);
    }

    private static JsonNode reply(com.fasterxml.jackson.databind.node.ObjectNode activity, String user) {
        String path = "/teams/v3/conversations/a:personal-" + user + "/activities/" + activity.path("id").asText();
        return await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.calls("POST", path), l -> !l.isEmpty()).get(0).body();
    }

    @Test
    void stagesCanBeRenamedAndAddedKeepingWonAndLost() {
        Team t = team();
        assertTrue(text(command(t.id(), t.admin(), "stage add demo Demo 演示")).contains("Added the stage demo"));
        assertTrue(text(command(t.id(), t.admin(), "stage rename won Closed 成交了")).contains("Renamed"));
        String stages = text(command(t.id(), t.rep(), "stage"));
        assertTrue(stages.contains("demo") && stages.contains("Closed / 成交了 (won)"), stages);
        command(t.id(), t.rep(), "lead add Demo co value=100");
        assertTrue(text(command(t.id(), t.rep(), "lead stage 1 demo")).contains("is now Demo"));
        assertTrue(text(command(t.id(), t.rep(), "lead stage 1 Closed")).contains("logged to your targets"));
        assertFalse(text(command(t.id(), t.rep(), "stage add x X 叉")).contains("Added"));
    }

    @Test
    void cardButtonsOpenSmallFormsForWhatTheyLackOnSlack() {
        Team t = team();
        command(t.id(), t.rep(), "lead add Buttons");
        var payload = SlackRequests.JSON.createObjectNode();
        payload.put("type", "block_actions").put("trigger_id", "trigger-" + UUID.randomUUID())
                .put("response_url", FakePlatforms.responseUrl(UUID.randomUUID().toString()));
        payload.putObject("team").put("id", t.id()).put("domain", "acme");
        payload.putObject("user").put("id", t.rep()).put("name", "rep");
        payload.putArray("actions").addObject().put("type", "button").put("action_id", "pacer:1").put("block_id", "b")
                .put("value", "{\"c\":\"lead.note\",\"a\":{\"lead\":\"1\"}}").put("action_ts", "1700000000.1");
        SlackRequests.interaction(payload).then().statusCode(200);
        String trigger = payload.path("trigger_id").asText();
        JsonNode view = await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.calls("POST", "/api/views.open").stream()
                .filter(c -> trigger.equals(c.body().path("trigger_id").asText())).toList(), l -> !l.isEmpty()).get(0).body();
        String modal = view.path("view").asText();
        assertTrue(modal.contains("Note on #1") && modal.contains("\"block_id\":\"text\""), modal);
        assertTrue(modal.contains("lead.note") && modal.contains("\\\"lead\\\":\\\"1\\\""), "the lead travels with the form: " + modal);
    }

    @Test
    void leadAddAloneOpensAModalWhoseErrorsShowOnTheInputs() {
        Team t = team();
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        SlackRequests.slash(t.id(), t.rep(), "lead add", UUID.randomUUID().toString()).then().statusCode(200);
        JsonNode view = await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.calls("POST", "/api/views.open").stream()
                .map(c -> SlackRequests.parse(c.body().path("view").asText()))
                .filter(v -> v.path("private_metadata").asText().contains("lead.add"))
                .filter(v -> !seenModals.contains(v.path("private_metadata").asText() + v.hashCode())).toList(), l -> !l.isEmpty()).get(0);
        seenModals.add(view.path("private_metadata").asText() + view.hashCode());
        assertTrue(view.toString().contains("\"block_id\":\"email\"") && view.toString().contains("datepicker"), view.toString());
        String errors = SlackRequests.interaction(modalSubmission(t, view, "Modal Co", "nope", "2020-01-01"))
                .then().statusCode(200).extract().asString();
        assertTrue(errors.contains("response_action") && errors.contains("\"email\"") && errors.contains("look like an email")
                && !errors.contains("**"), errors);
        assertTrue(text(command(t.id(), t.rep(), "lead list")).contains("No leads here"), "nothing half-stored");
        String past = SlackRequests.interaction(modalSubmission(t, view, "Modal Co", "ok@modal.example", "2020-01-01"))
                .then().statusCode(200).extract().asString();
        assertTrue(past.contains("\"next\"") && past.contains("in the past"), past);
        SlackRequests.interaction(modalSubmission(t, view, "Modal Co", "ok@modal.example", "2026-12-03")).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> text(command(t.id(), t.rep(), "lead list")).contains("#1 Modal Co"));
    }

    private static final java.util.Set<String> seenModals = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static com.fasterxml.jackson.databind.node.ObjectNode modalSubmission(Team t, JsonNode view, String name,
            String email, String next) {
        return SlackRequests.viewSubmission(t.id(), t.rep(), view, values -> {
            values.putObject("name").putObject("v").put("type", "plain_text_input").put("value", name);
            values.putObject("email").putObject("v").put("type", "plain_text_input").put("value", email);
            values.putObject("next").putObject("v").put("type", "datepicker").put("selected_date", next);
        });
    }
}
