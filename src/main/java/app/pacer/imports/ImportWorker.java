package app.pacer.imports;

import app.pacer.core.audit.AuditAction;
import app.pacer.core.audit.AuditLog;
import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.org.Role;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Button;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.config.PacerConfig;
import app.pacer.delivery.Outbox;
import app.pacer.leads.LeadDraft;
import app.pacer.leads.LeadImports;
import app.pacer.leads.LeadSnapshot;
import app.pacer.leads.Stages;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Runs confirmed imports in the background, a batch of rows per transaction. A replica claims an import with
 * {@code FOR UPDATE SKIP LOCKED} and keeps a heartbeat on it; every batch commits the leads, what undo needs
 * (the added ids, the before-images of updated leads), the rows' outcomes and the position together. An import
 * whose replica stopped (crash, restart, deploy) has a stale heartbeat and is resumed after its last committed
 * batch — by any replica — so a file is never half imported silently, and no row twice.
 */
@ApplicationScoped
public class ImportWorker {

    private static final Logger LOG = Logger.getLogger(ImportWorker.class);
    /** A running import whose heartbeat is older than this is taken over. */
    static final Duration STALE = Duration.ofMinutes(2);

    private final EntityManager em;
    private final Imports imports;
    private final LeadImports leads;
    private final Stages stages;
    private final MemberRepository members;
    private final Outbox outbox;
    private final AuditLog audit;
    private final PacerConfig pacer;
    private final ImportsConfig config;
    private final Clock clock;
    private final String replica = "imp-" + UUID.randomUUID().toString().substring(0, 8);

    public ImportWorker(EntityManager em, Imports imports, LeadImports leads, Stages stages, MemberRepository members,
            Outbox outbox, AuditLog audit, PacerConfig pacer, ImportsConfig config, Clock clock) {
        this.em = em;
        this.imports = imports;
        this.leads = leads;
        this.stages = stages;
        this.members = members;
        this.outbox = outbox;
        this.audit = audit;
        this.pacer = pacer;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${pacer.imports.tick:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        runAll(Integer.MAX_VALUE);
    }

    /** Claims and runs imports until none is waiting; at most {@code maxBatches} batches in all (tests stop early). */
    public int runAll(int maxBatches) {
        int batches = 0;
        Optional<Long> claimed;
        while (batches < maxBatches && (claimed = claim()).isPresent()) {
            long id = claimed.get();
            try {
                while (batches < maxBatches && batch(id)) {
                    batches++;
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "Import %d failed in a batch; it resumes from its last committed batch", id);
                return batches;
            }
        }
        return batches;
    }

    /** The next import to run: a confirmed one, or a running one nobody has touched for {@link #STALE}. */
    Optional<Long> claim() {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Number> ids = em.createNativeQuery("""
                    SELECT id FROM lead_import WHERE state = 'QUEUED' OR (state = 'RUNNING' AND heartbeat_at < ?1)
                    ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED""")
                    .setParameter(1, Imports.utc(now.minus(STALE))).getResultList();
            if (ids.isEmpty()) {
                return Optional.<Long>empty();
            }
            long id = ids.get(0).longValue();
            em.createNativeQuery("""
                    UPDATE lead_import SET state = 'RUNNING', claimed_by = ?2, heartbeat_at = ?3,
                    started_at = coalesce(started_at, ?3) WHERE id = ?1""")
                    .setParameter(1, id).setParameter(2, replica).setParameter(3, Imports.utc(now)).executeUpdate();
            return Optional.of(id);
        });
    }

    /** One batch in one transaction; false when the import is finished (or no longer ours). */
    boolean batch(long id) {
        return QuarkusTransaction.requiringNew().timeout(300).call(() -> batchInTransaction(id));
    }

    private record Staged(int rowNo, List<String> cells) {
    }

    @SuppressWarnings("unchecked")
    private boolean batchInTransaction(long id) {
        Instant now = clock.instant();
        List<?> mine = em.createNativeQuery("SELECT 1 FROM lead_import WHERE id = ?1 AND state = 'RUNNING' AND claimed_by = ?2 FOR UPDATE")
                .setParameter(1, id).setParameter(2, replica).getResultList();
        if (mine.isEmpty()) {
            return false;
        }
        Imports.Job job = imports.byId(id).orElseThrow();
        List<Staged> rows = new ArrayList<>();
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT row_no, cells FROM lead_import_row WHERE import_id = ? AND row_no > ? ORDER BY row_no LIMIT ?")) {
                s.setLong(1, id);
                s.setInt(2, job.done());
                s.setInt(3, config.batchSize());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        rows.add(new Staged(r.getInt(1), Arrays.asList((String[]) r.getArray(2).getArray())));
                    }
                }
            }
        });
        Member actor = members.findById(job.memberId());
        if (rows.isEmpty()) {
            finish(job, actor, now);
            return false;
        }
        Messages m = Messages.of(actor.language());
        RowCheck check = new RowCheck(job.mapping(), stages.of(job.workspaceId()), members.inWorkspace(job.workspaceId()),
                actor, LocalDate.ofInstant(now, actor.zone()));
        List<RowCheck.Result> results = new ArrayList<>();
        Set<String> emails = new HashSet<>();
        Set<String> phones = new HashSet<>();
        for (Staged row : rows) {
            RowCheck.Result result = check.check(row.cells());
            results.add(result);
            if (result.ok()) {
                Contactable.keys(result.draft()).forEach(k -> (k.startsWith("e:") ? emails : phones).add(k.substring(2)));
            }
        }
        Map<String, LeadImports.Match> existing = leads.existing(job.workspaceId(), emails, phones);
        Set<Long> touched = touched(id, existing.values().stream().map(LeadImports.Match::id).toList());
        Map<String, Integer> inBatch = new HashMap<>();
        List<LeadDraft> toAdd = new ArrayList<>();
        List<Integer> addedRows = new ArrayList<>();
        List<Object[]> outcomes = new ArrayList<>();
        List<Object[]> changes = new ArrayList<>();
        int updated = 0;
        for (int i = 0; i < rows.size(); i++) {
            int rowNo = rows.get(i).rowNo();
            RowCheck.Result result = results.get(i);
            if (!result.ok()) {
                outcomes.add(new Object[] {rowNo, "FAILED", String.join("; ", result.errors())});
                continue;
            }
            LeadDraft draft = result.draft();
            LeadImports.Match match = null;
            Integer earlierRow = null;
            for (String key : Contactable.keys(draft)) {
                match = match != null ? match : existing.get(key);
                earlierRow = earlierRow != null ? earlierRow : inBatch.get(key);
            }
            if (match != null && job.duplicates() != Imports.Duplicates.ADD) {
                boolean visible = actor.role().atLeast(Role.MANAGER) || match.ownerId() == actor.id();
                if (job.duplicates() == Imports.Duplicates.SKIP || touched.contains(match.id())) {
                    outcomes.add(new Object[] {rowNo, "SKIPPED", touched.contains(match.id())
                            ? m.get("import.problem.duplicate_in_file")
                            : visible ? m.get("import.problem.duplicate", "#" + match.number())
                            : m.get("import.problem.duplicate_elsewhere")});
                    continue;
                }
                Optional<LeadSnapshot> before = leads.update(job.workspaceId(), match.id(), draft, actor, now);
                if (before.isEmpty()) {
                    outcomes.add(new Object[] {rowNo, "SKIPPED", m.get("import.problem.duplicate_elsewhere")});
                    continue;
                }
                touched.add(match.id());
                changes.add(new Object[] {match.id(), "UPDATED", Imports.write(before.get())});
                updated++;
                continue;
            }
            if (earlierRow != null && job.duplicates() != Imports.Duplicates.ADD) {
                outcomes.add(new Object[] {rowNo, "SKIPPED", m.get("import.problem.duplicate_in_file")});
                continue;
            }
            for (String key : Contactable.keys(draft)) {
                inBatch.putIfAbsent(key, rowNo);
            }
            toAdd.add(draft);
            addedRows.add(rowNo);
        }
        List<Long> ids = leads.addAll(job.workspaceId(), toAdd, actor, now);
        ids.forEach(leadId -> changes.add(new Object[] {leadId, "ADDED", null}));
        int failed = (int) outcomes.stream().filter(o -> o[1].equals("FAILED")).count();
        int skipped = outcomes.size() - failed;
        // one statement each for the batch's changes and outcomes (arrays unnested), not one per row
        em.unwrap(Session.class).doWork(c -> {
            if (!changes.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO lead_import_change (import_id, workspace_id, lead_id, kind, before_image)
                        SELECT ?, ?, t.lead_id, t.kind, t.before_image
                        FROM unnest(?::bigint[], ?::text[], ?::text[]) AS t(lead_id, kind, before_image)""")) {
                    s.setLong(1, id);
                    s.setLong(2, job.workspaceId());
                    s.setArray(3, c.createArrayOf("bigint", changes.stream().map(ch -> ch[0]).toArray()));
                    s.setArray(4, c.createArrayOf("text", changes.stream().map(ch -> ch[1]).toArray()));
                    s.setArray(5, c.createArrayOf("text", changes.stream().map(ch -> ch[2]).toArray()));
                    s.executeUpdate();
                }
            }
            if (!outcomes.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("""
                        UPDATE lead_import_row r SET outcome = t.outcome, problem = t.problem
                        FROM unnest(?::int[], ?::text[], ?::text[]) AS t(row_no, outcome, problem)
                        WHERE r.import_id = ? AND r.row_no = t.row_no AND r.row_no BETWEEN ? AND ?""")) {
                    // the range: whatever join the planner picks, it reads this batch's rows only
                    s.setArray(1, c.createArrayOf("int4", outcomes.stream().map(o -> o[0]).toArray()));
                    s.setArray(2, c.createArrayOf("text", outcomes.stream().map(o -> o[1]).toArray()));
                    s.setArray(3, c.createArrayOf("text", outcomes.stream().map(o -> {
                        String problem = (String) o[2];
                        return problem.length() > 2000 ? problem.substring(0, 2000) : problem;
                    }).toArray()));
                    s.setLong(4, id);
                    s.setInt(5, rows.get(0).rowNo());
                    s.setInt(6, rows.get(rows.size() - 1).rowNo());
                    s.executeUpdate();
                }
            }
        });
        em.createNativeQuery("""
                UPDATE lead_import SET done_rows = ?2, added = added + ?3, updated = updated + ?4, skipped = skipped + ?5,
                failed = failed + ?6, heartbeat_at = ?7 WHERE id = ?1""")
                .setParameter(1, id).setParameter(2, rows.get(rows.size() - 1).rowNo()).setParameter(3, ids.size())
                .setParameter(4, updated).setParameter(5, skipped).setParameter(6, failed)
                .setParameter(7, Imports.utc(now)).executeUpdate();
        return true;
    }

    /** Leads among {@code ids} this import already added or updated: a second row for one of them is skipped. */
    private Set<Long> touched(long importId, List<Long> ids) {
        Set<Long> touched = new HashSet<>();
        if (ids.isEmpty()) {
            return touched;
        }
        em.unwrap(Session.class).doWork(c -> {
            // one primary-key probe per lead (OFFSET 0 keeps it so): not a filter over all the import's changes
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT x.lead_id FROM unnest(?::bigint[]) k(id)
                    JOIN LATERAL (SELECT lead_id FROM lead_import_change WHERE import_id = ? AND lead_id = k.id OFFSET 0) x ON true""")) {
                s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                s.setLong(2, importId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        touched.add(r.getLong(1));
                    }
                }
            }
        });
        return touched;
    }

    /** Done: the counts, the audit entry and the member's message commit together. */
    private void finish(Imports.Job job, Member actor, Instant now) {
        String failures = job.failed() + job.skipped() > 0 ? Imports.randomToken() : null;
        em.createNativeQuery("""
                UPDATE lead_import SET state = 'DONE', finished_at = ?2, failures_token = ?3, claimed_by = NULL
                WHERE id = ?1""").setParameter(1, job.id()).setParameter(2, Imports.utc(now)).setParameter(3, failures)
                .executeUpdate();
        audit.record(actor, AuditAction.IMPORT, "import #" + job.id(), "added " + job.added() + ", updated " + job.updated()
                + ", skipped " + job.skipped() + ", failed " + job.failed(), now);
        Messages m = Messages.of(actor.language());
        String summary = m.get("import.done", "#" + job.id(), job.added(), job.updated(), job.skipped(), job.failed());
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Text("✅ " + summary));
        blocks.add(new Block.Context(m.get("import.done.undo", "lead import undo " + job.id())));
        if (failures != null) {
            blocks.add(new Block.Actions(List.of(Button.link(m.get("import.done.failures"),
                    pacer.publicUrl() + "/imports/" + failures + "/failures.csv"))));
        }
        outbox.toMember(actor, new Reply.Message(summary, blocks, Reply.Visibility.PRIVATE), "import:" + job.id() + ":done",
                now, now.plus(Duration.ofDays(1)));
        LOG.infof("Import %d done: added %d, updated %d, skipped %d, failed %d", job.id(), job.added(), job.updated(),
                job.skipped(), job.failed());
    }
}
