package app.pacer.delivery;

import app.pacer.core.section.MemberErasure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** {@code member erase}: messages still waiting to go to a former member are not sent. */
@ApplicationScoped
public class OutboxMemberErasure implements MemberErasure {

    private final EntityManager em;

    public OutboxMemberErasure(EntityManager em) {
        this.em = em;
    }

    @Override
    public void erase(Erased member) {
        em.createNativeQuery("DELETE FROM outbox WHERE workspace_id = ?1 AND member_id = ?2 AND state = 'PENDING'")
                .setParameter(1, member.workspaceId()).setParameter(2, member.memberId()).executeUpdate();
    }
}
