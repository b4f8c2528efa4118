package app.pacer.platform.teams;

import app.pacer.core.section.MemberErasure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** {@code member erase}: the personal conversation references Pacer kept for a former member go. */
@ApplicationScoped
public class TeamsConversationErasure implements MemberErasure {

    private final EntityManager em;

    public TeamsConversationErasure(EntityManager em) {
        this.em = em;
    }

    @Override
    public void erase(Erased member) {
        em.createNativeQuery("DELETE FROM teams_conversation WHERE workspace_id = ?1 AND member_id = ?2")
                .setParameter(1, member.workspaceId()).setParameter(2, member.memberId()).executeUpdate();
    }
}
