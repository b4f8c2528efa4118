package app.pacer.targets;

import app.pacer.core.org.Member;
import app.pacer.core.org.Role;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.section.DigestDay;
import app.pacer.core.section.DigestSection;
import app.pacer.core.time.BusinessCalendar;
import app.pacer.core.time.MemberCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The digest's first part: yesterday per rep, each metric with a target against its daily pace, the people
 * furthest behind first; and who logged nothing.
 */
@ApplicationScoped
public class YesterdayDigest implements DigestSection {

    private final EntityManager em;
    private final ProgressService progress;
    private final Metrics metrics;
    private final BusinessCalendar calendar;

    public YesterdayDigest(EntityManager em, ProgressService progress, Metrics metrics, BusinessCalendar calendar) {
        this.em = em;
        this.progress = progress;
        this.metrics = metrics;
        this.calendar = calendar;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<Block> blocks(DigestDay day, Messages m) {
        Map<Long, Map<String, BigDecimal>> done = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT member_id, metric_key, sum(amount) FROM log_entry
                WHERE workspace_id = ?1 AND local_date = ?2 AND undone_at IS NULL GROUP BY member_id, metric_key""")
                .setParameter(1, day.workspaceId()).setParameter(2, day.yesterday()).getResultList();
        for (Object[] r : rows) {
            done.computeIfAbsent(((Number) r[0]).longValue(), k -> new HashMap<>()).put((String) r[1], (BigDecimal) r[2]);
        }
        List<Target> targets = progress.activeTargets(day.workspaceId(), day.yesterday()).stream()
                .filter(t -> t.memberId() != null).toList();
        Map<Long, MemberCalendar> calendars = calendar.forMembers(day.workspaceId(),
                targets.stream().map(t -> day.byId().get(t.memberId())).filter(Objects::nonNull).distinct().toList());
        record Row(Member member, double ratio, String text) {
        }
        List<Row> lines = new ArrayList<>();
        Map<Long, List<Target>> byMember = targets.stream().collect(Collectors.groupingBy(Target::memberId, LinkedHashMap::new,
                Collectors.toList()));
        for (Map.Entry<Long, List<Target>> e : byMember.entrySet()) {
            Member member = day.byId().get(e.getKey());
            if (member == null) {
                continue;
            }
            MemberCalendar cal = calendars.get(member.id());
            List<String> parts = new ArrayList<>();
            double worst = Double.MAX_VALUE;
            for (Target t : e.getValue()) {
                Optional<Metric> metric = metrics.byKey(day.workspaceId(), t.metricKey());
                int days = cal == null ? 0 : cal.workingDays(t.periodStart(), t.periodEnd());
                if (metric.isEmpty() || days == 0) {
                    continue;
                }
                BigDecimal pace = t.amount().divide(BigDecimal.valueOf(days), 2, RoundingMode.HALF_UP);
                BigDecimal did = done.getOrDefault(member.id(), Map.of()).getOrDefault(t.metricKey(), BigDecimal.ZERO);
                double ratio = pace.signum() == 0 ? 1 : did.doubleValue() / pace.doubleValue();
                worst = Math.min(worst, ratio);
                parts.add(Markdown.literal(metric.get().name(m.language())) + " " + Amounts.format(did, metric.get(), m.language(), day.currency())
                        + " / " + Amounts.format(pace, metric.get(), m.language(), day.currency()) + (ratio >= 1 ? " ✅" : " ⚠️"));
            }
            if (!parts.isEmpty()) {
                lines.add(new Row(member, worst, Markdown.bold(member.displayName()) + " — " + String.join(" · ", parts)));
            }
        }
        List<String> idle = day.people().stream().filter(p -> p.role() == Role.REP && !done.containsKey(p.id()))
                .map(Member::displayName).toList();
        if (lines.isEmpty() && done.isEmpty()) {
            return List.of();
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Text("**" + m.get("digest.yesterday", DigestDay.date(day.yesterday(), m)) + "**"));
        lines.sort(Comparator.comparingDouble(Row::ratio));
        if (!lines.isEmpty()) {
            List<String> shown = lines.stream().limit(DigestDay.PEOPLE).map(Row::text)
                    .collect(Collectors.toCollection(ArrayList::new));
            if (lines.size() > DigestDay.PEOPLE) {
                long onPace = lines.stream().skip(DigestDay.PEOPLE).filter(r -> r.ratio() >= 1).count();
                shown.add(m.get("digest.more_people", lines.size() - DigestDay.PEOPLE, onPace));
            }
            blocks.add(new Block.Bullets(shown));
        } else {
            blocks.add(new Block.Context(m.get("digest.yesterday.active", done.size())));
        }
        if (!idle.isEmpty()) {
            blocks.add(new Block.Context(m.get("digest.nothing_logged", DigestDay.names(idle, m))));
        }
        return blocks;
    }
}
