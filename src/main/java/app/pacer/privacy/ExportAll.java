package app.pacer.privacy;

import app.pacer.core.audit.AuditAction;
import app.pacer.core.audit.AuditLog;
import app.pacer.core.command.CommandProvider;
import app.pacer.core.command.CommandSpec;
import app.pacer.core.command.Invocation;
import app.pacer.core.org.Member;
import app.pacer.core.org.Role;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.core.section.ExportSection;
import app.pacer.leads.Downloads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.ByteArrayOutputStream;
import java.util.Comparator;
import java.util.List;

/**
 * {@code export all} (admins): everything of the workspace as one ZIP, delivered like {@code lead export} (Slack:
 * an upload into the DM; Teams: a one-day link). Each feature writes its own files ({@link ExportSection}); this
 * only assembles them, so a new feature's data joins the export without an edit here.
 */
@ApplicationScoped
public class ExportAll implements CommandProvider {

    private final List<ExportSection> sections;
    private final Downloads downloads;
    private final AuditLog audit;

    public ExportAll(Instance<ExportSection> sections, Downloads downloads, AuditLog audit) {
        this.sections = sections.stream().sorted(Comparator.comparingInt(ExportSection::order)).toList();
        this.downloads = downloads;
        this.audit = audit;
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.command("export", "export", "导出").role(Role.ADMIN).handler(this::export),
                CommandSpec.command("export.all", "all", "全部").role(Role.ADMIN).handler(this::export));
    }

    private Reply export(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        ExportSection.Context context = new ExportSection.Context(actor.workspaceId(), m.language(), actor.zone(),
                invocation.now());
        // compressed as it is written: the ZIP is what stays in memory, a fraction of the rows' size
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int files;
        try (ZipExport zip = new ZipExport(bytes)) {
            for (ExportSection section : sections) {
                section.write(context, zip);
            }
            files = zip.files();
        }
        byte[] content = bytes.toByteArray();
        String filename = "pacer-export-" + invocation.today() + ".zip";
        String link = downloads.offer(actor, filename, content, invocation.now());
        audit.record(actor, AuditAction.EXPORT_ALL, "all data", files + " files", invocation.now());
        return new Reply.File(filename, "application/zip", content, Reply.text("📦 " + m.get("export.all.ready", files)), link);
    }
}
