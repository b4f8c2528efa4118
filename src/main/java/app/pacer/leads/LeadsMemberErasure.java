package app.pacer.leads;

import app.pacer.core.section.MemberErasure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * {@code member erase}: the leads of a member who left go to their successor (each lead's history says so); the
 * notes they wrote and the stage changes they made stay, attributed to the former member.
 */
@ApplicationScoped
public class LeadsMemberErasure implements MemberErasure {

    private final EntityManager em;

    public LeadsMemberErasure(EntityManager em) {
        this.em = em;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public long toHandOver(long workspaceId, long memberId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM lead WHERE workspace_id = ?1 AND owner_id = ?2")
                .setParameter(1, workspaceId).setParameter(2, memberId).getSingleResult()).longValue();
    }

    @Override
    public void erase(Erased member) {
        if (member.successorId() == null) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(member.now(), ZoneOffset.UTC);
        em.createNativeQuery("""
                INSERT INTO lead_event (workspace_id, lead_id, actor_id, at, what)
                SELECT l.workspace_id, l.id, ?3, ?4, 'owner: ' || coalesce(s.display_name, s.platform_user_id)
                FROM lead l JOIN member s ON s.id = ?5 WHERE l.workspace_id = ?1 AND l.owner_id = ?2""")
                .setParameter(1, member.workspaceId()).setParameter(2, member.memberId()).setParameter(3, member.actorId())
                .setParameter(4, now).setParameter(5, member.successorId()).executeUpdate();
        em.createNativeQuery("UPDATE lead SET owner_id = ?3, updated_at = ?4 WHERE workspace_id = ?1 AND owner_id = ?2")
                .setParameter(1, member.workspaceId()).setParameter(2, member.memberId()).setParameter(3, member.successorId())
                .setParameter(4, now).executeUpdate();
    }
}
