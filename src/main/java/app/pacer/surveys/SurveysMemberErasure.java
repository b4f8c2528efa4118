package app.pacer.surveys;

import app.pacer.core.section.MemberErasure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * {@code member erase}: a former member's invitations, participations and audience places go; answers they gave
 * to a named survey stay in the results without their name (anonymous answers never carried one).
 */
@ApplicationScoped
public class SurveysMemberErasure implements MemberErasure {

    private final EntityManager em;

    public SurveysMemberErasure(EntityManager em) {
        this.em = em;
    }

    @Override
    public void erase(Erased member) {
        // these rows carry no workspace: scoped through the run or survey, which do
        for (String sql : new String[] {
                "DELETE FROM survey_invitation WHERE member_id = ?2 AND run_id IN (SELECT id FROM survey_run WHERE workspace_id = ?1)",
                "DELETE FROM survey_participation WHERE member_id = ?2 AND run_id IN (SELECT id FROM survey_run WHERE workspace_id = ?1)",
                "UPDATE survey_answer SET member_id = NULL WHERE member_id = ?2 AND run_id IN (SELECT id FROM survey_run WHERE workspace_id = ?1)",
                "DELETE FROM survey_audience WHERE member_id = ?2 AND survey_id IN (SELECT id FROM survey WHERE workspace_id = ?1)"}) {
            em.createNativeQuery(sql).setParameter(1, member.workspaceId()).setParameter(2, member.memberId()).executeUpdate();
        }
    }
}
