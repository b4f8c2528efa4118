package app.pacer.core.audit;

import app.pacer.core.command.CommandProvider;
import app.pacer.core.command.CommandSpec;
import app.pacer.core.command.Invocation;
import app.pacer.core.org.Role;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** {@code audit} (admins): who imported, undid, exported or erased what in the last year, newest first. */
@ApplicationScoped
public class AuditCommands implements CommandProvider {

    /** Entries shown; the rest are in {@code export all}. */
    static final int SHOWN = 50;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final AuditLog log;

    public AuditCommands(AuditLog log) {
        this.log = log;
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(CommandSpec.command("audit", "audit", "审计").role(Role.ADMIN).handler(this::audit));
    }

    private Reply audit(Invocation invocation) {
        Messages m = invocation.messages();
        List<AuditLog.Entry> entries = log.entries(invocation.member().workspaceId(),
                invocation.now().minus(AuditLog.KEPT), SHOWN);
        if (entries.isEmpty()) {
            return Reply.text(m.get("audit.none"));
        }
        List<String> lines = entries.stream().map(e -> WHEN.format(e.at().atZone(invocation.member().zone())) + " · "
                + (e.actor() == null ? m.get("audit.former_member") : e.actor()) + " · "
                + m.get("audit.action." + e.action().name().toLowerCase(java.util.Locale.ROOT)) + " " + e.subject()
                + (e.detail() == null ? "" : " — " + e.detail())).toList();
        return Reply.message(m.get("audit.title"), List.of(new Block.Header(m.get("audit.title")), new Block.Bullets(lines),
                new Block.Context(m.get("audit.hint", SHOWN))));
    }
}
