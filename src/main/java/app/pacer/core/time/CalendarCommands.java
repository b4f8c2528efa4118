package app.pacer.core.time;

import app.pacer.core.command.ArgError;
import app.pacer.core.command.ArgSpec;
import app.pacer.core.command.ArgTypes;
import app.pacer.core.command.CommandProvider;
import app.pacer.core.command.CommandSpec;
import app.pacer.core.command.DateRangeArg;
import app.pacer.core.command.Invocation;
import app.pacer.core.org.Member;
import app.pacer.core.org.Role;
import app.pacer.core.org.Workspace;
import app.pacer.core.org.WorkspaceRepository;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code workweek}, {@code away} and {@code holiday}: the calendars pacing and nudges follow. */
@ApplicationScoped
public class CalendarCommands implements CommandProvider {

    /** Who a work week is for. */
    enum Scope { ME, TEAM }

    private final EntityManager em;
    private final WorkspaceRepository workspaces;
    private final BusinessCalendar calendar;

    public CalendarCommands(EntityManager em, WorkspaceRepository workspaces, BusinessCalendar calendar) {
        this.em = em;
        this.workspaces = workspaces;
        this.calendar = calendar;
    }

    @Override
    public List<CommandSpec> commands() {
        var week = ArgTypes.choice("arg.work_week", WorkWeek.class, Map.of(
                "mon-fri", WorkWeek.MON_FRI, "mon-sat", WorkWeek.MON_SAT, "sun-thu", WorkWeek.SUN_THU,
                "周一至周五", WorkWeek.MON_FRI, "周一至周六", WorkWeek.MON_SAT, "周日至周四", WorkWeek.SUN_THU));
        var scope = ArgTypes.choice("arg.scope", Scope.class, Map.of("team", Scope.TEAM, "团队", Scope.TEAM,
                "me", Scope.ME, "我", Scope.ME));
        DateRangeArg range = new DateRangeArg();
        return List.of(
                CommandSpec.command("workweek", "workweek", "工作日", "work-week")
                        .arg(ArgSpec.optional("week", week)).arg(ArgSpec.optional("scope", scope))
                        .handler(this::workWeek),
                CommandSpec.command("away", "away", "请假", "休假")
                        .arg(ArgSpec.required("days", range)).handler(this::away),
                CommandSpec.command("away.list", "list", "列表").handler(this::awayList),
                CommandSpec.command("away.cancel", "cancel", "取消")
                        .arg(ArgSpec.required("day", ArgTypes.date())).handler(this::awayCancel),
                CommandSpec.command("holiday", "holiday", "假期", "holidays").handler(this::holidayList),
                CommandSpec.command("holiday.add", "add", "添加").role(Role.ADMIN)
                        .arg(ArgSpec.required("days", range))
                        .arg(ArgSpec.required("name", ArgTypes.text("arg.name"))).handler(this::holidayAdd),
                CommandSpec.command("holiday.list", "list", "列表").handler(this::holidayList),
                CommandSpec.command("holiday.remove", "remove", "删除").role(Role.ADMIN)
                        .arg(ArgSpec.required("day", ArgTypes.date())).handler(this::holidayRemove));
    }

    private Reply workWeek(Invocation invocation) {
        Member member = invocation.member();
        Messages m = invocation.messages();
        Workspace workspace = workspaces.findById(member.workspaceId());
        var chosen = invocation.arg("week", WorkWeek.class);
        Scope scope = invocation.arg("scope", Scope.class).orElse(Scope.ME);
        if (chosen.isEmpty()) {
            WorkWeek mine = member.ownWorkWeek() != null ? member.ownWorkWeek() : workspace.workWeek();
            return Reply.text(m.get("workweek.show", mine.typed(), workspace.workWeek().typed()));
        }
        if (scope == Scope.TEAM) {
            if (!member.role().atLeast(Role.ADMIN)) {
                throw new ArgError("error.role_required", new ArgError.Key("role.admin"));
            }
            workspace.chooseWorkWeek(chosen.get());
            return Reply.text("✅ " + m.get("workweek.team_set", chosen.get().typed()));
        }
        member.chooseWorkWeek(chosen.get(), invocation.now());
        return Reply.text("✅ " + m.get("workweek.set", chosen.get().typed()));
    }

    private Reply away(Invocation invocation) {
        Member member = invocation.member();
        DateRange days = invocation.required("days", DateRange.class);
        if (days.last().isBefore(invocation.today())) {
            throw new ArgError("error.range.past", days.toString());
        }
        em.persist(new Away(member.workspaceId(), member.id(), days));
        MemberCalendar cal = calendar.forMember(member);
        return Reply.text("✅ " + invocation.messages().get("away.set", days.toString(),
                cal.nextWorkingDay(days.last().plusDays(1)).toString()));
    }

    private Reply awayList(Invocation invocation) {
        Messages m = invocation.messages();
        List<String> lines = em.createQuery("from Away where memberId = ?1 and lastDay >= ?2 order by firstDay", Away.class)
                .setParameter(1, invocation.member().id()).setParameter(2, invocation.today()).getResultList()
                .stream().map(a -> a.range().toString()).toList();
        if (lines.isEmpty()) {
            return Reply.text(m.get("away.none"));
        }
        return Reply.message(m.get("away.title"), List.of(new Block.Header(m.get("away.title")), new Block.Bullets(lines)));
    }

    private Reply awayCancel(Invocation invocation) {
        LocalDate day = invocation.required("day", LocalDate.class);
        int removed = em.createQuery("delete from Away where memberId = ?1 and firstDay <= ?2 and lastDay >= ?2")
                .setParameter(1, invocation.member().id()).setParameter(2, day).executeUpdate();
        if (removed == 0) {
            throw new ArgError("error.away.none_on", day.toString());
        }
        return Reply.text("✅ " + invocation.messages().get("away.cancelled", day.toString()));
    }

    private Reply holidayAdd(Invocation invocation) {
        DateRange days = invocation.required("days", DateRange.class);
        String name = invocation.required("name", String.class).trim();
        if (name.length() > 200) {
            throw new ArgError("error.text.too_long", 200);
        }
        Long workspaceId = invocation.member().workspaceId();
        em.persist(new Holiday(workspaceId, days, name));
        return Reply.text("✅ " + invocation.messages().get("holiday.added", name, days.toString()));
    }

    private Reply holidayList(Invocation invocation) {
        Messages m = invocation.messages();
        List<String> lines = new ArrayList<>();
        for (Holiday h : calendar.holidays(invocation.member().workspaceId())) {
            if (!h.range().last().isBefore(invocation.today().minusDays(30))) {
                lines.add("**" + h.name() + "** — " + h.range());
            }
        }
        if (lines.isEmpty()) {
            return Reply.text(m.get("holiday.none"));
        }
        return Reply.message(m.get("holiday.title"), List.of(new Block.Header(m.get("holiday.title")),
                new Block.Bullets(lines), new Block.Context(m.get("holiday.hint"))));
    }

    private Reply holidayRemove(Invocation invocation) {
        LocalDate day = invocation.required("day", LocalDate.class);
        List<Holiday> matching = em.createQuery(
                        "from Holiday where workspaceId = ?1 and firstDay <= ?2 and lastDay >= ?2", Holiday.class)
                .setParameter(1, invocation.member().workspaceId()).setParameter(2, day).getResultList();
        if (matching.isEmpty()) {
            throw new ArgError("error.holiday.none_on", day.toString());
        }
        matching.forEach(em::remove);
        return Reply.text("✅ " + invocation.messages().get("holiday.removed",
                String.join(", ", matching.stream().map(Holiday::name).toList())));
    }
}
