package app.pacer.reviews;

import app.pacer.core.section.ExportQueries;
import app.pacer.core.section.ExportSection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** The reviews' part of {@code export all}: every review and 1:1 with the self-assessment and the manager's part. */
@ApplicationScoped
public class ReviewsExportSection implements ExportSection {

    private final EntityManager em;

    public ReviewsExportSection(EntityManager em) {
        this.em = em;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public void write(Context context, Writer out) {
        ExportQueries.stream(em, """
                SELECT r.number, r.review_type, coalesce(rep.display_name, rep.platform_user_id),
                       coalesce(mgr.display_name, mgr.platform_user_id), r.due_on, r.period_start, r.period_end, r.state,
                       r.self_rating, r.self_went_well, r.self_to_improve, r.self_at, r.overall_rating, r.strengths,
                       r.to_improve, r.goals, r.completed_at
                FROM review r JOIN member rep ON rep.id = r.rep_id JOIN member mgr ON mgr.id = r.manager_id
                WHERE r.workspace_id = ?1 ORDER BY r.number""", context.workspaceId(),
                out.csv("reviews", "number", "type", "rep", "manager", "due_on", "period_start", "period_end", "state",
                        "self_rating", "self_went_well", "self_to_improve", "self_at", "overall_rating", "strengths",
                        "to_improve", "goals", "completed_at"));
    }
}
