package app.pacer.targets;

import app.pacer.core.reply.Markdown;
import app.pacer.core.section.ReviewSnapshotSection;
import app.pacer.core.section.ReviewSnapshot;
import app.pacer.core.org.Member;
import app.pacer.core.org.WorkspaceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each metric's target against what the rep did in the period. The targets counted are the rep's own whose
 * periods lie inside the review period, of the longest kind there (a month's review counts the monthly target,
 * not the weekly ones inside it as well). Metrics without such a target show their total only.
 */
@ApplicationScoped
public class TargetsSnapshot implements ReviewSnapshotSection {

    private final EntityManager em;
    private final Metrics metrics;
    private final ProgressService progress;
    private final WorkspaceRepository workspaces;

    public TargetsSnapshot(EntityManager em, Metrics metrics, ProgressService progress, WorkspaceRepository workspaces) {
        this.em = em;
        this.metrics = metrics;
        this.progress = progress;
        this.workspaces = workspaces;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Optional<ReviewSnapshot.Section> compute(Member rep, LocalDate from, LocalDate to, LocalDate today) {
        Map<String, BigDecimal> targets = targets(rep, from, to);
        Map<String, BigDecimal> done = totals(rep, from, to);
        String currency = workspaces.findById(rep.workspaceId()).currency();
        List<ReviewSnapshot.Fact> facts = new ArrayList<>();
        for (Metric metric : metrics.active(rep.workspaceId())) {
            BigDecimal target = targets.get(metric.key());
            BigDecimal actual = done.getOrDefault(metric.key(), BigDecimal.ZERO);
            if (target == null && actual.signum() == 0) {
                continue;
            }
            Integer percent = target == null ? null
                    : actual.multiply(BigDecimal.valueOf(100)).divide(target, 0, RoundingMode.DOWN).intValue();
            facts.add(new ReviewSnapshot.Fact(metric.key(), ReviewSnapshot.text(m -> metric.name(m.language())),
                    ReviewSnapshot.text(m -> Markdown.plain(target == null // frozen as plain text
                            ? Amounts.format(actual, metric, m.language(), currency)
                            : m.get("review.snapshot.of_target", Amounts.format(actual, metric, m.language(), currency),
                                    Amounts.format(target, metric, m.language(), currency)))),
                    target, percent));
        }
        return Optional.of(new ReviewSnapshot.Section("targets", ReviewSnapshot.text(m -> m.get("review.snapshot.targets")),
                facts));
    }

    private Map<String, BigDecimal> targets(Member rep, LocalDate from, LocalDate to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT metric_key, period, period_start, amount FROM target
                WHERE workspace_id = ?1 AND member_id = ?2 AND superseded_at IS NULL AND period_start >= ?3 AND period_start <= ?4""")
                .setParameter(1, rep.workspaceId()).setParameter(2, rep.id()).setParameter(3, from).setParameter(4, to)
                .getResultList();
        Map<String, app.pacer.core.command.Period> longest = new LinkedHashMap<>();
        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        for (Object[] row : rows) {
            app.pacer.core.command.Period period = app.pacer.core.command.Period.valueOf((String) row[1]);
            LocalDate start = toDate(row[2]);
            if (period.end(start).isAfter(to)) {
                continue; // reaches beyond the review period: not this period's target
            }
            String key = (String) row[0];
            app.pacer.core.command.Period known = longest.get(key);
            if (known == null || period.compareTo(known) > 0) {
                longest.put(key, period);
                sums.put(key, (BigDecimal) row[3]);
            } else if (period == known) {
                sums.merge(key, (BigDecimal) row[3], BigDecimal::add);
            }
        }
        return sums;
    }

    private Map<String, BigDecimal> totals(Member rep, LocalDate from, LocalDate to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT metric_key, sum(amount) FROM log_entry
                WHERE member_id = ?1 AND local_date BETWEEN ?2 AND ?3 AND undone_at IS NULL GROUP BY metric_key""")
                .setParameter(1, rep.id()).setParameter(2, from).setParameter(3, to).getResultList();
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        rows.forEach(r -> totals.put((String) r[0], (BigDecimal) r[1]));
        return totals;
    }

    static LocalDate toDate(Object value) {
        return value instanceof java.sql.Date d ? d.toLocalDate() : value instanceof LocalDate ld ? ld : LocalDate.parse(value.toString());
    }
}
