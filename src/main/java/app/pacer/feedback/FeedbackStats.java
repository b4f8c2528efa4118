package app.pacer.feedback;

import app.pacer.leads.LeadRef;
import app.pacer.leads.LeadService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Averages over a time range: CSAT mean and NPS (promoters − detractors, in points), for one owner or all. */
@ApplicationScoped
public class FeedbackStats {

    private final EntityManager em;
    private final LeadService leads;

    public FeedbackStats(EntityManager em, LeadService leads) {
        this.em = em;
        this.leads = leads;
    }

    /**
     * @param csat average CSAT, null without CSAT answers
     * @param nps  promoters % − detractors %, null without NPS answers
     */
    public record Summary(BigDecimal csat, int csatCount, Integer nps, int npsCount) {
        public int responses() {
            return csatCount + npsCount;
        }
    }

    /** {@code ownerId} null: the whole workspace. */
    public Summary summary(long workspaceId, Long ownerId, Instant from, Instant to) {
        Object[] row = (Object[]) em.createNativeQuery("""
                SELECT avg(score) FILTER (WHERE kind = 'CSAT'), count(*) FILTER (WHERE kind = 'CSAT'),
                       count(*) FILTER (WHERE kind = 'NPS' AND score >= 9), count(*) FILTER (WHERE kind = 'NPS' AND score <= 6),
                       count(*) FILTER (WHERE kind = 'NPS')
                FROM feedback WHERE workspace_id = ?1 AND (CAST(?2 AS BIGINT) IS NULL OR owner_id = CAST(?2 AS BIGINT))
                AND created_at >= ?3 AND created_at < ?4""")
                .setParameter(1, workspaceId).setParameter(2, ownerId)
                .setParameter(3, FeedbackService.utc(from)).setParameter(4, FeedbackService.utc(to)).getSingleResult();
        BigDecimal csat = row[0] == null ? null : new BigDecimal(row[0].toString()).setScale(1, RoundingMode.HALF_UP);
        int npsCount = ((Number) row[4]).intValue();
        Integer nps = npsCount == 0 ? null
                : (int) Math.round(100.0 * (((Number) row[2]).intValue() - ((Number) row[3]).intValue()) / npsCount);
        return new Summary(csat, ((Number) row[1]).intValue(), nps, npsCount);
    }

    /** An answer with a comment, and the lead it is about. */
    public record Low(LeadRef lead, FeedbackKind kind, int score, String comment) {
    }

    /** The lowest-scored answers with a comment, lowest first. */
    public List<Low> lowest(long workspaceId, Long ownerId, Instant from, Instant to, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT f.lead_id, f.kind, f.score, f.comment FROM feedback f
                WHERE f.workspace_id = ?1 AND (CAST(?2 AS BIGINT) IS NULL OR f.owner_id = CAST(?2 AS BIGINT))
                AND f.created_at >= ?3 AND f.created_at < ?4 AND f.comment IS NOT NULL
                ORDER BY CASE f.kind WHEN 'CSAT' THEN (f.score - 1) / 4.0 ELSE f.score / 10.0 END, f.created_at DESC
                LIMIT ?5""")
                .setParameter(1, workspaceId).setParameter(2, ownerId).setParameter(3, FeedbackService.utc(from))
                .setParameter(4, FeedbackService.utc(to)).setParameter(5, limit).getResultList();
        Map<Long, LeadRef> leads = this.leads.refs(workspaceId, rows.stream().map(r -> ((Number) r[0]).longValue()).toList());
        return rows.stream().filter(r -> leads.containsKey(((Number) r[0]).longValue()))
                .map(r -> new Low(leads.get(((Number) r[0]).longValue()), FeedbackKind.valueOf((String) r[1]),
                        ((Number) r[2]).intValue(), (String) r[3])).toList();
    }
}
