package app.pacer.targets;

import app.pacer.core.command.ArgError;
import app.pacer.core.command.ArgSpec;
import app.pacer.core.command.ArgTypes;
import app.pacer.core.command.CommandProvider;
import app.pacer.core.command.CommandSpec;
import app.pacer.core.command.Invocation;
import app.pacer.core.command.Period;
import app.pacer.core.command.UserRef;
import app.pacer.core.command.Whom;
import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.org.OrgService;
import app.pacer.core.org.Role;
import app.pacer.core.org.Workspace;
import app.pacer.core.org.WorkspaceRepository;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code target …}, {@code metric …} and {@code settings currency}: what the team aims for, and in what. */
@ApplicationScoped
public class TargetCommands implements CommandProvider {

    private final EntityManager em;
    private final Metrics metrics;
    private final OrgService org;
    private final MemberRepository members;
    private final WorkspaceRepository workspaces;
    private final ProgressService progress;
    private final TargetSetter setter;

    public TargetCommands(EntityManager em, Metrics metrics, OrgService org, MemberRepository members,
            WorkspaceRepository workspaces, ProgressService progress, TargetSetter setter) {
        this.em = em;
        this.metrics = metrics;
        this.org = org;
        this.members = members;
        this.workspaces = workspaces;
        this.progress = progress;
        this.setter = setter;
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.command("target", "target", "目标", "targets").handler(this::list),
                CommandSpec.command("target.set", "set", "设置", "设定")
                        .arg(ArgSpec.required("metric", ArgTypes.word("arg.metric")))
                        .arg(ArgSpec.required("amount", ArgTypes.amount()))
                        .arg(ArgSpec.required("period", ArgTypes.period()))
                        .arg(ArgSpec.optional("who", ArgTypes.memberOrTeam()))
                        .arg(ArgSpec.option("from", ArgTypes.date()))
                        .handler(this::set),
                CommandSpec.command("target.list", "list", "列表")
                        .arg(ArgSpec.optional("who", ArgTypes.memberOrTeam())).handler(this::list),
                CommandSpec.command("target.clear", "clear", "清除")
                        .arg(ArgSpec.required("metric", ArgTypes.word("arg.metric")))
                        .arg(ArgSpec.required("period", ArgTypes.period()))
                        .arg(ArgSpec.optional("who", ArgTypes.memberOrTeam()))
                        .handler(this::clear),
                CommandSpec.command("metric", "metric", "指标", "metrics").handler(this::metricList),
                CommandSpec.command("metric.list", "list", "列表").handler(this::metricList),
                CommandSpec.command("metric.add", "add", "添加").role(Role.ADMIN)
                        .arg(ArgSpec.required("key", ArgTypes.word("arg.metric_key")))
                        .arg(ArgSpec.required("english", ArgTypes.word("arg.name_en")))
                        .arg(ArgSpec.required("chinese", ArgTypes.word("arg.name_zh")))
                        .arg(ArgSpec.optional("unit", ArgTypes.word("arg.unit")))
                        .handler(this::metricAdd),
                CommandSpec.command("metric.remove", "remove", "删除").role(Role.ADMIN)
                        .arg(ArgSpec.required("metric", ArgTypes.word("arg.metric"))).handler(this::metricRemove),
                CommandSpec.command("settings.currency", "currency", "货币").role(Role.ADMIN)
                        .arg(ArgSpec.required("code", ArgTypes.word("arg.currency"))).handler(this::currency));
    }

    /** Who a target is for, with the permission check: reps set only their own (stretch) targets. */
    private Optional<Member> whom(Invocation invocation, String argName) {
        Member actor = invocation.member();
        Whom whom = invocation.arg(argName, Whom.class).orElse(new Whom.Person(new UserRef(actor.platformUserId(), null)));
        if (whom instanceof Whom.Team) {
            return Optional.empty();
        }
        UserRef ref = ((Whom.Person) whom).user();
        return Optional.of(ref.userId().equals(actor.platformUserId()) ? actor
                : org.memberFor(actor.workspaceId(), ref, invocation.profiles()));
    }

    private void requireManagerUnlessSelf(Member actor, Optional<Member> target) {
        boolean self = target.map(t -> t.id().equals(actor.id())).orElse(false);
        if (!self && !actor.role().atLeast(Role.MANAGER)) {
            throw new ArgError("error.target.others");
        }
    }

    private Reply set(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        Metric metric = metrics.require(actor.workspaceId(), invocation.required("metric", String.class), m.language());
        BigDecimal amount = invocation.required("amount", BigDecimal.class);
        Period period = invocation.required("period", Period.class);
        Optional<Member> target = whom(invocation, "who");
        requireManagerUnlessSelf(actor, target);
        LocalDate from = invocation.arg("from", LocalDate.class).orElse(invocation.today());
        if (period.end(from).isBefore(invocation.today())) {
            throw new ArgError("error.target.past");
        }
        LocalDate start = period.start(from);
        Long memberId = target.map(Member::id).orElse(null);
        setter.set(actor.workspaceId(), metric.key(), period, start, memberId, amount, actor.id(), invocation.now());

        String currency = workspaces.findById(actor.workspaceId()).currency();
        String shown = Amounts.format(amount, metric, m.language(), currency);
        String who = target.map(Member::displayName).orElse(m.get("progress.team"));
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Text("✅ " + m.get("target.set", Markdown.literal(who), shown, Markdown.literal(metric.name(m.language())),
                m.get("period." + period.name().toLowerCase(Locale.ROOT)), start.toString(), period.end(start).toString())));
        BigDecimal best = bestPeriod(actor.workspaceId(), memberId, metric.key(), period, start);
        if (best.signum() > 0 && amount.compareTo(best.multiply(BigDecimal.valueOf(2))) > 0) {
            blocks.add(new Block.Context("⚠️ " + m.get("target.ambitious", Amounts.format(best, metric, m.language(), currency))));
        }
        return Reply.message(m.get("target.set", who, shown, metric.name(m.language()),
                m.get("period." + period.name().toLowerCase(Locale.ROOT)), start.toString(), period.end(start).toString()), blocks);
    }

    /** The best total in any earlier period of this kind (a member's, or the team's). */
    private BigDecimal bestPeriod(Long workspaceId, Long memberId, String metric, Period period, LocalDate before) {
        String unit = period.name().toLowerCase(Locale.ROOT);
        // unit is one of our enum's names, never user text
        Query query = em.createNativeQuery("SELECT coalesce(max(total), 0) FROM (SELECT sum(amount) AS total FROM log_entry "
                + "WHERE workspace_id = ?1 AND metric_key = ?2 AND local_date < ?3 AND undone_at IS NULL "
                + (memberId == null ? "" : "AND member_id = ?4 ") + "GROUP BY date_trunc('" + unit + "', local_date)) t")
                .setParameter(1, workspaceId).setParameter(2, metric).setParameter(3, before);
        if (memberId != null) {
            query.setParameter(4, memberId);
        }
        return (BigDecimal) query.getSingleResult();
    }

    private Reply list(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        Optional<Whom> whom = invocation.arg("who", Whom.class);
        boolean everyone = whom.isEmpty() && actor.role().atLeast(Role.MANAGER);
        Optional<Member> only = whom.isPresent() ? whom(invocation, "who") : everyone ? Optional.empty() : Optional.of(actor);
        boolean teamOnly = whom.isPresent() && whom.get() instanceof Whom.Team;
        String currency = workspaces.findById(actor.workspaceId()).currency();
        List<String> lines = new ArrayList<>();
        for (Target t : progress.activeTargets(actor.workspaceId(), invocation.today())) {
            boolean include = teamOnly ? t.team() : only.map(o -> t.team() || o.id().equals(t.memberId())).orElse(true);
            if (!include) {
                continue;
            }
            Metric metric = metrics.byKey(actor.workspaceId(), t.metricKey()).orElseThrow();
            String who = t.team() ? m.get("progress.team") : members.findById(t.memberId()).displayName();
            lines.add(m.get("target.line", Markdown.literal(who), Amounts.format(t.amount(), metric, m.language(), currency),
                    Markdown.literal(metric.name(m.language())), m.get("period." + t.period().name().toLowerCase(Locale.ROOT)), t.periodEnd().toString()));
        }
        if (lines.isEmpty()) {
            return Reply.text(m.get("target.none"));
        }
        return Reply.message(m.get("target.title"), List.of(new Block.Header(m.get("target.title")), new Block.Bullets(lines)));
    }

    private Reply clear(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        Metric metric = metrics.require(actor.workspaceId(), invocation.required("metric", String.class), m.language());
        Period period = invocation.required("period", Period.class);
        Optional<Member> target = whom(invocation, "who");
        requireManagerUnlessSelf(actor, target);
        int cleared = setter.supersede(actor.workspaceId(), metric.key(), period, period.start(invocation.today()),
                target.map(Member::id).orElse(null), invocation.now());
        if (cleared == 0) {
            throw new ArgError("error.target.none_to_clear", Markdown.literal(metric.name(m.language())),
                    m.get("period." + period.name().toLowerCase(Locale.ROOT)));
        }
        return Reply.text("✅ " + m.get("target.cleared", Markdown.literal(metric.name(m.language())),
                m.get("period." + period.name().toLowerCase(Locale.ROOT))));
    }

    private Reply metricList(Invocation invocation) {
        Messages m = invocation.messages();
        List<String> lines = metrics.active(invocation.member().workspaceId()).stream()
                .map(x -> "`" + x.key() + "` — " + Markdown.literal(x.nameEn()) + " / " + Markdown.literal(x.nameZh())
                        + (x.builtin() ? "" : " " + m.get("metric.custom")))
                .toList();
        return Reply.message(m.get("metric.title"), List.of(new Block.Header(m.get("metric.title")), new Block.Bullets(lines),
                new Block.Context(m.get("metric.hint"))));
    }

    private Reply metricAdd(Invocation invocation) {
        Long ws = invocation.member().workspaceId();
        Messages m = invocation.messages();
        String key = invocation.required("key", String.class).toLowerCase(Locale.ROOT);
        if (!key.matches("[a-z][a-z0-9_-]{1,31}")) {
            throw new ArgError("error.metric.key", key);
        }
        String english = invocation.required("english", String.class).trim();
        String chinese = invocation.required("chinese", String.class).trim();
        String unit = invocation.arg("unit", String.class).map(String::trim).orElse(null);
        if (english.length() > 64 || chinese.length() > 64 || (unit != null && unit.length() > 16)) {
            throw new ArgError("error.text.too_long", 64);
        }
        if (Metric.BUILTIN.stream().anyMatch(b -> b.matches(key) || b.matches(english) || b.matches(chinese))) {
            throw new ArgError("error.metric.exists", key);
        }
        Optional<MetricDefinition> existing = metrics.custom(ws).stream().filter(d -> d.key().equals(key)).findFirst();
        if (existing.isPresent() && !existing.get().archived()) {
            throw new ArgError("error.metric.exists", key);
        }
        existing.ifPresentOrElse(d -> d.restore(english, chinese, unit),
                () -> em.persist(new MetricDefinition(ws, key, english, chinese, unit, invocation.now())));
        return Reply.text("✅ " + m.get("metric.added", key, Markdown.literal(english), Markdown.literal(chinese)));
    }

    private Reply metricRemove(Invocation invocation) {
        Long ws = invocation.member().workspaceId();
        Messages m = invocation.messages();
        String typed = invocation.required("metric", String.class);
        Metric metric = metrics.require(ws, typed, m.language());
        if (metric.builtin()) {
            throw new ArgError("error.metric.builtin", metric.key());
        }
        MetricDefinition definition = metrics.custom(ws).stream().filter(d -> d.key().equals(metric.key())).findFirst().orElseThrow();
        boolean used = !em.createNativeQuery("SELECT 1 FROM log_entry WHERE workspace_id = ?1 AND metric_key = ?2 LIMIT 1")
                .setParameter(1, ws).setParameter(2, metric.key()).getResultList().isEmpty()
                || !em.createNativeQuery("SELECT 1 FROM target WHERE workspace_id = ?1 AND metric_key = ?2 LIMIT 1")
                .setParameter(1, ws).setParameter(2, metric.key()).getResultList().isEmpty();
        if (used) {
            definition.archive();
            return Reply.text("✅ " + m.get("metric.archived", metric.key()));
        }
        em.remove(definition);
        return Reply.text("✅ " + m.get("metric.removed", metric.key()));
    }

    private Reply currency(Invocation invocation) {
        String code = invocation.required("code", String.class).trim().toUpperCase(Locale.ROOT);
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new ArgError("error.currency", code);
        }
        Workspace workspace = workspaces.findById(invocation.member().workspaceId());
        workspace.chooseCurrency(currency.getCurrencyCode());
        Messages m = invocation.messages();
        return Reply.text("✅ " + m.get("settings.currency.set", currency.getCurrencyCode(),
                Amounts.format(new BigDecimal("12000"), Metric.BUILTIN.get(0), m.language(), currency.getCurrencyCode())));
    }
}
