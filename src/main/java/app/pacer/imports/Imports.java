package app.pacer.imports;

import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.reply.Messages;
import app.pacer.core.time.Timestamps;
import app.pacer.leads.LeadDraft;
import app.pacer.leads.LeadImports;
import app.pacer.leads.Stages;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.hibernate.Session;

/**
 * Lead imports: the page's token, the file staged row by row, the member's column mapping, the preview, and what
 * the background import left behind (counts, failed rows). Rows are staged in the database so that any replica
 * can run — or resume — the import, and the file itself is never kept.
 */
@ApplicationScoped
public class Imports {

    static final Duration PAGE_LIFETIME = Duration.ofHours(1);
    static final Duration FAILURES_LIFETIME = Duration.ofDays(7);
    static final Duration UNDO_WINDOW = Duration.ofDays(7);
    static final int PREVIEW_ROWS = 20;
    static final int PROBLEMS_SHOWN = 200;
    private static final SecureRandom RANDOM = new SecureRandom();
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    enum State { NEW, STAGED, QUEUED, RUNNING, DONE, UNDONE }

    enum Duplicates { SKIP, UPDATE, ADD }

    /** One import as the page and the worker read it. */
    record Job(long id, long workspaceId, long memberId, String token, Instant expiresAt, State state, String filename,
            String format, List<String> headers, List<Field> mapping, Duplicates duplicates, int total, int done, int added,
            int updated, int skipped, int failed, String failuresToken, Instant finishedAt, String claimedBy) {
    }

    private final EntityManager em;
    private final MemberRepository members;
    private final Stages stages;
    private final LeadImports leads;
    private final Clock clock;

    public Imports(EntityManager em, MemberRepository members, Stages stages, LeadImports leads, Clock clock) {
        this.em = em;
        this.members = members;
        this.stages = stages;
        this.leads = leads;
        this.clock = clock;
    }

    static String randomToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** A new import for the member, waiting for its file; the page's token. Runs in the caller's transaction. */
    String open(Member actor, Instant now) {
        String token = randomToken();
        em.createNativeQuery("""
                INSERT INTO lead_import (workspace_id, member_id, token, expires_at, state, created_at)
                VALUES (?1, ?2, ?3, ?4, 'NEW', ?5)""")
                .setParameter(1, actor.workspaceId()).setParameter(2, actor.id()).setParameter(3, token)
                .setParameter(4, utc(now.plus(PAGE_LIFETIME))).setParameter(5, utc(now)).executeUpdate();
        return token;
    }

    private static final String COLUMNS = """
            id, workspace_id, member_id, token, expires_at, state, filename, format, headers, mapping, duplicates,
            total_rows, done_rows, added, updated, skipped, failed, failures_token, finished_at, claimed_by""";

    /** The import behind a page token that has not expired; anything else is nothing. */
    Optional<Job> byToken(String token) {
        if (token == null || !token.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        return one("SELECT " + COLUMNS + " FROM lead_import WHERE token = ?1 AND expires_at > ?2", token);
    }

    /** The import whose failed-rows link this is (a week), or whose page this is (an hour). */
    Optional<Job> byFailuresToken(String token) {
        if (token == null || !token.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        Optional<Job> job = one("SELECT " + COLUMNS + " FROM lead_import WHERE failures_token = ?1 AND finished_at > ?2",
                token, FAILURES_LIFETIME);
        return job.isPresent() ? job : byToken(token);
    }

    Optional<Job> byId(long id) {
        return one("SELECT " + COLUMNS + " FROM lead_import WHERE id = ?1", id);
    }

    private Optional<Job> one(String sql, Object key) {
        return one(sql, key, Duration.ZERO);
    }

    private Optional<Job> one(String sql, Object key, Duration back) {
        var query = em.createNativeQuery(sql).setParameter(1, key);
        if (sql.contains("?2")) {
            query.setParameter(2, utc(clock.instant().minus(back)));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().findFirst().map(Imports::job);
    }

    private static Job job(Object[] r) {
        List<String> headers = r[8] == null ? List.of() : read((String) r[8], new TypeReference<List<String>>() { });
        List<Field> mapping = r[9] == null ? List.of()
                : read((String) r[9], new TypeReference<List<String>>() { }).stream().map(Field::ofKey).toList();
        return new Job(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), ((Number) r[2]).longValue(), (String) r[3],
                Timestamps.instant(r[4]), State.valueOf((String) r[5]), (String) r[6], (String) r[7], headers, mapping,
                Duplicates.valueOf((String) r[10]), ((Number) r[11]).intValue(), ((Number) r[12]).intValue(),
                ((Number) r[13]).intValue(), ((Number) r[14]).intValue(), ((Number) r[15]).intValue(),
                ((Number) r[16]).intValue(), (String) r[17], r[18] == null ? null : Timestamps.instant(r[18]), (String) r[19]);
    }

    static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads the file into the import's rows and guesses the mapping, in one transaction: a file that turns out
     * bad half-way leaves nothing behind. Only an import still waiting for a file (or not yet confirmed) takes one.
     */
    void stage(Job job, Path file, String filename) throws BadFile {
        try {
            QuarkusTransaction.requiringNew().timeout(600).call(() -> {
                stageInTransaction(job, file, filename);
                return null;
            });
        } catch (StagingFailed e) {
            throw e.reason;
        }
    }

    /** Carries a {@link BadFile} out of the transaction (and rolls it back). */
    private static final class StagingFailed extends RuntimeException {
        final BadFile reason;

        StagingFailed(BadFile reason) {
            super(null, null, false, false);
            this.reason = reason;
        }
    }

    private void stageInTransaction(Job job, Path file, String filename) {
        int state = em.createNativeQuery("SELECT 1 FROM lead_import WHERE id = ?1 AND state IN ('NEW', 'STAGED') FOR UPDATE")
                .setParameter(1, job.id()).getResultList().size();
        if (state == 0) {
            throw new StagingFailed(new BadFile("import.error.started"));
        }
        em.createNativeQuery("DELETE FROM lead_import_row WHERE import_id = ?1").setParameter(1, job.id()).executeUpdate();
        List<String>[] headers = new List[1];
        int[] rows = {0};
        String[] format = new String[1];
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO lead_import_row (import_id, workspace_id, row_no, cells) VALUES (?, ?, ?, ?)")) {
                int[] pending = {0};
                format[0] = SheetReader.read(file, cells -> {
                    if (headers[0] == null) {
                        if (cells.size() > SheetReader.MAX_COLUMNS) {
                            throw new BadFile("import.error.columns", SheetReader.MAX_COLUMNS);
                        }
                        if (cells.stream().allMatch(String::isBlank)) {
                            return;
                        }
                        headers[0] = cells;
                        return;
                    }
                    if (++rows[0] > SheetReader.MAX_ROWS) {
                        throw new BadFile("import.error.rows", SheetReader.MAX_ROWS);
                    }
                    try {
                        insert.setLong(1, job.id());
                        insert.setLong(2, job.workspaceId());
                        insert.setInt(3, rows[0]);
                        List<String> kept = cells.size() > SheetReader.MAX_COLUMNS ? cells.subList(0, SheetReader.MAX_COLUMNS) : cells;
                        insert.setArray(4, c.createArrayOf("text", kept.stream().map(s -> s.replace('\u0000', ' ')).toArray()));
                        insert.addBatch();
                        if (++pending[0] == 1000) {
                            insert.executeBatch();
                            pending[0] = 0;
                        }
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                if (pending[0] > 0) {
                    insert.executeBatch();
                }
            } catch (BadFile e) {
                throw new StagingFailed(e);
            } catch (IOException e) {
                throw new StagingFailed(new BadFile("import.error.unreadable"));
            }
        });
        if (headers[0] == null) {
            throw new StagingFailed(new BadFile("import.error.empty"));
        }
        if (rows[0] == 0) {
            throw new StagingFailed(new BadFile("import.error.only_headers"));
        }
        List<String> names = headers[0].stream().map(h -> h.strip().replace("\uFEFF", "")).toList();
        List<Field> guessed = Field.guess(names);
        em.createNativeQuery("""
                UPDATE lead_import SET state = 'STAGED', filename = ?2, format = ?3, headers = ?4, mapping = ?5, total_rows = ?6
                WHERE id = ?1""")
                .setParameter(1, job.id()).setParameter(2, cut(filename, 255)).setParameter(3, format[0])
                .setParameter(4, write(names)).setParameter(5, write(guessed.stream().map(Field::key).toList()))
                .setParameter(6, rows[0]).executeUpdate();
    }

    private static String cut(String s, int max) {
        return s == null ? null : s.length() <= max ? s : s.substring(0, max);
    }

    /** The member's choice of columns and of what duplicates do (only before the import starts). */
    void saveMapping(Job job, List<Field> mapping, Duplicates duplicates) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE lead_import SET mapping = ?2, duplicates = ?3 WHERE id = ?1 AND state = 'STAGED'")
                .setParameter(1, job.id()).setParameter(2, write(mapping.stream().map(Field::key).toList()))
                .setParameter(3, duplicates.name()).executeUpdate());
    }

    /** Back to choosing a file. */
    void restart(Job job) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (em.createNativeQuery("UPDATE lead_import SET state = 'NEW' WHERE id = ?1 AND state = 'STAGED'")
                    .setParameter(1, job.id()).executeUpdate() == 1) {
                em.createNativeQuery("DELETE FROM lead_import_row WHERE import_id = ?1").setParameter(1, job.id()).executeUpdate();
            }
        });
    }

    /** Confirmed: the worker takes it from here. */
    boolean queue(Job job) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "UPDATE lead_import SET state = 'QUEUED' WHERE id = ?1 AND state = 'STAGED'")
                .setParameter(1, job.id()).executeUpdate() == 1);
    }

    /** A row as it will be stored, with its problems. */
    record PreviewRow(int rowNo, LeadDraft draft, List<String> errors, List<String> warnings, String duplicate) {
    }

    /** The first rows as stored, every row's problems (the first few hundred listed), and the counts. */
    record Preview(List<PreviewRow> first, List<PreviewRow> problems, int total, int errorRows, int warningRows,
            int duplicates, boolean nameMapped) {
    }

    Preview preview(Job job) {
        return QuarkusTransaction.requiringNew().call(() -> previewInTransaction(job));
    }

    private Preview previewInTransaction(Job job) {
        Member actor = members.findById(job.memberId());
        Messages m = Messages.of(actor.language());
        RowCheck check = new RowCheck(job.mapping(), stages.of(job.workspaceId()), members.inWorkspace(job.workspaceId()),
                actor, LocalDate.ofInstant(clock.instant(), actor.zone()));
        boolean nameMapped = job.mapping().stream().anyMatch(f -> f == Field.NAME || f == Field.FIRST_NAME
                || f == Field.LAST_NAME || f == Field.COMPANY);
        List<PreviewRow> first = new ArrayList<>();
        List<PreviewRow> problems = new ArrayList<>();
        int[] counts = new int[3];
        Set<String> seen = new HashSet<>();
        List<Object[]> chunk = new ArrayList<>();
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT row_no, cells FROM lead_import_row WHERE import_id = ? ORDER BY row_no")) {
                s.setFetchSize(1000);
                s.setLong(1, job.id());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        chunk.add(new Object[] {r.getInt(1), Arrays.asList((String[]) r.getArray(2).getArray())});
                        if (chunk.size() == 1000) {
                            previewChunk(job, check, m, chunk, seen, first, problems, counts);
                            chunk.clear();
                        }
                    }
                }
            }
        });
        previewChunk(job, check, m, chunk, seen, first, problems, counts);
        return new Preview(first, problems, job.total(), counts[0], counts[1], counts[2], nameMapped);
    }

    @SuppressWarnings("unchecked")
    private void previewChunk(Job job, RowCheck check, Messages m, List<Object[]> chunk, Set<String> seen,
            List<PreviewRow> first, List<PreviewRow> problems, int[] counts) {
        List<RowCheck.Result> results = new ArrayList<>();
        Set<String> emails = new HashSet<>();
        Set<String> phones = new HashSet<>();
        for (Object[] row : chunk) {
            RowCheck.Result result = check.check((List<String>) row[1]);
            results.add(result);
            Contactable.keys(result.draft()).forEach(k -> (k.startsWith("e:") ? emails : phones).add(k.substring(2)));
        }
        var existing = leads.existing(job.workspaceId(), emails, phones);
        for (int i = 0; i < chunk.size(); i++) {
            int rowNo = (Integer) chunk.get(i)[0];
            RowCheck.Result result = results.get(i);
            String duplicate = null;
            for (String key : Contactable.keys(result.draft())) {
                LeadImports.Match match = existing.get(key);
                if (match != null) {
                    duplicate = m.get("import.problem.duplicate", "#" + match.number());
                    break;
                }
                if (!seen.add(key)) {
                    duplicate = m.get("import.problem.duplicate_in_file");
                    break;
                }
            }
            PreviewRow row = new PreviewRow(rowNo, result.draft(), result.errors(), result.warnings(), duplicate);
            if (first.size() < PREVIEW_ROWS) {
                first.add(row);
            }
            if (!result.ok()) {
                counts[0]++;
            } else if (!result.warnings().isEmpty()) {
                counts[1]++;
            }
            if (duplicate != null && result.ok()) {
                counts[2]++;
            }
            if ((!result.ok() || !result.warnings().isEmpty() || duplicate != null) && problems.size() < PROBLEMS_SHOWN) {
                problems.add(row);
            }
        }
    }

    /** The rows that failed or were skipped, and why, as CSV (UTF-8 with BOM, as Pacer's export). */
    byte[] failuresCsv(Job job) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Messages m = Messages.of(members.findById(job.memberId()).language());
        QuarkusTransaction.requiringNew().run(() -> {
            try {
                out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                try (CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.RFC4180)) {
                    List<Object> header = new ArrayList<>(List.of(m.get("import.csv.row"), m.get("import.csv.outcome"),
                            m.get("import.csv.why")));
                    job.headers().forEach(h -> header.add(safe(h)));
                    printer.printRecord(header);
                    em.unwrap(Session.class).doWork(c -> {
                        try (PreparedStatement s = c.prepareStatement("""
                                SELECT row_no, outcome, problem, cells FROM lead_import_row
                                WHERE import_id = ? AND outcome IN ('FAILED', 'SKIPPED') ORDER BY row_no""")) {
                            s.setFetchSize(1000);
                            s.setLong(1, job.id());
                            try (ResultSet r = s.executeQuery()) {
                                while (r.next()) {
                                    List<Object> record = new ArrayList<>(List.of(r.getInt(1),
                                            m.get("import.outcome." + r.getString(2).toLowerCase(java.util.Locale.ROOT)),
                                            safe(r.getString(3))));
                                    for (String cell : (String[]) r.getArray(4).getArray()) {
                                        record.add(safe(cell));
                                    }
                                    printer.printRecord(record);
                                }
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                    });
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return out.toByteArray();
    }

    /** As Pacer's export: a cell a spreadsheet would run as a formula gets a leading apostrophe. */
    static String safe(String cell) {
        return app.pacer.leads.LeadExport.safe(cell);
    }

    static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
