package app.pacer.core.audit;

import app.pacer.core.section.ExportQueries;
import app.pacer.core.section.ExportSection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** The audit log in {@code export all} (the {@code audit} command shows the latest entries only). */
@ApplicationScoped
public class AuditExportSection implements ExportSection {

    private final EntityManager em;

    public AuditExportSection(EntityManager em) {
        this.em = em;
    }

    @Override
    public int order() {
        return 90;
    }

    @Override
    public void write(Context context, Writer out) {
        ExportQueries.stream(em, """
                SELECT a.at, coalesce(m.display_name, m.platform_user_id), a.action, a.subject, a.detail
                FROM audit_event a LEFT JOIN member m ON m.id = a.actor_id
                WHERE a.workspace_id = ?1 ORDER BY a.at, a.id""", context.workspaceId(),
                out.csv("audit", "at", "who", "action", "subject", "detail"));
    }
}
