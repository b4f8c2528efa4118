package app.pacer.targets;

import app.pacer.core.command.AmountArg;
import app.pacer.core.command.ArgError;
import app.pacer.core.command.ArgSpec;
import app.pacer.core.command.ArgTypes;
import app.pacer.core.command.CommandProvider;
import app.pacer.core.command.CommandSpec;
import app.pacer.core.command.Invocation;
import app.pacer.core.command.ParseContext;
import app.pacer.core.command.Period;
import app.pacer.core.command.UserRef;
import app.pacer.core.command.Whom;
import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.org.OrgService;
import app.pacer.core.org.Role;
import app.pacer.core.org.WorkspaceRepository;
import app.pacer.core.reply.ActionRef;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Form;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Paging;
import app.pacer.core.reply.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import app.pacer.core.command.HomeChanged;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code log}, {@code undo}, {@code progress} and {@code leaderboard}: logging in seconds, seeing where you stand. */
@ApplicationScoped
public class LogCommands implements CommandProvider {

    static final int MAX_DAYS_BACK = 7;
    static final int PAGE = 10;
    private static final String METRIC_INPUT = "m_";

    private final EntityManager em;
    private final Metrics metrics;
    private final ProgressService progress;
    private final OrgService org;
    private final MemberRepository members;
    private final WorkspaceRepository workspaces;
    private final Event<HomeChanged> changed;

    public LogCommands(EntityManager em, Metrics metrics, ProgressService progress, OrgService org,
            MemberRepository members, WorkspaceRepository workspaces, Event<HomeChanged> changed) {
        this.em = em;
        this.metrics = metrics;
        this.progress = progress;
        this.org = org;
        this.members = members;
        this.workspaces = workspaces;
        this.changed = changed;
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.command("log", "log", "记录")
                        .arg(ArgSpec.required("amount", ArgTypes.amount()))
                        .arg(ArgSpec.required("metric", ArgTypes.word("arg.metric")))
                        .arg(ArgSpec.optional("note", ArgTypes.text("arg.note")))
                        .arg(ArgSpec.option("date", ArgTypes.date()))
                        .arg(ArgSpec.option("for", ArgTypes.member()))
                        .form(this::logForm)
                        .handler(this::log),
                CommandSpec.command("log.form", "form").hidden()
                        .arg(ArgSpec.optional("date", ArgTypes.date()))
                        .arg(ArgSpec.optional("note", ArgTypes.text("arg.note")))
                        .handler(this::logSubmitted),
                CommandSpec.command("undo", "undo", "撤销").handler(this::undo),
                CommandSpec.command("progress", "progress", "进度")
                        .arg(ArgSpec.optional("who", ArgTypes.memberOrTeam()))
                        .arg(ArgSpec.optional("period", ArgTypes.period()))
                        .handler(this::progress),
                CommandSpec.command("leaderboard", "leaderboard", "排行", "排行榜", "lb")
                        .arg(ArgSpec.optional("metric", ArgTypes.word("arg.metric")))
                        .arg(ArgSpec.optional("period", ArgTypes.period()))
                        .arg(ArgSpec.option("page", ArgTypes.word("arg.page")))
                        .handler(this::leaderboard));
    }

    private Reply log(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        Metric metric = metrics.require(actor.workspaceId(), invocation.required("metric", String.class), m.language());
        BigDecimal amount = invocation.required("amount", BigDecimal.class);
        Member subject = subject(invocation);
        LocalDate day = day(invocation, subject, invocation.arg("date", LocalDate.class));
        String note = invocation.arg("note", String.class).map(String::trim).filter(n -> !n.isEmpty()).orElse(null);
        if (note != null && note.length() > 500) {
            throw new ArgError("error.text.too_long", 500);
        }
        em.persist(new LogEntry(actor.workspaceId(), subject.id(), metric.key(), amount, day, note, actor.id(), invocation.now()));
        changed.fire(new HomeChanged(subject.id()));
        return confirmation(invocation, subject, List.of(new Logged(metric, amount)), day);
    }

    private record Logged(Metric metric, BigDecimal amount) {
    }

    /** The new totals and the pacing of every target the entry counts towards. */
    private Reply confirmation(Invocation invocation, Member subject, List<Logged> logged, LocalDate day) {
        Messages m = invocation.messages();
        String currency = workspaces.findById(subject.workspaceId()).currency();
        ProgressView view = new ProgressView(m, currency);
        List<String> what = logged.stream().map(l -> view.amount(l.amount(), l.metric()) + " " + Markdown.literal(l.metric().name(m.language())))
                .toList();
        String headline = subject.id().equals(invocation.member().id())
                ? m.get("log.done", String.join(", ", what), day.equals(invocation.today()) ? "" : " (" + day + ")")
                : m.get("log.done_for", String.join(", ", what), Markdown.literal(subject.displayName()), day.toString());
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Text("✅ " + headline));
        List<String> keys = logged.stream().map(l -> l.metric().key()).toList();
        List<ProgressService.Line> lines = progress.member(subject, Optional.empty(), invocation.today()).stream()
                .filter(l -> keys.contains(l.metric().key())).toList();
        blocks.addAll(view.blocks(lines));
        blocks.add(new Block.Context(m.get("log.undo_hint")));
        return Reply.message(headline, blocks);
    }

    private Member subject(Invocation invocation) {
        Member actor = invocation.member();
        Optional<UserRef> other = invocation.arg("for", UserRef.class).filter(u -> !u.userId().equals(actor.platformUserId()));
        if (other.isEmpty()) {
            return actor;
        }
        if (!actor.role().atLeast(Role.MANAGER)) {
            throw new ArgError("error.log.others");
        }
        return org.memberFor(actor.workspaceId(), other.get(), invocation.profiles());
    }

    /** The local date an entry counts for: today, or up to 7 days back (managers: any earlier day). */
    private LocalDate day(Invocation invocation, Member subject, Optional<LocalDate> asked) {
        LocalDate today = invocation.now().atZone(subject.zone()).toLocalDate();
        LocalDate day = asked.orElse(today);
        if (day.isAfter(today)) {
            throw new ArgError("error.log.future", day.toString());
        }
        if (day.isBefore(today.minusDays(MAX_DAYS_BACK)) && !invocation.member().role().atLeast(Role.MANAGER)) {
            throw new ArgError("error.log.too_old", MAX_DAYS_BACK);
        }
        return day;
    }

    private Form logForm(Invocation invocation) {
        Messages m = invocation.messages();
        List<Form.Input> inputs = new ArrayList<>();
        for (Metric metric : metrics.active(invocation.member().workspaceId())) {
            inputs.add(new Form.Input(METRIC_INPUT + metric.key(), metric.name(m.language()), Form.Input.Kind.NUMBER, false,
                    null, null, List.of()));
        }
        inputs.add(new Form.Input("date", m.get("log.form.date"), Form.Input.Kind.DATE, false,
                invocation.today().toString(), null, List.of()));
        inputs.add(new Form.Input("note", m.get("log.form.note"), Form.Input.Kind.TEXT, false, null, null, List.of()));
        return new Form(ActionRef.of("log.form"), m.get("log.form.title"), m.get("form.save"), inputs);
    }

    private Reply logSubmitted(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        ParseContext context = new ParseContext(invocation.today(), actor.zone(), actor.platformUserId(), Map.of());
        AmountArg amounts = AmountArg.positive();
        Map<String, String> errors = new LinkedHashMap<>();
        List<Logged> logged = new ArrayList<>();
        for (Metric metric : metrics.active(actor.workspaceId())) {
            String value = invocation.formValues().getOrDefault(METRIC_INPUT + metric.key(), "").trim();
            if (value.isEmpty()) {
                continue;
            }
            try {
                logged.add(new Logged(metric, amounts.parse(value, context)));
            } catch (ArgError e) {
                errors.put(METRIC_INPUT + metric.key(), e.message(m));
            }
        }
        LocalDate day;
        try {
            day = day(invocation, actor, invocation.arg("date", LocalDate.class));
        } catch (ArgError e) {
            errors.put("date", e.message(m));
            day = null;
        }
        if (errors.isEmpty() && logged.isEmpty()) {
            errors.put(METRIC_INPUT + Metric.BUILTIN.get(0).key(), m.get("error.log.nothing"));
        }
        if (!errors.isEmpty()) {
            return new Reply.FormErrors(logForm(invocation).withValues(invocation.formValues()), errors);
        }
        String note = invocation.arg("note", String.class).map(String::trim).filter(n -> !n.isEmpty()).orElse(null);
        for (Logged l : logged) {
            em.persist(new LogEntry(actor.workspaceId(), actor.id(), l.metric().key(), l.amount(), day, note, actor.id(),
                    invocation.now()));
        }
        changed.fire(new HomeChanged(actor.id()));
        return confirmation(invocation, actor, logged, day);
    }

    private Reply undo(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        List<LogEntry> last = em.createQuery("""
                from LogEntry where memberId = ?1 and undoneAt is null and createdAt > ?2 order by createdAt desc, id desc""",
                LogEntry.class).setParameter(1, actor.id()).setParameter(2, invocation.now().minus(Duration.ofHours(24)))
                .setMaxResults(1).getResultList();
        if (last.isEmpty()) {
            throw new ArgError("error.undo.nothing");
        }
        LogEntry entry = last.get(0);
        entry.undo(invocation.now());
        changed.fire(new HomeChanged(actor.id()));
        Metric metric = metrics.byKey(actor.workspaceId(), entry.metricKey()).orElseThrow();
        String currency = workspaces.findById(actor.workspaceId()).currency();
        String time = DateTimeFormatter.ofPattern("HH:mm").format(entry.createdAt().atZone(actor.zone()));
        return Reply.text("↩️ " + m.get("undo.done", Amounts.format(entry.amount(), metric, m.language(), currency),
                Markdown.literal(metric.name(m.language())), entry.localDate().toString(), time,
                entry.note() == null ? "" : " — " + Markdown.literal(entry.note())));
    }

    private Reply progress(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        Optional<Period> period = invocation.arg("period", Period.class);
        Whom whom = invocation.arg("who", Whom.class).orElse(new Whom.Person(new UserRef(actor.platformUserId(), null)));
        List<ProgressService.Line> lines;
        String title;
        if (whom instanceof Whom.Team) {
            lines = progress.team(actor.workspaceId(), period, invocation.today());
            title = m.get("progress.title.team");
        } else {
            UserRef ref = ((Whom.Person) whom).user();
            Member subject = ref.userId().equals(actor.platformUserId()) ? actor
                    : org.memberFor(actor.workspaceId(), ref, invocation.profiles());
            lines = progress.member(subject, period, invocation.today());
            title = m.get("progress.title", subject.displayName());
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Header(title));
        if (lines.isEmpty()) {
            blocks.add(new Block.Text(m.get("progress.nothing")));
        } else {
            blocks.addAll(new ProgressView(m, workspaces.findById(actor.workspaceId()).currency()).blocks(lines));
        }
        blocks.add(new Block.Context(m.get("progress.hint")));
        return Reply.message(title, blocks);
    }

    private Reply leaderboard(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        Period period = invocation.arg("period", Period.class).orElse(Period.WEEK);
        Metric metric = invocation.arg("metric", String.class)
                .map(t -> metrics.require(actor.workspaceId(), t, m.language()))
                .orElseGet(() -> defaultMetric(actor.workspaceId(), period, invocation.today()));
        int page = invocation.arg("page", String.class).map(p -> p.matches("\\d{1,4}") ? Integer.parseInt(p) : 1).orElse(1);
        List<ProgressService.Rank> ranks = progress.leaderboard(actor.workspaceId(), members.inWorkspace(actor.workspaceId()),
                metric, period, invocation.today());
        int pages = Math.max(1, (ranks.size() + PAGE - 1) / PAGE);
        page = Math.min(Math.max(1, page), pages);
        String currency = workspaces.findById(actor.workspaceId()).currency();
        List<String> lines = new ArrayList<>();
        for (int i = (page - 1) * PAGE; i < Math.min(ranks.size(), page * PAGE); i++) {
            ProgressService.Rank r = ranks.get(i);
            String figures = Amounts.format(r.done(), metric, m.language(), currency)
                    + (r.target() == null ? "" : " / " + Amounts.format(r.target(), metric, m.language(), currency)
                    + " (" + r.percent() + "%)");
            String line = medal(i) + " " + Markdown.literal(r.member().displayName()) + " — " + figures;
            lines.add(r.member().id().equals(actor.id()) ? "**" + line + "** " + m.get("leaderboard.you") : line);
        }
        String title = m.get("leaderboard.title", metric.name(m.language()), m.get("period." + period.name().toLowerCase(Locale.ROOT)));
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Header(title));
        blocks.add(new Block.Bullets(lines));
        blocks.addAll(Paging.controls(m, page, pages, n -> pageAction(metric, period, n)));
        return Reply.message(title, blocks);
    }

    private static ActionRef pageAction(Metric metric, Period period, int page) {
        return ActionRef.of("leaderboard", Map.of("metric", metric.key(), "period", period.name().toLowerCase(Locale.ROOT),
                "page", String.valueOf(page)));
    }

    private static String medal(int index) {
        return switch (index) {
            case 0 -> "🥇";
            case 1 -> "🥈";
            case 2 -> "🥉";
            default -> (index + 1) + ".";
        };
    }

    /** The first metric with targets this period, else revenue. */
    private Metric defaultMetric(Long workspaceId, Period period, LocalDate today) {
        return progress.activeTargets(workspaceId, today).stream().filter(t -> t.period() == period)
                .map(t -> metrics.byKey(workspaceId, t.metricKey()).orElse(null)).filter(java.util.Objects::nonNull)
                .findFirst().orElse(Metric.BUILTIN.get(0));
    }
}
