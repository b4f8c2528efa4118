package app.pacer.reviews;

import app.pacer.core.reply.Markdown;
import app.pacer.core.section.ReviewSnapshotSection;
import app.pacer.core.section.ReviewSnapshot;
import app.pacer.core.command.ArgError;
import app.pacer.core.command.Period;
import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.org.Role;
import app.pacer.core.time.BusinessCalendar;
import app.pacer.core.time.MemberCalendar;
import app.pacer.delivery.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Reviews: who runs them, when they fall due, who may see them, their snapshot, and recording them. */
@ApplicationScoped
public class ReviewService {

    private final EntityManager em;
    private final MemberRepository members;
    private final BusinessCalendar calendar;
    private final Outbox outbox;
    private final List<ReviewSnapshotSection> sections;

    public ReviewService(EntityManager em, MemberRepository members, BusinessCalendar calendar, Outbox outbox,
            Instance<ReviewSnapshotSection> sections) {
        this.em = em;
        this.members = members;
        this.calendar = calendar;
        this.outbox = outbox;
        this.sections = sections.stream().sorted(Comparator.comparingInt(ReviewSnapshotSection::order)).toList();
    }

    /** The rep's manager: the one assigned, else the workspace's first admin. Empty when that is the rep. */
    public Optional<Member> managerOf(Member rep) {
        Optional<Member> manager = rep.managerId().flatMap(members::findByIdOptional);
        if (manager.isEmpty()) {
            manager = members.find("workspaceId = ?1 and role = ?2 order by id", rep.workspaceId(), Role.ADMIN)
                    .firstResultOptional();
        }
        return manager.filter(m -> !m.id().equals(rep.id()));
    }

    public Member requireManager(Member rep) {
        return managerOf(rep).orElseThrow(() -> new ArgError("error.review.no_manager", Markdown.literal(rep.displayName())));
    }

    public Review byId(Long id) {
        return em.find(Review.class, id);
    }

    /** Review #number, if the actor may see it: the rep, the manager running it, and admins. Else "not found". */
    public Review visible(Member actor, int number) {
        Review review = em.createQuery("from Review where workspaceId = ?1 and number = ?2", Review.class)
                .setParameter(1, actor.workspaceId()).setParameter(2, number).getResultStream().findFirst().orElse(null);
        if (review == null || !maySee(actor, review)) {
            throw new ArgError("error.review.not_found", "#" + number);
        }
        return review;
    }

    public static boolean maySee(Member actor, Review review) {
        return actor.workspaceId().equals(review.workspaceId()) && (actor.id().equals(review.repId())
                || actor.id().equals(review.managerId()) || actor.role() == Role.ADMIN);
    }

    /** Whether the actor records the review (the manager running it, or an admin), rather than the rep. */
    public static boolean reviews(Member actor, Review review) {
        return !actor.id().equals(review.repId()) && (actor.id().equals(review.managerId()) || actor.role() == Role.ADMIN);
    }

    /** A one-off review: it covers the time since the rep's last review, or the month before it is due. */
    public Review schedule(Member rep, Member manager, Review.Type type, LocalDate due, Member by, Instant now) {
        LocalDate to = due.minusDays(1);
        LocalDate from = em.createQuery("""
                select max(periodEnd) from Review where repId = ?1 and state <> ?2 and periodEnd < ?3""", LocalDate.class)
                .setParameter(1, rep.id()).setParameter(2, Review.State.CANCELLED).setParameter(3, to)
                .getResultStream().filter(java.util.Objects::nonNull).findFirst()
                .map(d -> d.plusDays(1)).filter(d -> !d.isBefore(due.minusMonths(3)))
                .orElse(due.minusMonths(1));
        Review review = new Review(rep.workspaceId(), nextNumber(rep.workspaceId()), rep.id(), manager.id(), type, null,
                due, from.isAfter(to) ? to : from, to, by.id(), now);
        em.persist(review);
        return review;
    }

    /** The kind of period the review's cycle runs on; empty for a one-off review. */
    public Optional<Period> cadenceOf(Review review) {
        return Optional.ofNullable(review.cycleId()).map(id -> em.find(ReviewCycle.class, id)).map(ReviewCycle::cadence);
    }

    public MemberCalendar calendarOf(Member member) {
        return calendar.forMember(member);
    }

    /** Whether {@code rep} is already above {@code manager} in the chain (setting it would make a loop). */
    public boolean managesTransitively(Member rep, Member manager) {
        Optional<Member> up = Optional.of(manager);
        for (int depth = 0; depth < 50 && up.isPresent(); depth++) {
            Optional<Long> next = up.get().managerId();
            if (next.isPresent() && next.get().equals(rep.id())) {
                return true;
            }
            up = next.flatMap(members::findByIdOptional);
        }
        return false;
    }

    /** A rep's new manager takes over their open reviews. */
    public int moveOpenReviews(Member rep, Member manager) {
        return em.createQuery("update Review set managerId = ?1 where repId = ?2 and state = ?3")
                .setParameter(1, manager.id()).setParameter(2, rep.id()).setParameter(3, Review.State.SCHEDULED)
                .executeUpdate();
    }

    // ---- cycles

    /** Starts a cycle for one rep or (rep empty) every rep, replacing the one that scope had. */
    public ReviewCycle startCycle(Long workspaceId, Period cadence, int day, Optional<Member> rep, Review.Type type, Member by,
            Instant now) {
        stopCycle(workspaceId, rep, now);
        ReviewCycle cycle = new ReviewCycle(workspaceId, cadence, day, rep.map(Member::id).orElse(null), type, by.id(), now);
        em.persist(cycle);
        em.flush();
        return cycle;
    }

    /** Stops the scope's cycle; its reviews already scheduled stay. Returns whether there was one. */
    public boolean stopCycle(Long workspaceId, Optional<Member> rep, Instant now) {
        var update = em.createQuery("update ReviewCycle set stoppedAt = ?1 where workspaceId = ?2 and stoppedAt is null and "
                + (rep.isPresent() ? "repId = ?3" : "repId is null")).setParameter(1, now).setParameter(2, workspaceId);
        rep.ifPresent(r -> update.setParameter(3, r.id()));
        return update.executeUpdate() > 0;
    }

    public List<ReviewCycle> activeCycles() {
        return em.createQuery("from ReviewCycle where stoppedAt is null order by id", ReviewCycle.class).getResultList();
    }

    /**
     * Makes sure each rep of the cycle has their next review: the first one due on or after their local today.
     * Idempotent (one review per cycle, rep and period), so it may run as often as wanted. Returns the reviews
     * it created.
     */
    public List<Review> generate(ReviewCycle cycle, Instant now) {
        List<Member> reps = cycle.repId() != null
                ? members.findByIdOptional(cycle.repId()).stream().toList()
                : members.list("workspaceId = ?1 and role = ?2 order by id", cycle.workspaceId(), Role.REP);
        if (reps.isEmpty()) {
            return List.of();
        }
        var calendars = calendar.forMembers(cycle.workspaceId(), reps);
        List<Review> created = new ArrayList<>();
        for (Member rep : reps) {
            Optional<Member> manager = managerOf(rep);
            if (manager.isEmpty()) {
                continue;
            }
            LocalDate today = now.atZone(rep.zone()).toLocalDate();
            Occurrence next = cycle.occurrence(today, withoutAway(calendars.get(rep.id())));
            boolean exists = !em.createQuery("select 1 from Review where cycleId = ?1 and repId = ?2 and periodStart = ?3")
                    .setParameter(1, cycle.id()).setParameter(2, rep.id()).setParameter(3, next.periodStart())
                    .getResultList().isEmpty();
            if (!exists) {
                Review review = new Review(cycle.workspaceId(), nextNumber(cycle.workspaceId()), rep.id(), manager.get().id(),
                        cycle.type(), cycle.id(), next.due(), next.periodStart(), next.periodEnd(), cycle.createdBy(), now);
                em.persist(review);
                created.add(review);
            }
        }
        em.flush();
        return created;
    }

    /** One review of a cycle: due on a working day, covering the previous month or quarter. */
    public record Occurrence(LocalDate due, LocalDate periodStart, LocalDate periodEnd) {
    }

    /** Due dates move off holidays and weekends, not off a rep's away days (the review waits for them). */
    static MemberCalendar withoutAway(MemberCalendar calendar) {
        return new MemberCalendar(calendar.workWeek(), calendar.holidays(), List.of());
    }

    // ---- the review itself

    public ReviewSnapshot snapshot(Review review, LocalDate today) {
        Member rep = members.findById(review.repId());
        List<ReviewSnapshot.Section> parts = new ArrayList<>();
        for (ReviewSnapshotSection section : sections) {
            section.compute(rep, review.periodStart(), review.periodEnd(), today).ifPresent(parts::add);
        }
        return new ReviewSnapshot(review.periodStart().toString(), review.periodEnd().toString(), parts);
    }

    /** The frozen snapshot of a recorded review, or the live one of an open review. */
    public ReviewSnapshot snapshotOf(Review review, LocalDate today) {
        return review.snapshot() != null ? ReviewSnapshot.fromJson(review.snapshot()) : snapshot(review, today);
    }

    /** Reminders still waiting in the outbox are dropped: a done or cancelled review is not chased any more. */
    public void stopReminders(Review review) {
        outbox.expirePending(ReviewReminders.keyPrefix(review));
    }

    public int nextNumber(Long workspaceId) {
        return ((Number) em.createNativeQuery("UPDATE workspace SET review_seq = review_seq + 1 WHERE id = ?1 RETURNING review_seq")
                .setParameter(1, workspaceId).getSingleResult()).intValue();
    }
}
