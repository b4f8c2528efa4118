package app.pacer.core.time;

import app.pacer.core.org.Member;
import app.pacer.core.org.Workspace;
import app.pacer.core.org.WorkspaceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * "Is this a working day for this member?" and "how many working days are left in this period?": work week
 * (the member's, else the workspace's), the workspace's holidays and the member's away days.
 */
@ApplicationScoped
public class BusinessCalendar {

    private final EntityManager em;
    private final WorkspaceRepository workspaces;

    public BusinessCalendar(EntityManager em, WorkspaceRepository workspaces) {
        this.em = em;
        this.workspaces = workspaces;
    }

    /** The team's calendar: the workspace's work week and holidays (nobody's away days). */
    public MemberCalendar forTeam(Long workspaceId) {
        return new MemberCalendar(workspaces.findById(workspaceId).workWeek(), holidays(workspaceId), List.of());
    }

    public MemberCalendar forMember(Member member) {
        Workspace workspace = workspaces.findById(member.workspaceId());
        return new MemberCalendar(workWeek(member, workspace), holidays(member.workspaceId()),
                em.createQuery("from Away where memberId = ?1", Away.class).setParameter(1, member.id())
                        .getResultList().stream().map(Away::range).toList());
    }

    /** Calendars for many members of one workspace, in three queries. */
    public Map<Long, MemberCalendar> forMembers(Long workspaceId, List<Member> members) {
        Workspace workspace = workspaces.findById(workspaceId);
        List<Holiday> holidays = holidays(workspaceId);
        Map<Long, List<DateRange>> away = em.createQuery("from Away where workspaceId = ?1", Away.class)
                .setParameter(1, workspaceId).getResultList().stream()
                .collect(Collectors.groupingBy(Away::memberId, Collectors.mapping(Away::range, Collectors.toList())));
        Map<Long, MemberCalendar> calendars = new HashMap<>();
        for (Member member : members) {
            calendars.put(member.id(), new MemberCalendar(workWeek(member, workspace), holidays,
                    away.getOrDefault(member.id(), List.of())));
        }
        return calendars;
    }

    public boolean isWorkingDay(Member member, LocalDate day) {
        return forMember(member).isWorkingDay(day);
    }

    public int workingDaysLeft(Member member, LocalDate today, LocalDate periodEnd) {
        return forMember(member).workingDaysLeft(today, periodEnd);
    }

    public List<Holiday> holidays(Long workspaceId) {
        return em.createQuery("from Holiday where workspaceId = ?1 order by firstDay", Holiday.class)
                .setParameter(1, workspaceId).getResultList();
    }

    static WorkWeek workWeek(Member member, Workspace workspace) {
        return member.ownWorkWeek() != null ? member.ownWorkWeek() : workspace.workWeek();
    }
}
