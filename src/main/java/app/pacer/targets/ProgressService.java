package app.pacer.targets;

import app.pacer.core.command.Period;
import app.pacer.core.org.Member;
import app.pacer.core.org.WorkspaceRepository;
import app.pacer.core.time.BusinessCalendar;
import app.pacer.core.time.MemberCalendar;
import com.google.common.base.Suppliers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Where people and teams stand: totals, targets and pacing, computed from the log on working days. */
@ApplicationScoped
public class ProgressService {

    private final EntityManager em;
    private final Metrics metrics;
    private final BusinessCalendar calendar;
    private final WorkspaceRepository workspaces;

    public ProgressService(EntityManager em, Metrics metrics, BusinessCalendar calendar, WorkspaceRepository workspaces) {
        this.em = em;
        this.metrics = metrics;
        this.calendar = calendar;
        this.workspaces = workspaces;
    }

    /**
     * One line of progress: a metric over a period, with its target and pacing when there is a target.
     *
     * @param team whether the figures are the whole team's
     */
    public record Line(Metric metric, Period period, LocalDate start, LocalDate end, BigDecimal done, Target target,
            Pacing pacing, boolean team) {
    }

    /** A member's lines: their own targets, the team targets they share, else their totals. */
    public List<Line> member(Member member, Optional<Period> only, LocalDate today) {
        // read only when a target needs pacing (two queries the no-target case does not need)
        Supplier<MemberCalendar> cal = Suppliers.memoize(() -> calendar.forMember(member));
        Supplier<MemberCalendar> teamCal = Suppliers.memoize(() -> teamCalendar(member.workspaceId()));
        List<Line> lines = new ArrayList<>();
        List<Target> targets = activeTargets(member.workspaceId(), today).stream()
                .filter(t -> only.map(p -> p == t.period()).orElse(true)).toList();
        LocalDate joined = member.joinedOn();
        for (Target t : targets.stream().filter(t -> member.id().equals(t.memberId())).toList()) {
            LocalDate start = t.periodStart().isBefore(joined) ? joined : t.periodStart();
            BigDecimal done = memberTotal(member.id(), t.metricKey(), t.periodStart(), t.periodEnd());
            lines.add(line(member.workspaceId(), t, done, Pacing.of(t.amount(), done, start, t.periodEnd(), today, cal.get()), false));
        }
        for (Target t : targets.stream().filter(Target::team).toList()) {
            BigDecimal done = teamTotal(member.workspaceId(), t.metricKey(), t.periodStart(), t.periodEnd());
            lines.add(line(member.workspaceId(), t, done, Pacing.of(t.amount(), done, t.periodStart(), t.periodEnd(), today,
                    teamCal.get()), true));
        }
        if (lines.isEmpty()) {
            for (Period period : only.map(List::of).orElse(List.of(Period.WEEK, Period.MONTH))) {
                LocalDate start = period.start(today);
                LocalDate end = period.end(today);
                memberTotals(member.id(), start, end).forEach((key, done) -> metrics.byKey(member.workspaceId(), key)
                        .ifPresent(m -> lines.add(new Line(m, period, start, end, done, null, null, false))));
            }
        }
        lines.sort(ORDER);
        return lines;
    }

    /** The team's lines: team targets, else the team's totals. */
    public List<Line> team(Long workspaceId, Optional<Period> only, LocalDate today) {
        MemberCalendar cal = teamCalendar(workspaceId);
        List<Line> lines = new ArrayList<>();
        for (Target t : activeTargets(workspaceId, today)) {
            if (!t.team() || only.map(p -> p != t.period()).orElse(false)) {
                continue;
            }
            BigDecimal done = teamTotal(workspaceId, t.metricKey(), t.periodStart(), t.periodEnd());
            lines.add(line(workspaceId, t, done, Pacing.of(t.amount(), done, t.periodStart(), t.periodEnd(), today, cal), true));
        }
        if (lines.isEmpty()) {
            for (Period period : only.map(List::of).orElse(List.of(Period.WEEK, Period.MONTH))) {
                LocalDate start = period.start(today);
                LocalDate end = period.end(today);
                teamTotals(workspaceId, start, end).forEach((key, done) -> metrics.byKey(workspaceId, key)
                        .ifPresent(m -> lines.add(new Line(m, period, start, end, done, null, null, true))));
            }
        }
        lines.sort(ORDER);
        return lines;
    }

    /** One row of a leaderboard. {@code target} is the member's own target for the period, when set. */
    public record Rank(Member member, BigDecimal done, BigDecimal target) {
        public Integer percent() {
            return target == null ? null : done.multiply(BigDecimal.valueOf(100))
                    .divide(target, 0, java.math.RoundingMode.DOWN).intValue();
        }
    }

    /** Everyone in the workspace, best first: by percent of target when targets exist, else by total. */
    public List<Rank> leaderboard(Long workspaceId, List<Member> everyone, Metric metric, Period period, LocalDate today) {
        LocalDate start = period.start(today);
        Map<Long, BigDecimal> done = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> sums = em.createNativeQuery("""
                SELECT member_id, sum(amount) FROM log_entry
                WHERE workspace_id = ?1 AND metric_key = ?2 AND local_date BETWEEN ?3 AND ?4 AND undone_at IS NULL
                GROUP BY member_id""")
                .setParameter(1, workspaceId).setParameter(2, metric.key()).setParameter(3, start)
                .setParameter(4, period.end(today)).getResultList();
        sums.forEach(r -> done.put(((Number) r[0]).longValue(), (BigDecimal) r[1]));
        Map<Long, BigDecimal> targets = new HashMap<>();
        em.createQuery("""
                from Target where workspaceId = ?1 and metricKey = ?2 and period = ?3 and periodStart = ?4
                and memberId is not null and supersededAt is null""", Target.class)
                .setParameter(1, workspaceId).setParameter(2, metric.key()).setParameter(3, period).setParameter(4, start)
                .getResultList().forEach(t -> targets.put(t.memberId(), t.amount()));
        List<Rank> ranks = new ArrayList<>();
        for (Member m : everyone) {
            ranks.add(new Rank(m, done.getOrDefault(m.id(), BigDecimal.ZERO), targets.get(m.id())));
        }
        Comparator<Rank> byPercent = Comparator.comparing((Rank r) -> r.percent() == null ? -1 : r.percent()).reversed();
        ranks.sort(byPercent.thenComparing(Rank::done, Comparator.reverseOrder())
                .thenComparing(r -> r.member().displayName()));
        return ranks;
    }

    /** Active targets whose period contains {@code today}. */
    public List<Target> activeTargets(Long workspaceId, LocalDate today) {
        List<Target> result = new ArrayList<>();
        for (Target t : em.createQuery("from Target where workspaceId = ?1 and supersededAt is null and periodStart <= ?2",
                Target.class).setParameter(1, workspaceId).setParameter(2, today).getResultList()) {
            if (!t.periodEnd().isBefore(today)) {
                result.add(t);
            }
        }
        return result;
    }

    /** Whether anyone in the workspace ever set a target. */
    public boolean hasTargets(Long workspaceId) {
        return !em.createNativeQuery("SELECT 1 FROM target WHERE workspace_id = ?1 LIMIT 1").setParameter(1, workspaceId)
                .getResultList().isEmpty();
    }

    /** A team target: what the team should reach in a metric over a period. */
    public record TeamTarget(String metricKey, Period period, BigDecimal amount) {
    }

    /** The team's targets active on {@code today}. */
    public List<TeamTarget> teamTargets(Long workspaceId, LocalDate today) {
        return activeTargets(workspaceId, today).stream().filter(Target::team)
                .map(t -> new TeamTarget(t.metricKey(), t.period(), t.amount())).toList();
    }

    /** The team's total of a metric per day from {@code from} to {@code to}; days without entries are absent. */
    public Map<LocalDate, BigDecimal> teamDaily(Long workspaceId, String metricKey, LocalDate from, LocalDate to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT local_date, sum(total) FROM log_team_daily WHERE workspace_id = ?1 AND metric_key = ?2
                AND local_date BETWEEN ?3 AND ?4 GROUP BY local_date""")
                .setParameter(1, workspaceId).setParameter(2, metricKey).setParameter(3, from).setParameter(4, to).getResultList();
        Map<LocalDate, BigDecimal> daily = new java.util.HashMap<>();
        for (Object[] r : rows) {
            LocalDate d = r[0] instanceof java.sql.Date sql ? sql.toLocalDate() : (LocalDate) r[0];
            daily.put(d, (BigDecimal) r[1]);
        }
        return daily;
    }

    public BigDecimal memberTotal(Long memberId, String metricKey, LocalDate from, LocalDate to) {
        Object sum = em.createNativeQuery("""
                SELECT coalesce(sum(amount), 0) FROM log_entry
                WHERE member_id = ?1 AND metric_key = ?2 AND local_date BETWEEN ?3 AND ?4 AND undone_at IS NULL""")
                .setParameter(1, memberId).setParameter(2, metricKey).setParameter(3, from).setParameter(4, to)
                .getSingleResult();
        return (BigDecimal) sum;
    }

    /** From the daily team totals the database keeps (see V3): a few rows per day, whatever the team's size. */
    public BigDecimal teamTotal(Long workspaceId, String metricKey, LocalDate from, LocalDate to) {
        Object sum = em.createNativeQuery("""
                SELECT coalesce(sum(total), 0) FROM log_team_daily
                WHERE workspace_id = ?1 AND metric_key = ?2 AND local_date BETWEEN ?3 AND ?4""")
                .setParameter(1, workspaceId).setParameter(2, metricKey).setParameter(3, from).setParameter(4, to)
                .getSingleResult();
        return (BigDecimal) sum;
    }

    /** The team's calendar: the workspace's work week and holidays (nobody's away days). */
    public MemberCalendar teamCalendar(Long workspaceId) {
        return calendar.forTeam(workspaceId);
    }

    private Map<String, BigDecimal> memberTotals(Long memberId, LocalDate from, LocalDate to) {
        return totals(em.createNativeQuery("""
                SELECT metric_key, sum(amount) FROM log_entry
                WHERE member_id = ?1 AND local_date BETWEEN ?2 AND ?3 AND undone_at IS NULL
                GROUP BY metric_key ORDER BY metric_key""").setParameter(1, memberId), from, to);
    }

    private Map<String, BigDecimal> teamTotals(Long workspaceId, LocalDate from, LocalDate to) {
        return totals(em.createNativeQuery("""
                SELECT metric_key, sum(total) FROM log_team_daily
                WHERE workspace_id = ?1 AND local_date BETWEEN ?2 AND ?3
                GROUP BY metric_key HAVING sum(total) > 0 ORDER BY metric_key""").setParameter(1, workspaceId), from, to);
    }

    private static Map<String, BigDecimal> totals(jakarta.persistence.Query query, LocalDate from, LocalDate to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.setParameter(2, from).setParameter(3, to).getResultList();
        Map<String, BigDecimal> totals = new java.util.LinkedHashMap<>();
        rows.forEach(r -> totals.put((String) r[0], (BigDecimal) r[1]));
        return totals;
    }

    private Line line(Long workspaceId, Target t, BigDecimal done, Pacing pacing, boolean team) {
        Metric metric = metrics.byKey(workspaceId, t.metricKey()).orElse(new Metric(t.metricKey(), t.metricKey(),
                t.metricKey(), null, false, false));
        return new Line(metric, t.period(), t.periodStart(), t.periodEnd(), done, t, pacing, team);
    }

    private static final Comparator<Line> ORDER = Comparator.comparing((Line l) -> l.period().ordinal())
            .thenComparing(l -> l.team() ? 1 : 0).thenComparing(l -> metricOrder(l.metric()));

    private static int metricOrder(Metric metric) {
        int builtin = Metric.BUILTIN.stream().map(Metric::key).toList().indexOf(metric.key());
        return builtin < 0 ? 100 : builtin;
    }
}
