package app.pacer.leads;

import app.pacer.config.PacerConfig;
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
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code lead export [stage] [mine|team]}: the leads as CSV that Excel opens correctly (UTF-8 with BOM, RFC 4180
 * quoting), with cells that spreadsheets would run as formulas made inert.
 */
@ApplicationScoped
public class LeadExport implements CommandProvider {

    static final Duration LINK_LIFETIME = Duration.ofHours(24);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager em;
    private final Stages stages;
    private final MemberRepository members;
    private final PacerConfig config;
    private final java.time.Clock clock;

    public LeadExport(EntityManager em, Stages stages, MemberRepository members, PacerConfig config, java.time.Clock clock) {
        this.em = em;
        this.stages = stages;
        this.members = members;
        this.config = config;
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
        List<Lead> leads = query.getResultList();
        byte[] csv = csv(leads, actor.workspaceId(), m);
        String filename = "pacer-leads-" + invocation.today() + ".csv";
        String token = HexFormat.of().formatHex(bytes());
        em.createNativeQuery("""
                INSERT INTO export_file (token, workspace_id, member_id, filename, content, expires_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, token).setParameter(2, actor.workspaceId()).setParameter(3, actor.id())
                .setParameter(4, filename).setParameter(5, csv)
                .setParameter(6, OffsetDateTime.ofInstant(invocation.now().plus(LINK_LIFETIME), ZoneOffset.UTC)).executeUpdate();
        String summary = m.get("export.ready", leads.size());
        return new Reply.File(filename, "text/csv; charset=utf-8", csv, Reply.text("📎 " + summary),
                config.publicUrl() + "/exports/" + token);
    }

    /** Expired export files go. */
    @io.quarkus.scheduler.Scheduled(every = "1h", delayed = "20m",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    @jakarta.transaction.Transactional
    void purgeExpired() {
        em.createNativeQuery("DELETE FROM export_file WHERE expires_at < ?1")
                .setParameter(1, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).executeUpdate();
    }

    private static byte[] bytes() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return b;
    }

    byte[] csv(List<Lead> leads, Long workspaceId, Messages m) {
        Map<Long, String> owners = new HashMap<>();
        Map<String, Stage> byKey = new HashMap<>();
        stages.of(workspaceId).forEach(s -> byKey.put(s.key(), s));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}); // BOM: Excel then reads UTF-8 (Chinese)
            try (CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.RFC4180)) {
                printer.printRecord("number", "name", "company", "email", "phone", "wechat", "source", "stage", "value",
                        "next_follow_up", "owner", "lost_reason", "created_at", "updated_at");
                for (Lead l : leads) {
                    String owner = owners.computeIfAbsent(l.ownerId(), id -> members.findById(id).displayName());
                    printer.printRecord(l.number(), safe(l.name()), safe(l.company()), safe(l.email()), safe(l.phone()),
                            safe(l.wechat()), safe(l.source()),
                            byKey.getOrDefault(l.stageKey(), stages.byKey(workspaceId, l.stageKey())).name(m.language()),
                            l.value() == null ? "" : l.value().stripTrailingZeros().toPlainString(),
                            l.nextFollowUp() == null ? "" : l.nextFollowUp().toString(), safe(owner), safe(l.lostReason()),
                            l.createdAt().toString(), l.updatedAt().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A cell a spreadsheet would evaluate (=, +, -, @, tab, CR first) gets a leading apostrophe. */
    public static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell : cell;
    }
}
