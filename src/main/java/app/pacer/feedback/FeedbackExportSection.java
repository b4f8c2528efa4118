package app.pacer.feedback;

import app.pacer.core.section.ExportSection;
import app.pacer.leads.LeadRef;
import app.pacer.leads.LeadService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Customer feedback's part of {@code export all}: every score and comment, with its lead's number. */
@ApplicationScoped
public class FeedbackExportSection implements ExportSection {

    private static final int BATCH = 500;

    private final EntityManager em;
    private final LeadService leads;

    public FeedbackExportSection(EntityManager em, LeadService leads) {
        this.em = em;
        this.leads = leads;
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public void write(Context context, Writer out) {
        Csv csv = out.csv("feedback", "lead", "kind", "score", "comment", "source", "owner", "recorded_by", "at");
        @SuppressWarnings("unchecked")
        Stream<Object[]> rows = em.createNativeQuery("""
                SELECT f.lead_id, f.kind, f.score, f.comment, f.source, coalesce(o.display_name, o.platform_user_id),
                       coalesce(r.display_name, r.platform_user_id), f.created_at
                FROM feedback f JOIN member o ON o.id = f.owner_id LEFT JOIN member r ON r.id = f.recorded_by
                WHERE f.workspace_id = ?1 ORDER BY f.created_at, f.id""").setParameter(1, context.workspaceId())
                .setHint("org.hibernate.fetchSize", BATCH).getResultStream();
        // the leads' numbers are the leads' to tell: asked for a batch of rows at a time
        List<Object[]> batch = new java.util.ArrayList<>(BATCH);
        try (rows) {
            rows.forEach(r -> {
                batch.add(r);
                if (batch.size() == BATCH) {
                    flush(context.workspaceId(), batch, csv);
                }
            });
        }
        flush(context.workspaceId(), batch, csv);
    }

    private void flush(long workspaceId, List<Object[]> batch, Csv csv) {
        Map<Long, LeadRef> refs = new HashMap<>(leads.refs(workspaceId,
                batch.stream().map(r -> ((Number) r[0]).longValue()).distinct().toList()));
        for (Object[] r : batch) {
            LeadRef lead = refs.get(((Number) r[0]).longValue());
            Object[] cells = r.clone();
            cells[0] = lead == null ? null : "#" + lead.number();
            csv.row(cells);
        }
        batch.clear();
    }
}
