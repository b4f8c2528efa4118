package app.pacer.kb;

import static app.pacer.testing.SlackRequests.command;
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
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The knowledge base through the real endpoints: forms, roles, show, votes, gaps, import, reminders. */
@QuarkusTest
class KbCommandsTest {

    @Inject
    TestClock clock;

    @Inject
    KbImport importer;

    @Inject
    KbStaleReminder reminder;

    @Inject
    Outbox outbox;

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    MemberRepository members;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    record Team(String id, String admin, String rep, String manager) {
    }

    static Team team() {
        Team t = new Team(SlackRequests.newTeam(), SlackRequests.newUser(), SlackRequests.newUser(), SlackRequests.newUser());
        for (String user : List.of(t.admin(), t.rep(), t.manager())) {
            command(t.id(), user, "settings timezone UTC");
        }
        command(t.id(), t.admin(), "role <@" + t.manager() + "> manager");
        return t;
    }

    static String text(String team, String user, String typed) {
        return command(team, user, typed).toString();
    }

    private static final Set<String> seenModals = ConcurrentHashMap.newKeySet();

    /** The next modal Pacer opened whose private metadata mentions {@code command}. */
    static JsonNode modal(String command) {
        JsonNode view = await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.calls("POST", "/api/views.open").stream()
                .map(c -> SlackRequests.parse(c.body().path("view").asText()))
                .filter(v -> v.path("private_metadata").asText().contains(command))
                .filter(v -> !seenModals.contains(v.toString())).toList(), l -> !l.isEmpty()).get(0);
        seenModals.add(view.toString());
        return view;
    }

    static ObjectNode submission(Team t, String user, JsonNode view, String title, String body, String tags) {
        return SlackRequests.viewSubmission(t.id(), user, view, values -> {
            values.putObject("title").putObject("v").put("type", "plain_text_input").put("value", title);
            values.putObject("body").putObject("v").put("type", "plain_text_input").put("value", body);
            values.putObject("tags").putObject("v").put("type", "plain_text_input").put("value", tags);
        });
    }

    @Test
    void managersWriteInAFormEditItPrefilledAndEveryoneReadsIt() {
        Team t = team();
        SlackRequests.slash(t.id(), t.manager(), "kb add", UUID.randomUUID().toString()).then().statusCode(200);
        JsonNode view = modal("kb.add");
        assertTrue(view.toString().contains("\"block_id\":\"body\"") && view.toString().contains("\"multiline\":true"), view.toString());
        String errors = SlackRequests.interaction(submission(t, t.manager(), view, "Warranty terms", "", ""))
                .then().statusCode(200).extract().asString();
        assertTrue(errors.contains("response_action") && errors.contains("\"body\""), errors);
        SlackRequests.interaction(submission(t, t.manager(), view, "Warranty terms",
                "# Warranty\n\nTwo years on **all** hardware. 保修两年。", "warranty, 售后")).then().statusCode(200);
        String found = await().atMost(Duration.ofSeconds(10)).until(() -> text(t.id(), t.rep(), "kb warranty"),
                r -> r.contains("Warranty terms"));
        assertTrue(found.contains("`warranty`") && found.contains("`售后`"), found);
        String number = found.replaceAll("(?s).*#(\\d+) Warranty terms.*", "$1");

        String card = text(t.id(), t.rep(), "kb show " + number);
        assertTrue(card.contains("*Warranty*") && card.contains("Two years on *all* hardware") && card.contains("Helpful")
                && card.contains("Not helpful"), card);
        assertFalse(card.contains("Mark verified") || card.contains("\"Edit\""), "reps do not edit others' articles: " + card);
        assertTrue(text(t.id(), t.manager(), "kb show #" + number).contains("Mark verified"));

        SlackRequests.slash(t.id(), t.manager(), "kb edit " + number, UUID.randomUUID().toString()).then().statusCode(200);
        JsonNode edit = modal("kb.edit");
        assertTrue(edit.toString().contains("Two years on **all** hardware") && edit.toString().contains("Warranty terms"),
                "prefilled: " + edit);
        SlackRequests.interaction(submission(t, t.manager(), edit, "Warranty terms", "Three years now.", "")).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> text(t.id(), t.rep(), "kb show " + number).contains("Three years now"));
        assertFalse(text(t.id(), t.rep(), "kb show " + number).contains("`warranty`"), "tags cleared in the form");

        assertTrue(text(t.id(), t.rep(), "kb edit " + number + " title=Mine").contains("Only managers, admins and its author"));
        assertTrue(text(t.id(), t.manager(), "kb remove " + number).contains("admin"));
        assertTrue(text(t.id(), t.admin(), "kb remove " + number).contains("Removed article #" + number));
        assertTrue(text(t.id(), t.rep(), "kb show " + number).contains("There is no article #" + number));
    }

    @Test
    void repsWriteOnlyWhenTheAdminOpensTheKnowledgeBase() {
        Team t = team();
        assertTrue(text(t.id(), t.rep(), "kb add Tips body=\"Smile on the phone\"").contains("Only managers and admins write"));
        assertTrue(text(t.id(), t.rep(), "kb settings open=yes").contains("admin"));
        assertTrue(text(t.id(), t.admin(), "kb settings open=yes").contains("Everyone may write articles"));
        String added = text(t.id(), t.rep(), "kb add Phone tips body=\"Smile on the phone\" tags=calls");
        assertTrue(added.contains("Added article #7 Phone tips"), "six starter articles first: " + added);
        assertTrue(text(t.id(), t.rep(), "kb edit 7 body=\"Smile, and stand up.\"").contains("Updated article #7"));
        assertTrue(text(t.id(), t.admin(), "kb settings open=maybe").contains("please say yes or no"));
    }

    @Test
    void badInputGetsAFriendlyAnswerInTheMembersLanguage() {
        Team t = team();
        assertTrue(text(t.id(), t.rep(), "kb show abc").contains("isn't an article number"));
        assertTrue(text(t.id(), t.rep(), "kb show 999").contains("There is no article #999"));
        assertTrue(text(t.id(), t.rep(), "kb ???").contains("Tell me what to look for"));
        assertTrue(text(t.id(), t.admin(), "kb import").contains("PACER_KB_IMPORT_DIR"));
        command(t.id(), t.rep(), "settings language zh");
        assertTrue(text(t.id(), t.rep(), "知识 查看 abc").contains("不是文章编号"));
        String zh = text(t.id(), t.rep(), "知识 价格异议");
        assertTrue(zh.contains("如何应对价格异议") && zh.contains("打开 #"), zh);
        assertTrue(text(t.id(), t.rep(), "知识").contains("共 6 篇文章"));
    }

    @Test
    void aQueryStartingWithASubCommandWordIsSearchedWhenQuoted() {
        Team t = team();
        assertTrue(text(t.id(), t.rep(), "kb \"show pricing\"").contains("Handling price objections"));
    }

    @Test
    void unansweredAndUnhelpfulQuestionsBecomeTheGapsList() {
        Team t = team();
        for (String user : List.of(t.rep(), t.manager(), t.rep())) {
            assertTrue(text(t.id(), user, "kb 报销 流程").contains("noted the question"));
        }
        command(t.id(), t.rep(), "kb Warranty for schools?");
        String found = text(t.id(), t.rep(), "kb pricing objections");
        String number = found.replaceAll("(?s).*#(\\d+) Handling price objections.*", "$1");
        // a vote from the show card carries the query
        var vote = SlackRequests.JSON.createObjectNode();
        vote.put("type", "block_actions").put("trigger_id", "t-" + UUID.randomUUID())
                .put("response_url", FakePlatforms.responseUrl(UUID.randomUUID().toString()));
        vote.putObject("team").put("id", t.id()).put("domain", "acme");
        vote.putObject("user").put("id", t.rep()).put("name", "rep");
        vote.putArray("actions").addObject().put("type", "button").put("action_id", "pacer:1").put("block_id", "b")
                .put("value", "{\"c\":\"kb.vote\",\"a\":{\"article\":\"" + number + "\",\"q\":\"pricing for schools\",\"helpful\":\"no\"}}")
                .put("action_ts", "1700000000.1");
        SlackRequests.interaction(vote).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> text(t.id(), t.rep(), "kb show " + number).contains("1 did not"));
        command(t.id(), t.rep(), "kb vote " + number + " no"); // the same vote again counts once
        command(t.id(), t.manager(), "kb vote " + number + " yes");
        String card = text(t.id(), t.rep(), "kb show " + number);
        assertTrue(card.contains("1 found it helpful") && card.contains("1 did not"), card);

        assertTrue(text(t.id(), t.rep(), "kb gaps").contains("Only a *manager*"));
        String gaps = text(t.id(), t.manager(), "kb gaps");
        assertTrue(gaps.contains("*报销 流程* — 3 time(s), 2 person(s), 3 without any result"), gaps);
        assertTrue(gaps.contains("*warranty for schools*") && gaps.contains("*pricing for schools* — 1 time(s), 1 person(s), 0 without"), gaps);
        assertTrue(gaps.indexOf("报销") < gaps.indexOf("warranty"), "most frequent first: " + gaps);

        clock.set(Instant.now().plus(Duration.ofDays(31)));
        assertTrue(text(t.id(), t.manager(), "kb gaps").contains("No unanswered questions"));
    }

    @Test
    void moreShowsTheNextFive() {
        Team t = team();
        for (int i = 1; i <= 7; i++) {
            command(t.id(), t.admin(), "kb add \"Renewal note " + i + "\" body=\"Renewals: step " + i + "\"");
        }
        String first = text(t.id(), t.rep(), "kb renewal");
        assertTrue(first.contains("More results") && first.contains("kb.more"), first);
        var more = SlackRequests.JSON.createObjectNode();
        String responseId = UUID.randomUUID().toString();
        more.put("type", "block_actions").put("trigger_id", "t-" + UUID.randomUUID()).put("response_url", FakePlatforms.responseUrl(responseId));
        more.putObject("team").put("id", t.id()).put("domain", "acme");
        more.putObject("user").put("id", t.rep()).put("name", "rep");
        more.putArray("actions").addObject().put("type", "button").put("action_id", "pacer:9").put("block_id", "b")
                .put("value", "{\"c\":\"kb.more\",\"a\":{\"query\":\"renewal\",\"page\":\"2\"}}").put("action_ts", "1700000000.1");
        SlackRequests.interaction(more).then().statusCode(200);
        String second = await().atMost(Duration.ofSeconds(10)).until(() -> FakePlatforms.calls("POST", "/slack/response/" + responseId),
                l -> !l.isEmpty()).get(0).body().toString();
        long onFirst = List.of(1, 2, 3, 4, 5, 6, 7).stream().filter(i -> first.contains("Renewal note " + i)).count();
        long onSecond = List.of(1, 2, 3, 4, 5, 6, 7).stream().filter(i -> second.contains("Renewal note " + i)).count();
        assertEquals(5, onFirst, first);
        assertEquals(2, onSecond, second);
        assertFalse(second.contains("More results"), second);
    }

    @Test
    void importIsIdempotentAndTheSameFileUpdatesItsArticle(@TempDir Path dir) throws Exception {
        Team t = team();
        command(t.id(), t.admin(), "kb");
        Long ws = QuarkusTransaction.requiringNew().call(() -> workspaces.find(Platform.SLACK, t.id()).orElseThrow().id());
        Files.createDirectories(dir.resolve("sales"));
        Files.writeString(dir.resolve("sales/returns.md"), "---\ntitle: Returns policy\ntags: returns, 退货\nlanguage: en\n---\nThirty days, no questions.\n");
        Files.writeString(dir.resolve("faq.md"), "# 发票怎么开\n\n开票请联系财务,三个工作日内寄出。");
        Files.writeString(dir.resolve("empty.md"), "---\ntitle: Nothing\n---\n");
        Files.writeString(dir.resolve("notes.txt"), "not markdown");
        KbImport.Report first = QuarkusTransaction.requiringNew().call(() -> importer.importDir(ws, dir, Instant.now()));
        assertEquals(2, first.added());
        assertEquals(List.of("empty.md: empty"), first.skipped());
        KbImport.Report again = QuarkusTransaction.requiringNew().call(() -> importer.importDir(ws, dir, Instant.now()));
        assertEquals(0, again.added());
        assertEquals(0, again.updated());
        assertEquals(2, again.unchanged());
        Files.writeString(dir.resolve("sales/returns.md"), "---\ntitle: Returns policy\ntags: returns\n---\nSixty days now.\n");
        KbImport.Report changed = QuarkusTransaction.requiringNew().call(() -> importer.importDir(ws, dir, Instant.now()));
        assertEquals(1, changed.updated());
        assertEquals(1, changed.unchanged());
        String found = text(t.id(), t.rep(), "kb returns");
        assertTrue(found.contains("Returns policy") && found.contains("Sixty days"), found);
        assertEquals(1, found.split("Returns policy", -1).length - 1, "one article, not two: " + found);
        assertTrue(text(t.id(), t.rep(), "kb 发票").contains("发票怎么开"));
        assertTrue(text(t.id(), t.rep(), "kb").contains("8 article(s)"));
    }

    @Test
    void authorsOfOutdatedArticlesAreRemindedOnceAMonth() {
        Team t = team();
        clock.set(Instant.parse("2030-01-10T09:00:00Z"));
        command(t.id(), t.manager(), "kb add \"Old pricing sheet\" body=\"Prices of 2030.\"");
        Member manager = QuarkusTransaction.requiringNew().call(() -> members.find(
                workspaces.find(Platform.SLACK, t.id()).orElseThrow().id(), t.manager()).orElseThrow());
        clock.set(Instant.parse("2030-06-01T09:00:00Z"));
        reminder.remind(clock.instant());
        assertFalse(QuarkusTransaction.requiringNew().call(() -> outbox.exists("kb-stale:" + manager.id() + ":2030-06")), "not yet 180 days");

        clock.set(Instant.parse("2030-07-15T09:00:00Z"));
        String result = text(t.id(), t.rep(), "kb pricing sheet");
        assertTrue(result.contains("may be outdated"), result);
        reminder.remind(clock.instant());
        reminder.remind(clock.instant().plus(Duration.ofDays(3)));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> outbox.exists("kb-stale:" + manager.id() + ":2030-07")));
        await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.postsWithKey("kb-stale:" + manager.id() + ":2030-07") == 1);

        // verified: no reminder next month
        String number = result.replaceAll("(?s).*#(\\d+) Old pricing sheet.*", "$1");
        assertTrue(text(t.id(), t.manager(), "kb verify " + number).contains("marked verified"));
        clock.set(Instant.parse("2030-08-15T09:00:00Z"));
        reminder.remind(clock.instant());
        assertFalse(QuarkusTransaction.requiringNew().call(() -> outbox.exists("kb-stale:" + manager.id() + ":2030-08")));
        String after = text(t.id(), t.rep(), "kb pricing sheet");
        assertTrue(after.contains("Old pricing sheet*") && !after.contains("Old pricing sheet*  ⚠️"), after);
    }

    @Test
    void teamsSearchAndShowRenderAsCards() {
        String tenant = FakePlatforms.ALLOWED_TENANTS.get(2);
        String user = TeamsRequests.newUser();
        var ask = TeamsRequests.message(tenant, user, "kb follow-up etiquette");
        TeamsRequests.post(ask).then().statusCode(200);
        String path = "/teams/v3/conversations/a:personal-" + user + "/activities/" + ask.path("id").asText();
        JsonNode card = await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.calls("POST", path), l -> !l.isEmpty()).get(0).body();
        assertTrue(card.toString().contains("Follow-up etiquette") && card.toString().contains("kb.show"), card.toString());
    }
}
