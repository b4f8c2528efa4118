package app.pacer.reviews;

import app.pacer.core.section.MemberErasure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * {@code member erase}: a former member's self-assessments go; their reviews still to come are cancelled and
 * their review cycles stopped. Done reviews keep the manager's part and the frozen numbers.
 */
@ApplicationScoped
public class ReviewsMemberErasure implements MemberErasure {

    private final EntityManager em;

    public ReviewsMemberErasure(EntityManager em) {
        this.em = em;
    }

    @Override
    public void erase(Erased member) {
        em.createNativeQuery("""
                UPDATE review SET self_rating = NULL, self_went_well = NULL, self_to_improve = NULL, self_at = NULL,
                    state = CASE WHEN state = 'SCHEDULED' THEN 'CANCELLED' ELSE state END
                WHERE workspace_id = ?1 AND rep_id = ?2""")
                .setParameter(1, member.workspaceId()).setParameter(2, member.memberId()).executeUpdate();
        em.createNativeQuery("UPDATE review_cycle SET stopped_at = ?3 WHERE workspace_id = ?1 AND rep_id = ?2 AND stopped_at IS NULL")
                .setParameter(1, member.workspaceId()).setParameter(2, member.memberId())
                .setParameter(3, OffsetDateTime.ofInstant(member.now(), ZoneOffset.UTC)).executeUpdate();
    }
}
