package app.pacer.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.core.command.ArgError;
import app.pacer.core.command.ArgSpec;
import app.pacer.core.command.CommandRegistry;
import app.pacer.core.command.CommandSpec;
import app.pacer.core.command.ParseContext;
import app.pacer.core.org.Role;
import app.pacer.testing.SlackRequests;
import app.pacer.testing.SlackTeam;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Generated over the command registry: every command that takes a reference number (leads, reviews, kb
 * articles, surveys, survey runs, lead imports) is invoked from another workspace with a number that exists only in the
 * first, and by members without the command's role. Each answer must be a refusal (a ⚠️ error reply), must not
 * show anything of the other workspace, and nothing may change.
 */
@QuarkusTest
class CommandIsolationTest {

    /** Secret words in the first workspace's records: none may appear in any answer to an outsider. */
    private static final String LEAD_NAME = "Zorblax Isolation Lead";
    private static final String ARTICLE_TITLE = "Quuxwidget Isolation Article";
    private static final String SURVEY_TITLE = "Frobnitz Isolation Survey";
    private static final List<String> SECRETS = List.of("Zorblax", "Quuxwidget", "Frobnitz", "isolation-note-secret");

    /** Tables whose rows the refused commands must leave untouched. */
    private static final List<String> TABLES = List.of("lead", "lead_note", "lead_event", "review", "review_cycle",
            "kb_article", "kb_vote", "survey", "survey_run", "survey_invitation", "survey_participation", "survey_answer",
            "feedback", "feedback_link", "export_file", "log_entry", "lead_import", "lead_import_change");

    /** A value that binds for each placeholder, so the only thing wrong with the command is whose id it names. */
    private static final Map<String, String> SAMPLES = Map.of("arg.stage", "won", "arg.note", "isolation-note-secret",
            "arg.date", "tomorrow", "arg.member", "me", "arg.yes_no", "yes", "arg.score", "5", "arg.reason", "because",
            "arg.comment", "great");

    @Inject
    CommandRegistry registry;

    @Inject
    EntityManager em;

    @Inject
    app.pacer.imports.ImportWorker importWorker;

    private static final ParseContext CONTEXT = new ParseContext(LocalDate.of(2026, 6, 1), ZoneOffset.UTC, "U1", Map.of());

    /** A positional argument that reads {@code #7} as 7 and refuses a word: a reference number. */
    static boolean isReference(ArgSpec arg) {
        if (arg.named()) {
            return false;
        }
        try {
            Object seven = arg.type().parse("#7", CONTEXT);
            try {
                arg.type().parse("seven", CONTEXT);
                return false;
            } catch (ArgError e) {
                return Integer.valueOf(7).equals(seven);
            }
        } catch (ArgError e) {
            return false;
        }
    }

    /** Survey runs are addressed by their id without a '#' (buttons and forms carry them). */
    static boolean isRunId(ArgSpec arg) {
        return !arg.named() && arg.required() && arg.name().equals("run");
    }

    private record Target(CommandSpec spec, ArgSpec idArg) {
    }

    private List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (CommandSpec spec : registry.all()) {
            spec.args().stream().filter(a -> isReference(a) || isRunId(a)).findFirst()
                    .ifPresent(a -> targets.add(new Target(spec, a)));
        }
        return targets;
    }

    /** What {@code spec} looks like typed with {@code id} for its reference and a sample for every other required argument. */
    private static String line(CommandSpec spec, ArgSpec idArg, String id) {
        StringBuilder text = new StringBuilder(spec.id().replace('.', ' '));
        for (ArgSpec arg : spec.args()) {
            if (arg.named() || !arg.required()) {
                continue;
            }
            text.append(' ').append(arg == idArg ? id : SAMPLES.getOrDefault(arg.placeholder(), "x"));
        }
        return text.toString();
    }

    /**
     * Everything Pacer sent in answer: the response_url reply, or what else it did instead (a modal, an
     * ephemeral or channel message) — a form opened with another workspace's record would be a leak too.
     */
    private static String reply(String team, String user, String text) {
        int before = app.pacer.testing.FakePlatforms.CALLS.size();
        String id = java.util.UUID.randomUUID().toString();
        SlackRequests.slash(team, user, text, id).then().statusCode(200);
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(4))
                    .until(() -> !app.pacer.testing.FakePlatforms.calls("POST", "/slack/response/" + id).isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // no response_url answer: look at whatever else was sent
        }
        List<app.pacer.testing.FakePlatforms.Call> calls = app.pacer.testing.FakePlatforms.CALLS;
        StringBuilder all = new StringBuilder();
        for (int i = before; i < calls.size(); i++) {
            String path = calls.get(i).path();
            if (path.equals("/slack/response/" + id) || path.startsWith("/api/views.") || path.startsWith("/api/chat.")) {
                all.append(calls.get(i).body()).append('\n');
            }
        }
        return all.toString();
    }

    private String snapshot() {
        StringBuilder all = new StringBuilder();
        for (String table : TABLES) {
            Object hash = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM " + table + " t")
                    .getSingleResult());
            all.append(table).append('=').append(hash).append('\n');
        }
        return all.toString();
    }

    @Test
    void everyCommandTakingAnIdRefusesOtherWorkspacesIdsAndMembersWithoutTheRole() {
        List<Target> targets = targets();
        Set<String> ids = new java.util.TreeSet<>(targets.stream().map(t -> t.spec().id()).toList());
        System.out.println("CommandIsolationTest: " + targets.size() + " commands take an id: " + ids);
        // the registry's reference commands include at least these; a new feature's commands join automatically
        assertTrue(ids.containsAll(Set.of("lead.show", "lead.note", "lead.stage", "lead.assign", "review.show", "review.start",
                "kb.show", "kb.edit", "kb.remove", "survey.results", "survey.stop", "survey.answer", "feedback", "feedback.link", "lead.erase", "lead.close",
                "lead.import.undo")), ids.toString());

        // workspace A has one of everything; its numbers and run id are what the others try
        SlackTeam a = SlackTeam.withManager();
        assertTrue(reply(a.id(), a.rep(), "lead add \"" + LEAD_NAME + "\"").contains("#1"));
        assertTrue(reply(a.id(), a.manager(), "review schedule " + a.mention(a.rep()) + " tomorrow").toLowerCase().contains("review"));
        String kb = reply(a.id(), a.admin(), "kb add \"" + ARTICLE_TITLE + "\" body=\"secret body\"");
        // every workspace starts with the starter articles: A's own article has the first number after them
        java.util.regex.Matcher article = java.util.regex.Pattern.compile("#(\\d+)").matcher(kb);
        assertTrue(article.find(), kb);
        String articleInA = "#" + article.group(1);
        long runId = seedSurvey(a);
        // import ids are not numbered per workspace: A's finished import (undoable) has an id of its own
        String importInA = "#" + seedImport(a);
        Map<String, String> idInA = new LinkedHashMap<>();
        for (Target t : targets) {
            idInA.put(t.spec().id(), isRunId(t.idArg()) ? String.valueOf(runId) : t.spec().id().startsWith("kb.") ? articleInA
                    : t.spec().id().startsWith("lead.import.") ? importInA : "#1");
        }

        // workspace B: its admin (first to arrive) holds every role; its rep holds none
        String b = SlackRequests.newTeam();
        String bAdmin = SlackRequests.newUser();
        String bRep = SlackRequests.newUser();
        reply(b, bAdmin, "settings timezone UTC");
        reply(b, bRep, "settings timezone UTC");

        String before = snapshot();
        List<String> report = new ArrayList<>();
        int tried = 0;
        for (Target t : targets) {
            String text = line(t.spec(), t.idArg(), idInA.get(t.spec().id()));
            String asAdmin = reply(b, bAdmin, text);
            tried++;
            report.add(String.format("%-16s B admin: %s", t.spec().id(), firstLine(asAdmin)));
            assertRefused(t.spec(), text, asAdmin);
            if (t.spec().role() != Role.REP) {
                String asRep = reply(b, bRep, text);
                tried++;
                assertRefused(t.spec(), text, asRep);
                assertTrue(asRep.contains("Only a"), t.spec().id() + " by a rep: " + asRep);
                // and inside A, a rep without the role is refused the real record too
                String inA = reply(a.id(), a.other(), text);
                tried++;
                assertRefused(t.spec(), text, inA);
                assertTrue(inA.contains("Only a"), t.spec().id() + " by A's rep: " + inA);
                report.add(String.format("%-16s reps:    %s", t.spec().id(), firstLine(asRep)));
            }
        }
        assertEquals(before, snapshot(), "a refused command changed something");
        System.out.println("CommandIsolationTest: " + tried + " refused invocations\n  " + String.join("\n  ", report));
    }

    private static void assertRefused(CommandSpec spec, String text, String reply) {
        assertTrue(reply.contains("⚠️"), spec.id() + " (" + text + ") was not refused: " + reply);
        assertFalse(reply.contains("something went wrong"), spec.id() + " (" + text + ") failed: " + reply);
        for (String secret : SECRETS) {
            assertFalse(reply.contains(secret), spec.id() + " (" + text + ") showed " + secret + ": " + reply);
        }
    }

    private static String firstLine(String reply) {
        String t = reply.lines().findFirst().orElse("(nothing sent)");
        int at = t.indexOf("\"text\":\"");
        t = at >= 0 ? t.substring(at + 8) : t;
        return t.length() > 90 ? t.substring(0, 90) + "…" : t;
    }

    /**
     * A finished import in A by its rep, through the import page as a member uses it (the worker's tick is off in
     * tests: run here); its id.
     */
    private long seedImport(SlackTeam a) {
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("/imports/([0-9a-f]{64})")
                .matcher(reply(a.id(), a.rep(), "lead import"));
        assertTrue(link.find());
        String token = link.group(1);
        io.restassured.RestAssured.given().redirects().follow(false)
                .multiPart("file", "a.csv", "name\nZorblax Imported Lead\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv")
                .post("/imports/" + token + "/upload").then().statusCode(303);
        io.restassured.RestAssured.given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("action", "import", "duplicates", "SKIP")).post("/imports/" + token + "/map").then().statusCode(303);
        importWorker.runAll(Integer.MAX_VALUE);
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT i.id FROM lead_import i JOIN workspace w ON w.id = i.workspace_id WHERE w.external_id = ?1 AND i.state = 'DONE'")
                .setParameter(1, a.id()).getSingleResult()).longValue());
    }

    /** A survey (#1, with one run) in A, written directly: creating one needs a modal, which is not what this tests. */
    private long seedSurvey(SlackTeam a) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Number ws = (Number) em.createNativeQuery("SELECT id FROM workspace WHERE platform = 'SLACK' AND external_id = ?1")
                    .setParameter(1, a.id()).getSingleResult();
            Number creator = (Number) em.createNativeQuery("SELECT id FROM member WHERE workspace_id = ?1 AND platform_user_id = ?2")
                    .setParameter(1, ws).setParameter(2, a.manager()).getSingleResult();
            Number survey = (Number) em.createNativeQuery("INSERT INTO survey (workspace_id, number, title, anonymous, min_responses, "
                    + "whole_team, time_zone, created_by, created_at) VALUES (?1, 1, ?2, false, 3, true, 'UTC', ?3, now()) RETURNING id")
                    .setParameter(1, ws).setParameter(2, SURVEY_TITLE).setParameter(3, creator).getSingleResult();
            em.createNativeQuery("INSERT INTO survey_question (survey_id, position, kind, text) VALUES (?1, 1, 'TEXT', 'Frobnitz?')")
                    .setParameter(1, survey).executeUpdate();
            Number run = (Number) em.createNativeQuery("INSERT INTO survey_run (survey_id, workspace_id, run_no, scheduled_at, closes_at) "
                    + "VALUES (?1, ?2, 1, now(), now() + interval '3 days') RETURNING id")
                    .setParameter(1, survey).setParameter(2, ws).getSingleResult();
            return run.longValue();
        });
    }
}
