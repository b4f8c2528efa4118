package app.pacer.imports;

import app.pacer.config.PacerConfig;
import app.pacer.core.audit.AuditAction;
import app.pacer.core.audit.AuditLog;
import app.pacer.core.command.ArgError;
import app.pacer.core.command.ArgSpec;
import app.pacer.core.command.ArgTypes;
import app.pacer.core.command.CommandProvider;
import app.pacer.core.command.CommandSpec;
import app.pacer.core.command.Invocation;
import app.pacer.core.org.Member;
import app.pacer.core.org.Role;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Button;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.leads.LeadImports;
import app.pacer.leads.LeadSnapshot;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code lead import}: a private one-hour link to the import page; {@code lead import undo <id>}: takes a whole
 * import back within 7 days (added leads removed, updated ones restored from their before-images).
 */
@ApplicationScoped
public class ImportCommands implements CommandProvider {

    private final Imports imports;
    private final LeadImports leads;
    private final EntityManager em;
    private final AuditLog audit;
    private final PacerConfig config;

    public ImportCommands(Imports imports, LeadImports leads, EntityManager em, AuditLog audit, PacerConfig config) {
        this.imports = imports;
        this.leads = leads;
        this.em = em;
        this.audit = audit;
        this.config = config;
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.command("lead.import", "import", "导入").handler(this::link),
                CommandSpec.command("lead.import.undo", "undo", "撤销")
                        .arg(ArgSpec.required("import", ArgTypes.reference("arg.import", "error.import.not_found")))
                        .handler(this::undo));
    }

    private Reply link(Invocation invocation) {
        Messages m = invocation.messages();
        String token = imports.open(invocation.member(), invocation.now());
        String url = config.publicUrl() + "/imports/" + token;
        String text = m.get("import.link", url);
        return Reply.message(text, List.of(new Block.Text("📥 " + text),
                new Block.Actions(List.of(Button.link(m.get("import.link.button"), url)))));
    }

    private Reply undo(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        int id = invocation.required("import", Integer.class);
        Imports.Job job = imports.byId(id).filter(j -> j.workspaceId() == actor.workspaceId())
                .orElseThrow(() -> new ArgError("error.import.not_found", "#" + id));
        if (job.memberId() != actor.id() && !actor.role().atLeast(Role.ADMIN)) {
            throw new ArgError("error.import.not_yours", "#" + id);
        }
        if (job.state() == Imports.State.UNDONE) {
            throw new ArgError("error.import.already_undone", "#" + id);
        }
        if (job.state() != Imports.State.DONE) {
            throw new ArgError("error.import.not_finished", "#" + id);
        }
        if (job.finishedAt().plus(Imports.UNDO_WINDOW).isBefore(invocation.now())) {
            throw new ArgError("error.import.too_old", "#" + id);
        }
        // lock the import: a second undo at the same moment waits, then finds it undone
        if (em.createNativeQuery("SELECT 1 FROM lead_import WHERE id = ?1 AND state = 'DONE' FOR UPDATE")
                .setParameter(1, job.id()).getResultList().isEmpty()) {
            throw new ArgError("error.import.already_undone", "#" + id);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> changes = em.createNativeQuery(
                "SELECT lead_id, kind, before_image FROM lead_import_change WHERE import_id = ?1 ORDER BY lead_id")
                .setParameter(1, job.id()).getResultList();
        List<Long> added = new ArrayList<>();
        int restored = 0;
        for (Object[] change : changes) {
            if ("ADDED".equals(change[1])) {
                added.add(((Number) change[0]).longValue());
            } else {
                LeadSnapshot before = Imports.read((String) change[2], new TypeReference<LeadSnapshot>() { });
                leads.restore(job.workspaceId(), before, actor, invocation.now());
                restored++;
            }
        }
        int removed = leads.removeAll(job.workspaceId(), added, invocation.now());
        em.createNativeQuery("UPDATE lead_import SET state = 'UNDONE', undone_at = ?2 WHERE id = ?1")
                .setParameter(1, job.id()).setParameter(2, Imports.utc(invocation.now())).executeUpdate();
        audit.record(actor, AuditAction.IMPORT_UNDO, "import #" + job.id(), "removed " + removed + ", restored " + restored,
                invocation.now());
        return Reply.text("↩️ " + m.get("import.undone", "#" + job.id(), removed, restored));
    }
}
