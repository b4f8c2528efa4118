package app.pacer.digest;

import app.pacer.core.section.MemberErasure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** {@code member erase}: a former member's standup answers go. */
@ApplicationScoped
public class StandupMemberErasure implements MemberErasure {

    private final EntityManager em;

    public StandupMemberErasure(EntityManager em) {
        this.em = em;
    }

    @Override
    public void erase(Erased member) {
        em.createNativeQuery("DELETE FROM standup_answer WHERE workspace_id = ?1 AND member_id = ?2")
                .setParameter(1, member.workspaceId()).setParameter(2, member.memberId()).executeUpdate();
    }
}
