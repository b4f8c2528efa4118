package app.pacer.leads;

import app.pacer.core.audit.AuditAction;
import app.pacer.core.audit.AuditLog;
import app.pacer.core.command.ArgError;
import app.pacer.core.command.ArgSpec;
import app.pacer.core.command.ArgTypes;
import app.pacer.core.command.CommandProvider;
import app.pacer.core.command.CommandSpec;
import app.pacer.core.command.Invocation;
import app.pacer.core.command.Token;
import app.pacer.core.command.Tokenizer;
import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.org.Role;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code lead export [stage] [mine|team]}: the leads as CSV that Excel opens correctly (UTF-8 with BOM, RFC 4180
 * quoting), with cells that spreadsheets would run as formulas made inert. Nothing stays behind: every note (one
 * field, oldest first, each with its date and author), the expected close date, the last stage change and the
 * owner's email (empty: the platforms do not tell Pacer members' emails). The lead import maps these header names.
 */
@ApplicationScoped
public class LeadExport implements CommandProvider {

    /** The columns, in order: the first fourteen as they always were, then what issue 19 added. */
    public static final List<String> HEADER = List.of("number", "name", "company", "email", "phone", "wechat", "source",
            "stage", "value", "next_follow_up", "owner", "lost_reason", "created_at", "updated_at",
            "close", "owner_email", "last_stage_change", "notes");
    /** Leads whose notes and stage changes are read in one query. */
    static final int BATCH = 500;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final EntityManager em;
    private final Stages stages;
    private final MemberRepository members;
    private final LeadService leads;
    private final Downloads downloads;
    private final AuditLog audit;
    private final java.time.Clock clock;

    public LeadExport(EntityManager em, Stages stages, MemberRepository members, LeadService leads, Downloads downloads,
            AuditLog audit, java.time.Clock clock) {
        this.em = em;
        this.stages = stages;
        this.members = members;
        this.leads = leads;
        this.downloads = downloads;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(CommandSpec.command("lead.export", "export", "导出")
                .arg(ArgSpec.optional("filters", ArgTypes.text("arg.export_filters"))).handler(this::export));
    }

    private Reply export(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        Stage stage = null;
        boolean team = false;
        for (Token token : Tokenizer.tokenize(invocation.arg("filters", String.class).orElse(""))) {
            String t = token.text().toLowerCase(Locale.ROOT);
            if (t.equals("team") || t.equals("团队") || t.equals("all")) {
                if (!actor.role().atLeast(Role.MANAGER)) {
                    throw new ArgError("error.lead.team_only_managers");
                }
                team = true;
            } else if (!(t.equals("mine") || t.equals("me") || t.equals("我的"))) {
                stage = stages.require(actor.workspaceId(), token.text(), m.language());
            }
        }
        var query = em.createQuery("from Lead where workspaceId = ?1" + (team ? "" : " and ownerId = ?2")
                + (stage == null ? "" : " and stageKey = ?3") + " order by number", Lead.class)
                .setParameter(1, actor.workspaceId());
        if (!team) {
            query.setParameter(2, actor.id());
        }
        if (stage != null) {
            query.setParameter(3, stage.key());
        }
        List<Lead> found = query.getResultList();
        byte[] csv = csv(found, actor.workspaceId(), m, actor.zone());
        String filename = "pacer-leads-" + invocation.today() + ".csv";
        String link = downloads.offer(actor, filename, csv, invocation.now());
        // what was exported, never whose data: the audit log outlives an erasure
        audit.record(actor, AuditAction.EXPORT, "lead export" + (team ? " team" : "") + (stage == null ? "" : " " + stage.key()),
                found.size() + " leads", invocation.now());
        String summary = m.get("export.ready", found.size());
        return new Reply.File(filename, "text/csv; charset=utf-8", csv, Reply.text("📎 " + summary), link);
    }

    /** Expired export files go. */
    @io.quarkus.scheduler.Scheduled(every = "1h", delayed = "20m",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    @jakarta.transaction.Transactional
    void purgeExpired() {
        em.createNativeQuery("DELETE FROM export_file WHERE expires_at < ?1")
                .setParameter(1, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).executeUpdate();
    }

    byte[] csv(List<Lead> leads, Long workspaceId, Messages m) {
        return csv(leads, workspaceId, m, ZoneOffset.UTC);
    }

    byte[] csv(List<Lead> found, Long workspaceId, Messages m, ZoneId zone) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}); // BOM: Excel then reads UTF-8 (Chinese)
            try (CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.RFC4180)) {
                printer.printRecord(HEADER);
                Rows rows = new Rows(workspaceId, m, zone);
                for (int i = 0; i < found.size(); i += BATCH) {
                    for (List<String> row : rows.of(found.subList(i, Math.min(found.size(), i + BATCH)))) {
                        printer.printRecord(row);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Turns leads into rows of {@link #HEADER}, a batch at a time (owners' names and stages remembered). */
    final class Rows {
        private final long workspaceId;
        private final Messages m;
        private final ZoneId zone;
        private final Map<Long, String> owners = new HashMap<>();
        private final Map<String, Stage> byKey = new HashMap<>();

        Rows(long workspaceId, Messages m, ZoneId zone) {
            this.workspaceId = workspaceId;
            this.m = m;
            this.zone = zone;
            stages.of(workspaceId).forEach(s -> byKey.put(s.key(), s));
        }

        private String stageName(String key) {
            return key == null ? "—" : byKey.computeIfAbsent(key, k -> stages.byKey(workspaceId, k)).name(m.language());
        }

        List<List<String>> of(List<Lead> batch) {
            List<Long> ids = batch.stream().map(Lead::id).toList();
            Map<Long, List<LeadService.ExportedNote>> notes = leads.notesOf(workspaceId, ids);
            Map<Long, LeadService.StageChange> changes = leads.lastStageChanges(workspaceId, ids);
            List<List<String>> rows = new ArrayList<>(batch.size());
            for (Lead l : batch) {
                String owner = owners.computeIfAbsent(l.ownerId(), id -> members.findById(id).displayName());
                LeadService.StageChange change = changes.get(l.id());
                String lastChange = change == null ? ""
                        : stageName(change.from()) + " → " + stageName(change.to()) + ", " + WHEN.format(change.at().atZone(zone));
                String noteField = String.join("\n\n", notes.getOrDefault(l.id(), List.of()).stream()
                        .map(n -> "[" + WHEN.format(n.at().atZone(zone)) + " · " + n.author() + "] " + n.text()).toList());
                rows.add(List.of(String.valueOf(l.number()), safe(l.name()), safe(l.company()), safe(l.email()), safe(l.phone()),
                        safe(l.wechat()), safe(l.source()), stageName(l.stageKey()),
                        l.value() == null ? "" : l.value().stripTrailingZeros().toPlainString(),
                        l.nextFollowUp() == null ? "" : l.nextFollowUp().toString(), safe(owner), safe(l.lostReason()),
                        l.createdAt().toString(), l.updatedAt().toString(),
                        l.expectedClose() == null ? "" : l.expectedClose().toString(),
                        // members' emails are not known to Pacer (neither platform's profile gives one): left empty
                        "", safe(lastChange), safe(noteField)));
            }
            return rows;
        }
    }

    /** Rows of {@link #HEADER} for {@code export all}'s leads.csv, a batch of leads at a time. */
    Rows rows(long workspaceId, Messages m, ZoneId zone) {
        return new Rows(workspaceId, m, zone);
    }

    /** A cell a spreadsheet would evaluate (=, +, -, @, tab, CR first) gets a leading apostrophe. */
    public static String safe(String cell) {
        return app.pacer.core.section.ExportSection.inert(cell);
    }
}
