package app.pacer.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every table has one owner, and only its owner's SQL names it: other features ask the owner's service. The
 * core's tables (workspace, member, calendars, inbound events) are everyone's, as the core is. A new migration's
 * table fails the test until it is given an owner here.
 */
class TableOwnershipTest {

    /** Owner (package under app.pacer) → its tables. */
    static final Map<String, Set<String>> OWNERS = Map.ofEntries(
            Map.entry("core", Set.of("workspace", "member", "inbound_event", "holiday", "away", "audit_event")),
            Map.entry("delivery", Set.of("outbox", "job_claim")),
            Map.entry("platform.slack", Set.of("slack_dm")),
            Map.entry("platform.teams", Set.of("teams_conversation")),
            Map.entry("targets", Set.of("metric", "target", "log_entry", "log_team_daily")),
            Map.entry("leads", Set.of("lead_stage", "lead", "lead_note", "lead_event", "lead_stage_change", "export_file")),
            Map.entry("reviews", Set.of("review_cycle", "review")),
            Map.entry("feedback", Set.of("feedback", "feedback_link", "install_secret")),
            Map.entry("kb", Set.of("kb_settings", "kb_article", "kb_vote", "kb_miss", "kb_reminder")),
            Map.entry("surveys", Set.of("survey_settings", "survey", "survey_question", "survey_audience", "survey_run",
                    "survey_invitation", "survey_participation", "survey_answer")),
            Map.entry("digest", Set.of("digest_channel", "standup_answer", "chart_image")),
            Map.entry("imports", Set.of("lead_import", "lead_import_row", "lead_import_change")));

    /** Tables anyone may name. */
    static final String SHARED = "core";

    private static final Path SOURCES = Path.of("src/main/java/app/pacer");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    /** Where SQL names a table: after these words (any case); table names are lower case, JPQL's entities are not. */
    private static final Pattern TABLE_REFERENCE = Pattern.compile(
            "(?i:\\b(?:from|join|into|update|table|exists)\\s+)([a-z_][a-z0-9_]*)\\b");
    private static final Pattern CREATE_TABLE = Pattern.compile("(?i)create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)");

    static String owner(String table) {
        return OWNERS.entrySet().stream().filter(e -> e.getValue().contains(table)).map(Map.Entry::getKey).findFirst()
                .orElse(null);
    }

    /** The package a source file is in, as the ownership list names it: {@code leads}, {@code platform.slack}. */
    static String packageOf(Path file) {
        Path relative = SOURCES.relativize(file).getParent();
        if (relative == null) {
            return "";
        }
        String first = relative.getName(0).toString();
        return first.equals("platform") && relative.getNameCount() > 1 ? "platform." + relative.getName(1) : first;
    }

    /** The tables that SQL in {@code source}'s string literals names, which package {@code pkg} does not own. */
    static List<String> violations(String pkg, String source, Set<String> tables) {
        List<String> out = new ArrayList<>();
        for (String literal : JavaStrings.literals(source)) {
            Matcher m = TABLE_REFERENCE.matcher(literal);
            while (m.find()) {
                String table = m.group(1);
                if (!tables.contains(table)) {
                    continue;
                }
                String owner = owner(table);
                if (!pkg.equals(owner) && !SHARED.equals(owner) && !out.contains(table)) {
                    out.add(table + " (owned by " + owner + ")");
                }
            }
        }
        return out;
    }

    static Set<String> migratedTables() throws IOException {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                Matcher m = CREATE_TABLE.matcher(Files.readString(file));
                while (m.find()) {
                    tables.add(m.group(1).toLowerCase());
                }
            }
        }
        return tables;
    }

    @Test
    void everyTableHasExactlyOneOwner() throws IOException {
        Set<String> tables = migratedTables();
        assertTrue(tables.size() > 30, "read the migrations: " + tables);
        Set<String> listed = OWNERS.values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
        long mentions = OWNERS.values().stream().mapToLong(Set::size).sum();
        assertEquals(listed.size(), mentions, "a table is listed under two owners");
        Set<String> unowned = new TreeSet<>(tables);
        unowned.removeAll(listed);
        assertTrue(unowned.isEmpty(), "tables without an owner (add them to OWNERS): " + unowned);
        Set<String> gone = new TreeSet<>(listed);
        gone.removeAll(tables);
        assertTrue(gone.isEmpty(), "OWNERS lists tables no migration creates: " + gone);
    }

    @Test
    void noFeatureNamesATableItDoesNotOwn() throws IOException {
        Set<String> tables = migratedTables();
        List<String> problems = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = packageOf(file);
                // the embedded database's bootstrap and the class preload hold no feature SQL
                if (pkg.equals("db")) {
                    continue;
                }
                scanned++;
                List<String> wrong = violations(pkg, Files.readString(file), tables);
                if (!wrong.isEmpty()) {
                    problems.add(SOURCES.relativize(file) + " names " + wrong);
                }
            }
        }
        assertTrue(scanned > 150, "scanned the sources: " + scanned);
        assertTrue(problems.isEmpty(), "SQL that names another feature's tables (ask that feature's service):\n"
                + String.join("\n", problems));
    }

    @Test
    void aDigestQueryOnTheLeadTableIsCaught() throws IOException {
        String source = """
                class Sneaky {
                    // a comment that says "from lead" is no SQL
                    String ok = "SELECT count(*) FROM standup_answer s JOIN member m ON m.id = s.member_id";
                    String wrong = \"""
                            SELECT count(*) FROM lead l
                            WHERE EXISTS (SELECT 1 FROM lead_stage_change c WHERE c.lead_id = l.id)\""";
                    Object jpql = em.createQuery("from Lead where id = ?1");
                }
                """;
        assertEquals(List.of("lead (owned by leads)", "lead_stage_change (owned by leads)"),
                violations("digest", source, migratedTables()));
        assertEquals(List.of("standup_answer (owned by digest)"), violations("leads", source, migratedTables()));
    }
}
