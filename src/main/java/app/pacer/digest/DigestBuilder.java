package app.pacer.digest;

import app.pacer.core.command.Period;
import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.org.Role;
import app.pacer.core.org.WorkspaceRepository;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Language;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.core.time.BusinessCalendar;
import app.pacer.core.time.MemberCalendar;
import app.pacer.feedback.FeedbackKind;
import app.pacer.feedback.FeedbackService;
import app.pacer.feedback.FeedbackStats;
import app.pacer.kb.KbService;
import app.pacer.targets.Amounts;
import app.pacer.targets.Metric;
import app.pacer.targets.Metrics;
import app.pacer.targets.ProgressService;
import app.pacer.targets.ProgressView;
import app.pacer.targets.Target;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The standup digest of one day: each section only when it has something to say, each summarised for a large
 * team (the people furthest behind first, then "and N more") rather than cut in the middle. Every figure comes
 * from a handful of indexed queries, whatever the team's size.
 */
@ApplicationScoped
public class DigestBuilder {

    /** Per-person lines a section lists before it summarises the rest. */
    static final int PEOPLE = 10;

    private final EntityManager em;
    private final MemberRepository members;
    private final WorkspaceRepository workspaces;
    private final Metrics metrics;
    private final ProgressService progress;
    private final BusinessCalendar calendar;
    private final FeedbackStats feedback;
    private final KbService kb;

    public DigestBuilder(EntityManager em, MemberRepository members, WorkspaceRepository workspaces, Metrics metrics,
            ProgressService progress, BusinessCalendar calendar, FeedbackStats feedback, KbService kb) {
        this.em = em;
        this.members = members;
        this.workspaces = workspaces;
        this.metrics = metrics;
        this.progress = progress;
        this.calendar = calendar;
        this.feedback = feedback;
        this.kb = kb;
    }

    /** What the digest of {@code today} is built from. {@code since}: the previous digest (feedback since then). */
    public record Day(Long workspaceId, LocalDate today, ZoneId zone, Instant now, Instant since, boolean standup,
            boolean weekly) {
    }

    public Reply.Message build(Day day, Language language) {
        Messages m = Messages.of(language);
        String currency = workspaces.findById(day.workspaceId()).currency();
        ProgressView view = new ProgressView(m, currency);
        MemberCalendar team = progress.teamCalendar(day.workspaceId());
        LocalDate yesterday = previousWorkingDay(team, day.today());
        List<Member> people = members.list("workspaceId = ?1 order by displayName, id", day.workspaceId());
        Map<Long, Member> byId = people.stream().collect(Collectors.toMap(Member::id, p -> p));
        List<Block> blocks = new ArrayList<>();
        String title = m.get(day.weekly() ? "digest.title.weekly" : "digest.title", date(day.today(), m));
        blocks.add(new Block.Header(title));
        yesterday(day, yesterday, people, byId, m, currency, blocks);
        teamProgress(day, view, blocks, m);
        leaderboard(day, people, m, currency, blocks);
        pipeline(day, yesterday, byId, m, currency, blocks);
        reviews(day, byId, m, blocks);
        feedback(day, m, blocks);
        if (day.standup()) {
            standup(day, people, m, blocks);
        }
        if (day.weekly() || day.today().getDayOfWeek() == DayOfWeek.MONDAY) {
            lastWeek(day, view, m, blocks);
            gaps(day, m, blocks);
        }
        if (blocks.size() == 1) {
            blocks.add(new Block.Text(m.get("digest.quiet")));
        }
        blocks.add(new Block.Context(m.get("digest.footer")));
        return new Reply.Message(title, blocks, Reply.Visibility.CHANNEL);
    }

    static LocalDate previousWorkingDay(MemberCalendar calendar, LocalDate today) {
        LocalDate d = today.minusDays(1);
        for (int i = 0; i < 14 && !calendar.isWorkingDay(d); i++) {
            d = d.minusDays(1);
        }
        return d;
    }

    // ---- yesterday, per rep: each metric with a target against its daily pace; who logged nothing

    private void yesterday(Day day, LocalDate yesterday, List<Member> people, Map<Long, Member> byId, Messages m,
            String currency, List<Block> blocks) {
        Map<Long, Map<String, BigDecimal>> done = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT member_id, metric_key, sum(amount) FROM log_entry
                WHERE workspace_id = ?1 AND local_date = ?2 AND undone_at IS NULL GROUP BY member_id, metric_key""")
                .setParameter(1, day.workspaceId()).setParameter(2, yesterday).getResultList();
        for (Object[] r : rows) {
            done.computeIfAbsent(((Number) r[0]).longValue(), k -> new HashMap<>()).put((String) r[1], (BigDecimal) r[2]);
        }
        List<Target> targets = progress.activeTargets(day.workspaceId(), yesterday).stream()
                .filter(t -> t.memberId() != null).toList();
        Map<Long, MemberCalendar> calendars = calendar.forMembers(day.workspaceId(),
                targets.stream().map(t -> byId.get(t.memberId())).filter(java.util.Objects::nonNull).distinct().toList());
        record Row(Member member, double ratio, String text) {
        }
        List<Row> lines = new ArrayList<>();
        Map<Long, List<Target>> byMember = targets.stream().collect(Collectors.groupingBy(Target::memberId, LinkedHashMap::new,
                Collectors.toList()));
        for (Map.Entry<Long, List<Target>> e : byMember.entrySet()) {
            Member member = byId.get(e.getKey());
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
                parts.add(metric.get().name(m.language()) + " " + Amounts.format(did, metric.get(), m.language(), currency)
                        + " / " + Amounts.format(pace, metric.get(), m.language(), currency) + (ratio >= 1 ? " ✅" : " ⚠️"));
            }
            if (!parts.isEmpty()) {
                lines.add(new Row(member, worst, "**" + member.displayName() + "** — " + String.join(" · ", parts)));
            }
        }
        List<String> idle = people.stream().filter(p -> p.role() == Role.REP && !done.containsKey(p.id()))
                .map(Member::displayName).toList();
        if (lines.isEmpty() && done.isEmpty()) {
            return;
        }
        blocks.add(new Block.Text("**" + m.get("digest.yesterday", date(yesterday, m)) + "**"));
        lines.sort(Comparator.comparingDouble(Row::ratio));
        if (!lines.isEmpty()) {
            List<String> shown = lines.stream().limit(PEOPLE).map(Row::text).collect(Collectors.toCollection(ArrayList::new));
            if (lines.size() > PEOPLE) {
                long onPace = lines.stream().skip(PEOPLE).filter(r -> r.ratio() >= 1).count();
                shown.add(m.get("digest.more_people", lines.size() - PEOPLE, onPace));
            }
            blocks.add(new Block.Bullets(shown));
        } else {
            long active = done.size();
            blocks.add(new Block.Context(m.get("digest.yesterday.active", active)));
        }
        if (!idle.isEmpty()) {
            blocks.add(new Block.Context(m.get("digest.nothing_logged", names(idle, m))));
        }
    }

    // ---- the team: week and month with pacing

    private void teamProgress(Day day, ProgressView view, List<Block> blocks, Messages m) {
        List<ProgressService.Line> lines = new ArrayList<>();
        lines.addAll(progress.team(day.workspaceId(), Optional.of(Period.WEEK), day.today()));
        lines.addAll(progress.team(day.workspaceId(), Optional.of(Period.MONTH), day.today()));
        if (lines.isEmpty()) {
            return;
        }
        blocks.add(new Block.Text("**" + m.get("digest.team") + "**"));
        blocks.addAll(view.blocks(lines));
    }

    // ---- top 3 of the month

    private void leaderboard(Day day, List<Member> people, Messages m, String currency, List<Block> blocks) {
        Metric metric = progress.activeTargets(day.workspaceId(), day.today()).stream().filter(Target::team)
                .map(t -> metrics.byKey(day.workspaceId(), t.metricKey())).flatMap(Optional::stream).findFirst()
                .orElse(Metric.BUILTIN.get(0));
        List<ProgressService.Rank> top = progress.leaderboard(day.workspaceId(), people, metric, Period.MONTH, day.today())
                .stream().filter(r -> r.done().signum() > 0).limit(3).toList();
        if (top.isEmpty()) {
            return;
        }
        String[] medals = {"🥇", "🥈", "🥉"};
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            ProgressService.Rank r = top.get(i);
            lines.add(medals[i] + " " + r.member().displayName() + " — " + Amounts.format(r.done(), metric, m.language(), currency)
                    + (r.percent() == null ? "" : " (" + r.percent() + "%)"));
        }
        blocks.add(new Block.Text("**" + m.get("digest.leaderboard", metric.name(m.language())) + "**"));
        blocks.add(new Block.Bullets(lines));
    }

    // ---- the pipeline: added and won yesterday, overdue follow-ups per rep

    private void pipeline(Day day, LocalDate yesterday, Map<Long, Member> byId, Messages m, String currency, List<Block> blocks) {
        OffsetDateTime from = yesterday.atStartOfDay(day.zone()).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime to = yesterday.plusDays(1).atStartOfDay(day.zone()).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        long added = ((Number) em.createNativeQuery(
                "SELECT count(*) FROM lead WHERE workspace_id = ?1 AND created_at >= ?2 AND created_at < ?3")
                .setParameter(1, day.workspaceId()).setParameter(2, from).setParameter(3, to).getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> won = em.createNativeQuery("""
                SELECT DISTINCT l.number, l.name, l.value, l.owner_id FROM lead_event e JOIN lead l ON l.id = e.lead_id
                WHERE e.workspace_id = ?1 AND e.at >= ?2 AND e.at < ?3 AND e.what ~ '^stage: \\S+ → won( |$)'
                AND l.stage_key = 'won' ORDER BY l.number LIMIT 11""")
                .setParameter(1, day.workspaceId()).setParameter(2, from).setParameter(3, to).getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> overdue = em.createNativeQuery("""
                SELECT owner_id, count(*) FROM lead
                WHERE workspace_id = ?1 AND next_follow_up < ?2 AND stage_key NOT IN ('won', 'lost')
                GROUP BY owner_id ORDER BY count(*) DESC""")
                .setParameter(1, day.workspaceId()).setParameter(2, day.today()).getResultList();
        if (added == 0 && won.isEmpty() && overdue.isEmpty()) {
            return;
        }
        blocks.add(new Block.Text("**" + m.get("digest.pipeline") + "**"));
        List<String> lines = new ArrayList<>();
        if (added > 0 || !won.isEmpty()) {
            lines.add(m.get("digest.pipeline.moved", added, won.size() > 10 ? "10+" : String.valueOf(won.size())));
        }
        Metric revenue = Metric.BUILTIN.get(0);
        for (Object[] w : won.stream().limit(10).toList()) {
            Member owner = byId.get(((Number) w[3]).longValue());
            lines.add("🎉 #" + w[0] + " " + w[1] + (w[2] == null ? "" : " · " + Amounts.format((BigDecimal) w[2], revenue,
                    m.language(), currency)) + (owner == null ? "" : " · " + owner.displayName()));
        }
        if (!overdue.isEmpty()) {
            long total = overdue.stream().mapToLong(r -> ((Number) r[1]).longValue()).sum();
            String who = overdue.stream().limit(PEOPLE).map(r -> Optional.ofNullable(byId.get(((Number) r[0]).longValue()))
                    .map(Member::displayName).orElse("?") + " " + r[1]).collect(Collectors.joining(", "));
            lines.add("⏰ " + m.get("digest.pipeline.overdue", total, who + (overdue.size() > PEOPLE
                    ? " " + m.get("digest.and_more", overdue.size() - PEOPLE) : "")));
        }
        blocks.add(new Block.Bullets(lines));
    }

    // ---- reviews due this week

    private void reviews(Day day, Map<Long, Member> byId, Messages m, List<Block> blocks) {
        LocalDate start = Period.WEEK.start(day.today());
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery("""
                SELECT number, rep_id, due_on FROM review WHERE workspace_id = ?1 AND state = 'SCHEDULED'
                AND due_on BETWEEN ?2 AND ?3 ORDER BY due_on, number""")
                .setParameter(1, day.workspaceId()).setParameter(2, start).setParameter(3, Period.WEEK.end(day.today()))
                .getResultList();
        if (due.isEmpty()) {
            return;
        }
        List<String> lines = due.stream().limit(PEOPLE).map(r -> "#" + r[0] + " " + Optional.ofNullable(byId.get(((Number) r[1])
                .longValue())).map(Member::displayName).orElse("?") + " · " + date(toDate(r[2]), m)
                + (toDate(r[2]).isBefore(day.today()) ? " ⏰" : "")).collect(Collectors.toCollection(ArrayList::new));
        if (due.size() > PEOPLE) {
            lines.add(m.get("digest.and_more", due.size() - PEOPLE));
        }
        blocks.add(new Block.Text("**" + m.get("digest.reviews") + "**"));
        blocks.add(new Block.Bullets(lines));
    }

    // ---- customer feedback since the last digest

    private void feedback(Day day, Messages m, List<Block> blocks) {
        Instant since = day.since() != null ? day.since() : day.now().minus(Duration.ofDays(1));
        FeedbackStats.Summary s = feedback.summary(day.workspaceId(), null, since, day.now());
        if (s.responses() == 0) {
            return;
        }
        List<String> parts = new ArrayList<>();
        if (s.csat() != null) {
            parts.add(m.get("feedback.report.csat", s.csatCount()) + " " + s.csat() + " / 5");
        }
        if (s.nps() != null) {
            parts.add(m.get("feedback.report.nps", s.npsCount()) + " " + (s.nps() > 0 ? "+" : "") + s.nps());
        }
        blocks.add(new Block.Text("**" + m.get("digest.feedback") + "** " + String.join(" · ", parts)));
        List<String> low = new ArrayList<>();
        for (Object[] r : feedback.lowest(day.workspaceId(), null, since, day.now(), 5)) {
            FeedbackKind kind = FeedbackKind.valueOf((String) r[2]);
            int score = ((Number) r[3]).intValue();
            if (kind.low(score)) {
                low.add("⚠️ #" + r[0] + " " + r[1] + " · " + FeedbackService.score(kind, score, m) + " — " + r[4]);
            }
        }
        if (!low.isEmpty()) {
            blocks.add(new Block.Bullets(low));
        }
    }

    // ---- the standup round's answers

    private void standup(Day day, List<Member> people, Messages m, List<Block> blocks) {
        @SuppressWarnings("unchecked")
        List<Object[]> answers = em.createNativeQuery("""
                SELECT member_id, yesterday, today, blockers FROM standup_answer WHERE workspace_id = ?1 AND local_date = ?2
                ORDER BY created_at""").setParameter(1, day.workspaceId()).setParameter(2, day.today()).getResultList();
        Map<Long, Object[]> byMember = new LinkedHashMap<>();
        answers.forEach(a -> byMember.put(((Number) a[0]).longValue(), a));
        List<Member> asked = people.stream().filter(Member::contacted).toList();
        blocks.add(new Block.Text("**" + m.get("digest.standup", byMember.size(), asked.size()) + "**"));
        for (Member p : asked) {
            Object[] a = byMember.get(p.id());
            if (a == null) {
                continue;
            }
            StringBuilder text = new StringBuilder("**" + p.displayName() + "**");
            append(text, m.get("standup.field.yesterday"), a[1]);
            append(text, m.get("standup.field.today"), a[2]);
            append(text, "🚧 " + m.get("standup.field.blockers"), a[3]);
            blocks.add(new Block.Text(text.toString()));
        }
        List<String> silent = asked.stream().filter(p -> !byMember.containsKey(p.id())).map(Member::displayName).toList();
        if (!silent.isEmpty()) {
            blocks.add(new Block.Context(m.get("digest.standup.silent", names(silent, m))));
        }
    }

    private static void append(StringBuilder text, String label, Object value) {
        if (value != null && !value.toString().isBlank()) {
            text.append("\n").append(label).append(": ").append(value);
        }
    }

    // ---- Mondays: last week, and what the knowledge base could not answer

    private void lastWeek(Day day, ProgressView view, Messages m, List<Block> blocks) {
        LocalDate end = Period.WEEK.start(day.today()).minusDays(1);
        LocalDate start = Period.WEEK.start(end);
        List<String> lines = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Object[]> totals = em.createNativeQuery("""
                SELECT metric_key, sum(total) FROM log_team_daily WHERE workspace_id = ?1 AND local_date BETWEEN ?2 AND ?3
                GROUP BY metric_key ORDER BY metric_key""")
                .setParameter(1, day.workspaceId()).setParameter(2, start).setParameter(3, end).getResultList();
        for (Object[] t : totals) {
            metrics.byKey(day.workspaceId(), (String) t[0]).ifPresent(metric -> lines.add(metric.name(m.language()) + ": "
                    + view.amount((BigDecimal) t[1], metric)));
        }
        if (lines.isEmpty()) {
            return;
        }
        blocks.add(new Block.Text("**" + m.get("digest.last_week", date(start, m), date(end, m)) + "**"));
        blocks.add(new Block.Bullets(lines));
    }

    private void gaps(Day day, Messages m, List<Block> blocks) {
        List<KbService.Gap> gaps = kb.gaps(day.workspaceId(), day.now().minus(Duration.ofDays(7)), 5);
        if (gaps.isEmpty()) {
            return;
        }
        blocks.add(new Block.Text("**" + m.get("digest.gaps") + "**"));
        blocks.add(new Block.Bullets(gaps.stream().map(g -> "“" + g.query() + "” × " + g.times()).toList()));
    }

    // ---- helpers

    private static String names(List<String> names, Messages m) {
        String shown = names.stream().limit(PEOPLE).collect(Collectors.joining(", "));
        return names.size() > PEOPLE ? shown + " " + m.get("digest.and_more", names.size() - PEOPLE) : shown;
    }

    static String date(LocalDate day, Messages m) {
        return DateTimeFormatter.ofPattern(m.language() == Language.ZH ? "M月d日 EEE" : "EEE d MMM", m.language().locale())
                .format(day);
    }

    private static LocalDate toDate(Object value) {
        return value instanceof java.sql.Date d ? d.toLocalDate() : value instanceof LocalDate ld ? ld : LocalDate.parse(value.toString());
    }
}
