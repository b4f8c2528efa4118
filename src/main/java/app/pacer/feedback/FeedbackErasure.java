package app.pacer.feedback;

import app.pacer.leads.LeadErasure;
import app.pacer.leads.LeadRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;

/**
 * {@code lead erase}: the customer's comments go, their scores stay (the team's CSAT/NPS does not change); links
 * not yet answered go too, so nothing new about the customer arrives after the erasure.
 */
@ApplicationScoped
public class FeedbackErasure implements LeadErasure {

    private final EntityManager em;

    public FeedbackErasure(EntityManager em) {
        this.em = em;
    }

    @Override
    public void erase(LeadRef lead, Instant now) {
        em.createNativeQuery("UPDATE feedback SET comment = NULL WHERE workspace_id = ?1 AND lead_id = ?2")
                .setParameter(1, lead.workspaceId()).setParameter(2, lead.id()).executeUpdate();
        em.createNativeQuery("DELETE FROM feedback_link WHERE workspace_id = ?1 AND lead_id = ?2 AND used_at IS NULL")
                .setParameter(1, lead.workspaceId()).setParameter(2, lead.id()).executeUpdate();
    }
}
