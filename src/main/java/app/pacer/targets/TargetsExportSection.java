package app.pacer.targets;

import app.pacer.core.section.ExportQueries;
import app.pacer.core.section.ExportSection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** The targets' part of {@code export all}: metrics, targets and every log entry (taken-back ones marked). */
@ApplicationScoped
public class TargetsExportSection implements ExportSection {

    private final EntityManager em;

    public TargetsExportSection(EntityManager em) {
        this.em = em;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public void write(Context context, Writer out) {
        long ws = context.workspaceId();
        ExportQueries.stream(em, """
                SELECT metric_key, name_en, name_zh, unit, archived FROM metric WHERE workspace_id = ?1 ORDER BY metric_key""",
                ws, out.csv("metrics", "metric", "name_en", "name_zh", "unit", "archived"));
        ExportQueries.stream(em, """
                SELECT t.metric_key, t.period, t.period_start, coalesce(m.display_name, m.platform_user_id), t.amount,
                       coalesce(s.display_name, s.platform_user_id), t.created_at, t.superseded_at
                FROM target t LEFT JOIN member m ON m.id = t.member_id JOIN member s ON s.id = t.set_by
                WHERE t.workspace_id = ?1 ORDER BY t.created_at, t.id""",
                ws, out.csv("targets", "metric", "period", "period_start", "member", "amount", "set_by", "created_at",
                        "superseded_at"));
        ExportQueries.stream(em, """
                SELECT e.id, coalesce(m.display_name, m.platform_user_id), e.metric_key, e.amount, e.local_date, e.note,
                       coalesce(b.display_name, b.platform_user_id), e.created_at, e.undone_at
                FROM log_entry e JOIN member m ON m.id = e.member_id JOIN member b ON b.id = e.logged_by
                WHERE e.workspace_id = ?1 ORDER BY e.local_date, e.id""",
                ws, out.csv("log_entries", "id", "member", "metric", "amount", "day", "note", "logged_by", "created_at",
                        "undone_at"));
    }
}
