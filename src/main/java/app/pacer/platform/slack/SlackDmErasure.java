package app.pacer.platform.slack;

import app.pacer.core.section.MemberErasure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** {@code member erase}: the direct-message channel Pacer kept for a former member goes. */
@ApplicationScoped
public class SlackDmErasure implements MemberErasure {

    private final EntityManager em;

    public SlackDmErasure(EntityManager em) {
        this.em = em;
    }

    @Override
    public void erase(Erased member) {
        em.createNativeQuery("DELETE FROM slack_dm WHERE workspace_id = ?1 AND user_id = ?2")
                .setParameter(1, member.workspaceId()).setParameter(2, member.platformUserId()).executeUpdate();
    }
}
