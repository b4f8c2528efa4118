package app.pacer.core.org;

import app.pacer.core.section.ExportQueries;
import app.pacer.core.section.ExportSection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** The workspace's members in {@code export all}: who the names in the other files are, their roles and managers. */
@ApplicationScoped
public class MembersExportSection implements ExportSection {

    private final EntityManager em;

    public MembersExportSection(EntityManager em) {
        this.em = em;
    }

    @Override
    public int order() {
        return 0;
    }

    @Override
    public void write(Context context, Writer out) {
        ExportQueries.stream(em, """
                SELECT m.id, coalesce(m.display_name, m.platform_user_id), m.role,
                       coalesce(g.display_name, g.platform_user_id), m.created_at
                FROM member m LEFT JOIN member g ON g.id = m.manager_id
                WHERE m.workspace_id = ?1 ORDER BY m.id""", context.workspaceId(),
                out.csv("members", "id", "name", "role", "manager", "joined_at"));
    }
}
