package app.pacer.leads;

import app.pacer.core.reply.Messages;
import app.pacer.core.section.ExportQueries;
import app.pacer.core.section.ExportSection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * The leads' part of {@code export all}: leads.csv (the columns of {@code lead export}, every lead of the
 * workspace), notes.csv and stage_changes.csv, read a batch at a time.
 */
@ApplicationScoped
public class LeadsExportSection implements ExportSection {

    private final EntityManager em;
    private final LeadExport export;

    public LeadsExportSection(EntityManager em, LeadExport export) {
        this.em = em;
        this.export = export;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void write(Context context, Writer out) {
        long ws = context.workspaceId();
        Csv leads = out.csv("leads", LeadExport.HEADER.toArray(String[]::new));
        LeadExport.Rows rows = export.rows(ws, Messages.of(context.language()), context.zone());
        int after = 0;
        while (true) {
            List<Lead> batch = em.createQuery("from Lead where workspaceId = ?1 and number > ?2 order by number", Lead.class)
                    .setParameter(1, ws).setParameter(2, after).setMaxResults(LeadExport.BATCH).getResultList();
            if (batch.isEmpty()) {
                break;
            }
            // the cells are already formula-safe strings
            rows.of(batch).forEach(row -> leads.row(row.toArray()));
            after = batch.get(batch.size() - 1).number();
            em.flush();
            batch.forEach(em::detach); // a large workspace: the leads written need not stay in the session
        }
        Csv notes = out.csv("notes", "lead", "at", "author", "text");
        ExportQueries.stream(em, """
                SELECT l.number, n.created_at, coalesce(m.display_name, m.platform_user_id), n.text FROM lead_note n
                JOIN lead l ON l.id = n.lead_id JOIN member m ON m.id = n.author_id
                WHERE n.workspace_id = ?1 ORDER BY l.number, n.created_at, n.id""", ws, notes);
        Csv changes = out.csv("stage_changes", "lead", "from_stage", "to_stage", "at", "by", "reason");
        ExportQueries.stream(em, """
                SELECT l.number, c.from_stage, c.to_stage, c.at, coalesce(m.display_name, m.platform_user_id), c.reason
                FROM lead_stage_change c JOIN lead l ON l.id = c.lead_id JOIN member m ON m.id = c.actor_id
                WHERE c.workspace_id = ?1 ORDER BY l.number, c.at, c.id""", ws, changes);
    }
}
