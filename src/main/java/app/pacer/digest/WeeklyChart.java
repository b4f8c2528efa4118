package app.pacer.digest;

import app.pacer.core.command.Period;
import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.reply.Language;
import app.pacer.core.reply.Messages;
import app.pacer.targets.Metric;
import app.pacer.targets.Metrics;
import app.pacer.targets.ProgressService;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the weekly report's chart shows: the team's cumulative progress against each monthly team target over
 * the current month (one line per metric); without team targets, a bar per rep (percent of their own target,
 * else their share of the team's total) on the month's first team metric or revenue.
 */
@ApplicationScoped
public class WeeklyChart {

    private final ProgressService progress;
    private final Metrics metrics;
    private final MemberRepository members;

    public WeeklyChart(ProgressService progress, Metrics metrics, MemberRepository members) {
        this.progress = progress;
        this.metrics = metrics;
        this.members = members;
    }

    public ChartData data(Long workspaceId, LocalDate today, Language language) {
        Messages m = Messages.of(language);
        LocalDate from = Period.MONTH.start(today);
        LocalDate to = Period.MONTH.end(today);
        String month = DateTimeFormatter.ofPattern(language == Language.ZH ? "yyyy年M月" : "MMMM yyyy", language.locale())
                .format(today);
        List<ChartData.Line> lines = new ArrayList<>();
        for (ProgressService.TeamTarget target : progress.teamTargets(workspaceId, today)) {
            if (target.period() != Period.MONTH) {
                continue;
            }
            Optional<Metric> metric = metrics.byKey(workspaceId, target.metricKey());
            if (metric.isEmpty()) {
                continue;
            }
            Map<LocalDate, BigDecimal> daily = progress.teamDaily(workspaceId, target.metricKey(), from, today);
            List<Double> cumulative = new ArrayList<>();
            BigDecimal sum = BigDecimal.ZERO;
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                if (d.isAfter(today)) {
                    cumulative.add(null);
                    continue;
                }
                sum = sum.add(daily.getOrDefault(d, BigDecimal.ZERO));
                cumulative.add(sum.doubleValue() * 100 / target.amount().doubleValue());
            }
            lines.add(new ChartData.Line(metric.get().name(language), cumulative));
        }
        if (!lines.isEmpty()) {
            return new ChartData(m.get("digest.chart.team", month), from, to, lines, List.of());
        }
        Metric metric = Metric.BUILTIN.get(0);
        List<Member> everyone = members.list("workspaceId", workspaceId);
        List<ProgressService.Rank> ranks = progress.leaderboard(workspaceId, everyone, metric, Period.MONTH, today).stream()
                .filter(r -> r.done().signum() > 0).toList();
        BigDecimal total = ranks.stream().map(ProgressService.Rank::done).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<ChartData.Bar> bars = ranks.stream()
                .map(r -> new ChartData.Bar(r.member().displayName(), r.percent() != null ? r.percent()
                        : r.done().doubleValue() * 100 / total.doubleValue()))
                .sorted(Comparator.comparingDouble(ChartData.Bar::percent).reversed()).limit(TeamChart.MAX_BARS).toList();
        return new ChartData(m.get("digest.chart.reps", metric.name(language), month), from, to, List.of(), bars);
    }
}
