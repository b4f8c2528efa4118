package app.pacer.leads;

import app.pacer.core.section.ReviewSnapshotSection;
import app.pacer.core.section.ReviewSnapshot;
import app.pacer.core.org.Member;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The rep's pipeline in the period: leads added, won and lost (by the day they moved there, counted only if
 * they are still there), the win rate, and the follow-ups overdue when the snapshot is taken.
 */
@ApplicationScoped
public class PipelineSnapshot implements ReviewSnapshotSection {

    private final EntityManager em;

    public PipelineSnapshot(EntityManager em) {
        this.em = em;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Optional<ReviewSnapshot.Section> compute(Member rep, LocalDate from, LocalDate to, LocalDate today) {
        OffsetDateTime start = from.atStartOfDay(rep.zone()).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime end = to.plusDays(1).atStartOfDay(rep.zone()).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        long added = count("""
                SELECT count(*) FROM lead WHERE workspace_id = ?1 AND owner_id = ?2 AND created_at >= ?3 AND created_at < ?4""",
                rep, start, end);
        long won = closed(rep, "won", start, end);
        long lost = closed(rep, "lost", start, end);
        long overdue = ((Number) em.createNativeQuery("""
                SELECT count(*) FROM lead WHERE workspace_id = ?1 AND owner_id = ?2 AND next_follow_up < ?3
                AND stage_key NOT IN ('won', 'lost')""")
                .setParameter(1, rep.workspaceId()).setParameter(2, rep.id()).setParameter(3, today).getSingleResult()).longValue();
        if (added + won + lost + overdue == 0) {
            return Optional.empty();
        }
        String winRate = won + lost == 0 ? "—" : Math.round(100.0 * won / (won + lost)) + "%";
        return Optional.of(new ReviewSnapshot.Section("pipeline", ReviewSnapshot.text(m -> m.get("review.snapshot.pipeline")),
                List.of(fact("leads_added", "review.snapshot.leads_added", String.valueOf(added)),
                        fact("leads_won", "review.snapshot.leads_won", String.valueOf(won)),
                        fact("leads_lost", "review.snapshot.leads_lost", String.valueOf(lost)),
                        fact("win_rate", "review.snapshot.win_rate", winRate),
                        fact("followups_overdue", "review.snapshot.followups_overdue", String.valueOf(overdue)))));
    }

    private static ReviewSnapshot.Fact fact(String id, String labelKey, String value) {
        return new ReviewSnapshot.Fact(id, ReviewSnapshot.text(m -> m.get(labelKey)), ReviewSnapshot.text(m -> value), null, null);
    }

    /**
     * Leads still in {@code stage} that moved there within the period, or were created there in it and never
     * moved since.
     */
    private long closed(Member rep, String stage, OffsetDateTime start, OffsetDateTime end) {
        return ((Number) em.createNativeQuery("""
                SELECT count(*) FROM lead l
                WHERE l.workspace_id = ?1 AND l.owner_id = ?2 AND l.stage_key = ?5
                AND (EXISTS (SELECT 1 FROM lead_stage_change c WHERE c.lead_id = l.id AND c.from_stage IS NOT NULL
                             AND c.to_stage = ?5 AND c.at >= ?3 AND c.at < ?4)
                     OR (l.created_at >= ?3 AND l.created_at < ?4
                         AND NOT EXISTS (SELECT 1 FROM lead_stage_change c WHERE c.lead_id = l.id AND c.from_stage IS NOT NULL)))""")
                .setParameter(1, rep.workspaceId()).setParameter(2, rep.id()).setParameter(3, start).setParameter(4, end)
                .setParameter(5, stage).getSingleResult()).longValue();
    }

    private long count(String sql, Member rep, OffsetDateTime start, OffsetDateTime end) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, rep.workspaceId()).setParameter(2, rep.id())
                .setParameter(3, start).setParameter(4, end).getSingleResult()).longValue();
    }
}
