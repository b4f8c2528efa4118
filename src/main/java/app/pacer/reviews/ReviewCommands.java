package app.pacer.reviews;

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
import app.pacer.core.org.WorkspaceRepository;
import app.pacer.core.reply.ActionRef;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Button;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code review …} and {@code manager …}: scheduling reviews, one-off or in cycles, and who runs them. */
@ApplicationScoped
public class ReviewCommands implements CommandProvider {

    static final int LIST_LIMIT = 30;

    enum Filter { DUE, OVERDUE, DONE }

    enum Cadence { MONTH, QUARTER, OFF }

    private final EntityManager em;
    private final ReviewService reviews;
    private final ReviewForms forms;
    private final OrgService org;
    private final MemberRepository members;
    private final WorkspaceRepository workspaces;

    public ReviewCommands(EntityManager em, ReviewService reviews, ReviewForms forms, OrgService org, MemberRepository members,
            WorkspaceRepository workspaces) {
        this.em = em;
        this.reviews = reviews;
        this.forms = forms;
        this.org = org;
        this.members = members;
        this.workspaces = workspaces;
    }

    @Override
    public List<CommandSpec> commands() {
        var number = ArgTypes.reference("arg.review", "error.review.number");
        var type = ArgTypes.choice("arg.review_type", Review.Type.class, Map.of(
                "1on1", Review.Type.ONE_ON_ONE, "1:1", Review.Type.ONE_ON_ONE, "one-on-one", Review.Type.ONE_ON_ONE,
                "一对一", Review.Type.ONE_ON_ONE, "评估", Review.Type.REVIEW, "绩效", Review.Type.REVIEW));
        var filter = ArgTypes.choice("arg.review_filter", Filter.class, Map.of(
                "upcoming", Filter.DUE, "到期", Filter.DUE, "待办", Filter.DUE, "late", Filter.OVERDUE, "逾期", Filter.OVERDUE,
                "完成", Filter.DONE, "已完成", Filter.DONE, "history", Filter.DONE));
        var cadence = ArgTypes.choice("arg.review_cadence", Cadence.class, Map.of(
                "monthly", Cadence.MONTH, "每月", Cadence.MONTH, "月", Cadence.MONTH, "quarterly", Cadence.QUARTER,
                "每季度", Cadence.QUARTER, "季度", Cadence.QUARTER, "stop", Cadence.OFF, "停止", Cadence.OFF, "关闭", Cadence.OFF));
        return List.of(
                CommandSpec.command("review", "review", "评估", "reviews", "1on1").handler(this::list),
                CommandSpec.command("review.schedule", "schedule", "安排").role(Role.MANAGER)
                        .arg(ArgSpec.required("who", ArgTypes.member())).arg(ArgSpec.required("date", ArgTypes.date()))
                        .arg(ArgSpec.option("type", type)).handler(this::schedule),
                CommandSpec.command("review.cycle", "cycle", "周期").role(Role.MANAGER)
                        .arg(ArgSpec.required("cadence", cadence)).arg(ArgSpec.option("day", ArgTypes.integer("arg.day", 1, 31)))
                        .arg(ArgSpec.optional("who", ArgTypes.memberOrTeam())).arg(ArgSpec.option("type", type))
                        .handler(this::cycle),
                CommandSpec.command("review.list", "list", "列表")
                        .arg(ArgSpec.optional("filter", filter)).arg(ArgSpec.optional("who", ArgTypes.memberOrTeam()))
                        .handler(this::list),
                CommandSpec.command("review.start", "start", "开始")
                        .arg(ArgSpec.required("review", number)).handler(this::start),
                CommandSpec.command("review.show", "show", "查看")
                        .arg(ArgSpec.required("review", number)).handler(this::show),
                CommandSpec.command("review.cancel", "cancel", "取消").role(Role.MANAGER)
                        .arg(ArgSpec.required("review", number)).handler(this::cancel),
                CommandSpec.command("review.remind", "remind", "提前").role(Role.MANAGER)
                        .arg(ArgSpec.required("days", ArgTypes.integer("arg.days", 1, 30))).handler(this::remind),
                CommandSpec.command("review.self", "self").hidden()
                        .arg(ArgSpec.required("review", number)).handler(forms::selfSubmitted),
                CommandSpec.command("review.record", "record").hidden()
                        .arg(ArgSpec.required("review", number)).handler(forms::recordSubmitted),
                CommandSpec.command("manager", "manager", "经理", "managers")
                        .arg(ArgSpec.optional("rep", ArgTypes.member())).arg(ArgSpec.optional("manager", ArgTypes.member()))
                        .handler(this::manager));
    }

    private Reply schedule(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        Member rep = member(invocation, invocation.required("who", UserRef.class));
        LocalDate due = invocation.required("date", LocalDate.class);
        if (due.isBefore(invocation.today())) {
            throw new ArgError("error.review.past", due.toString());
        }
        Member manager = reviews.requireManager(rep);
        Review.Type type = invocation.arg("type", Review.Type.class).orElse(Review.Type.REVIEW);
        Review review = reviews.schedule(rep, manager, type, due, actor, invocation.now());
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Text("✅ " + m.get("review.scheduled", "#" + review.number(), typeName(m, type), Markdown.literal(rep.displayName()),
                due.toString(), Markdown.literal(manager.displayName()))));
        blocks.add(new Block.Context(m.get("review.scheduled.period", review.periodStart().toString(), review.periodEnd().toString())));
        if (!ReviewService.withoutAway(reviews.calendarOf(rep)).isWorkingDay(due)) {
            blocks.add(new Block.Context("⚠️ " + m.get("review.not_working_day", due.toString())));
        }
        return Reply.message(m.get("review.scheduled", "#" + review.number(), typeName(m, type), rep.displayName(),
                due.toString(), manager.displayName()), blocks);
    }

    private Reply cycle(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        Cadence cadence = invocation.required("cadence", Cadence.class);
        Optional<Member> rep = invocation.arg("who", Whom.class).filter(w -> w instanceof Whom.Person)
                .map(w -> member(invocation, ((Whom.Person) w).user()));
        String scope = rep.map(Member::displayName).orElse(m.get("review.cycle.every_rep"));
        if (cadence == Cadence.OFF) {
            boolean stopped = reviews.stopCycle(actor.workspaceId(), rep, invocation.now());
            return Reply.text(stopped ? "✅ " + m.get("review.cycle.stopped", scope) : m.get("review.cycle.none", scope));
        }
        Period period = cadence == Cadence.MONTH ? Period.MONTH : Period.QUARTER;
        int day = invocation.arg("day", Integer.class).orElse(1);
        Review.Type type = invocation.arg("type", Review.Type.class).orElse(Review.Type.REVIEW);
        ReviewCycle cycle = reviews.startCycle(actor.workspaceId(), period, day, rep, type, actor, invocation.now());
        List<Review> created = reviews.generate(cycle, invocation.now());
        List<Block> blocks = new ArrayList<>();
        String headline = m.get(period == Period.MONTH ? "review.cycle.monthly" : "review.cycle.quarterly", day, scope,
                typeName(m, type));
        blocks.add(new Block.Text("✅ " + headline));
        Map<Long, Member> people = people(created);
        if (created.isEmpty()) {
            blocks.add(new Block.Context(m.get("review.cycle.no_reps")));
        } else {
            blocks.add(new Block.Bullets(created.stream().limit(LIST_LIMIT).map(r -> line(r, people, m, invocation.today())).toList()));
        }
        blocks.add(new Block.Context(m.get("review.cycle.hint")));
        return Reply.message(headline, blocks);
    }

    private Reply list(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        Optional<Filter> filter = invocation.arg("filter", Filter.class);
        Optional<Whom> who = invocation.arg("who", Whom.class);
        StringBuilder jpql = new StringBuilder("from Review where workspaceId = :ws");
        Map<String, Object> params = new HashMap<>();
        params.put("ws", actor.workspaceId());
        if (who.isPresent() && who.get() instanceof Whom.Team) {
            if (!actor.role().atLeast(Role.MANAGER)) {
                throw new ArgError("error.review.team_only_managers");
            }
            if (actor.role() != Role.ADMIN) {
                jpql.append(" and managerId = :me");
                params.put("me", actor.id());
            }
        } else if (who.isPresent()) {
            Member rep = member(invocation, ((Whom.Person) who.get()).user());
            jpql.append(" and repId = :rep");
            params.put("rep", rep.id());
            if (!rep.id().equals(actor.id()) && actor.role() != Role.ADMIN) {
                jpql.append(" and managerId = :me");
                params.put("me", actor.id());
            }
        } else {
            jpql.append(" and (repId = :me or managerId = :me)");
            params.put("me", actor.id());
        }
        Filter f = filter.orElse(null);
        if (f == Filter.DONE) {
            jpql.append(" and state = :done order by dueOn desc, number desc");
            params.put("done", Review.State.DONE);
        } else {
            jpql.append(" and state = :open");
            params.put("open", Review.State.SCHEDULED);
            if (f == Filter.DUE) {
                jpql.append(" and dueOn >= :today");
                params.put("today", invocation.today());
            } else if (f == Filter.OVERDUE) {
                jpql.append(" and dueOn < :today");
                params.put("today", invocation.today());
            }
            jpql.append(" order by dueOn, number");
        }
        var query = em.createQuery(jpql.toString(), Review.class);
        params.forEach(query::setParameter);
        List<Review> found = query.setMaxResults(LIST_LIMIT + 1).getResultList();
        String title = m.get("review.list.title." + (f == null ? "open" : f.name().toLowerCase(java.util.Locale.ROOT)));
        if (found.isEmpty()) {
            return Reply.text(m.get("review.list.empty", title));
        }
        Map<Long, Member> people = people(found);
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Header(title));
        blocks.add(new Block.Bullets(found.stream().limit(LIST_LIMIT).map(r -> line(r, people, m, invocation.today())).toList()));
        if (found.size() > LIST_LIMIT) {
            blocks.add(new Block.Context(m.get("review.list.more", LIST_LIMIT)));
        }
        blocks.add(new Block.Context(m.get("review.list.hint")));
        return Reply.message(title, blocks);
    }

    private Reply start(Invocation invocation) {
        Member actor = invocation.member();
        Review review = reviews.visible(actor, invocation.required("review", Integer.class));
        if (!review.open()) {
            throw new ArgError(review.state() == Review.State.DONE ? "error.review.already_done" : "error.review.cancelled",
                    "#" + review.number());
        }
        return new Reply.OpenForm(ReviewService.reviews(actor, review) ? forms.managerForm(invocation, review)
                : forms.selfForm(invocation, review));
    }

    private Reply show(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        Review review = reviews.visible(actor, invocation.required("review", Integer.class));
        return Reply.message(m.get("review.show.title", "#" + review.number(), members.findById(review.repId()).displayName()),
                forms.card(review, actor, m, invocation.today()));
    }

    private Reply cancel(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        Review review = reviews.visible(actor, invocation.required("review", Integer.class));
        if (!ReviewService.reviews(actor, review)) {
            throw new ArgError("error.review.not_found", "#" + review.number());
        }
        if (!review.open()) {
            throw new ArgError(review.state() == Review.State.DONE ? "error.review.already_done" : "error.review.cancelled",
                    "#" + review.number());
        }
        review.cancel();
        reviews.stopReminders(review);
        return Reply.text("✅ " + m.get("review.cancelled", "#" + review.number()));
    }

    private Reply remind(Invocation invocation) {
        int days = invocation.required("days", Integer.class);
        workspaces.findById(invocation.member().workspaceId()).chooseReviewRemindDays(days);
        return Reply.text("✅ " + invocation.messages().get("review.remind.set", days));
    }

    private Reply manager(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        Optional<UserRef> repRef = invocation.arg("rep", UserRef.class);
        Optional<UserRef> managerRef = invocation.arg("manager", UserRef.class);
        if (repRef.isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (Member member : members.inWorkspace(actor.workspaceId())) {
                if (member.role() == Role.REP || member.managerId().isPresent()) {
                    lines.add("**" + Markdown.literal(member.displayName()) + "** → " + reviews.managerOf(member).map(Member::displayName)
                            .orElse(m.get("manager.none")));
                }
            }
            return Reply.message(m.get("manager.title"), List.of(new Block.Header(m.get("manager.title")),
                    lines.isEmpty() ? new Block.Context(m.get("manager.nobody")) : new Block.Bullets(lines),
                    new Block.Context(m.get("manager.hint"))));
        }
        Member rep = member(invocation, repRef.get());
        if (managerRef.isEmpty()) {
            return Reply.text(m.get("manager.of", Markdown.literal(rep.displayName()),
                    reviews.managerOf(rep).map(Member::displayName).orElse(m.get("manager.none"))));
        }
        if (!actor.role().atLeast(Role.MANAGER)) {
            throw new ArgError("error.role_required", new ArgError.Key("role.manager"));
        }
        Member manager = member(invocation, managerRef.get());
        if (manager.id().equals(rep.id())) {
            throw new ArgError("error.manager.self", Markdown.literal(rep.displayName()));
        }
        if (!manager.role().atLeast(Role.MANAGER)) {
            throw new ArgError("error.manager.not_manager", Markdown.literal(manager.displayName()));
        }
        if (reviews.managesTransitively(rep, manager)) {
            throw new ArgError("error.manager.loop", Markdown.literal(manager.displayName()), Markdown.literal(rep.displayName()));
        }
        rep.assignManager(manager.id(), invocation.now());
        int moved = reviews.moveOpenReviews(rep, manager);
        return Reply.text("✅ " + m.get("manager.set", Markdown.literal(rep.displayName()), Markdown.literal(manager.displayName()))
                + (moved == 0 ? "" : " " + m.get("manager.moved", moved)));
    }

    private Member member(Invocation invocation, UserRef ref) {
        Member actor = invocation.member();
        return ref.userId().equals(actor.platformUserId()) ? actor : org.memberFor(actor.workspaceId(), ref, invocation.profiles());
    }

    private Map<Long, Member> people(List<Review> list) {
        List<Long> ids = list.stream().flatMap(r -> java.util.stream.Stream.of(r.repId(), r.managerId())).distinct().toList();
        Map<Long, Member> byId = new HashMap<>();
        if (!ids.isEmpty()) {
            members.list("id in ?1", ids).forEach(p -> byId.put(p.id(), p));
        }
        return byId;
    }

    static String typeName(Messages m, Review.Type type) {
        return m.get("review.type." + type.name().toLowerCase(java.util.Locale.ROOT));
    }

    static String line(Review r, Map<Long, Member> people, Messages m, LocalDate today) {
        String rep = Markdown.literal(people.get(r.repId()).displayName());
        String manager = Markdown.literal(people.get(r.managerId()).displayName());
        String status = switch (r.state()) {
            case DONE -> "✅ " + m.get("review.state.done") + (r.overallRating() == null ? "" : " · " + stars(r.overallRating()));
            case CANCELLED -> m.get("review.state.cancelled");
            case SCHEDULED -> r.dueOn().isBefore(today) ? "⏰ " + m.get("review.state.overdue")
                    : r.dueOn().equals(today) ? "📌 " + m.get("review.state.today") : m.get("review.state.scheduled");
        };
        return "#" + r.number() + " · " + r.dueOn() + " · " + m.get("review.list.line", typeName(m, r.type()), rep, manager)
                + " · " + status;
    }

    static String stars(int rating) {
        return "★".repeat(rating) + "☆".repeat(5 - rating);
    }

    /** Buttons of a review someone can act on. */
    static Block.Actions buttons(Review review, Messages m) {
        String n = String.valueOf(review.number());
        return new Block.Actions(List.of(
                Button.primary(m.get("review.button.start"), ActionRef.of("review.start", Map.of("review", n))),
                Button.of(m.get("review.button.show"), ActionRef.of("review.show", Map.of("review", n)))));
    }
}
