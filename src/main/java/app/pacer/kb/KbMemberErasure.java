package app.pacer.kb;

import app.pacer.core.section.MemberErasure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * {@code member erase}: a former member's votes and reminders go (the articles' helpful counts stay) and their
 * unanswered questions no longer name them; articles they wrote stay, by the former member.
 */
@ApplicationScoped
public class KbMemberErasure implements MemberErasure {

    private final EntityManager em;

    public KbMemberErasure(EntityManager em) {
        this.em = em;
    }

    @Override
    public void erase(Erased member) {
        em.createNativeQuery("DELETE FROM kb_vote WHERE member_id = ?2 AND article_id IN (SELECT id FROM kb_article WHERE workspace_id = ?1)")
                .setParameter(1, member.workspaceId()).setParameter(2, member.memberId()).executeUpdate();
        em.createNativeQuery("DELETE FROM kb_reminder WHERE member_id = ?1").setParameter(1, member.memberId()).executeUpdate();
        em.createNativeQuery("UPDATE kb_miss SET member_id = NULL WHERE workspace_id = ?1 AND member_id = ?2")
                .setParameter(1, member.workspaceId()).setParameter(2, member.memberId()).executeUpdate();
    }
}
