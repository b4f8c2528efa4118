package app.pacer.reviews;

import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.org.Role;
import app.pacer.core.org.WorkspaceRepository;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.core.time.BusinessCalendar;
import app.pacer.core.time.MemberCalendar;
import app.pacer.delivery.ClusterJobs;
import app.pacer.delivery.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Keeps reviews from slipping. Both sides are reminded some days before (the workspace's setting, 3 by
 * default) at their morning time on a working day; the day itself is in the morning nudge
 * ({@link ReviewsSection}); an overdue review is chased every 2 working days and, a week late, escalated to
 * the admins. Every reminder has an idempotency key, so ticks may run twice; and a review that is done or
 * cancelled is no longer looked at, its pending reminders withdrawn ({@link ReviewService#stopReminders}).
 */
@ApplicationScoped
public class ReviewReminders {

    private static final Logger LOG = Logger.getLogger(ReviewReminders.class);
    static final int OVERDUE_EVERY_WORKING_DAYS = 2;
    static final int ESCALATE_AFTER_DAYS = 7;

    private final EntityManager em;
    private final ReviewService reviews;
    private final MemberRepository members;
    private final WorkspaceRepository workspaces;
    private final BusinessCalendar calendar;
    private final Outbox outbox;
    private final ClusterJobs jobs;
    private final Clock clock;
    /** How often the tick runs (its setting); each run claims its slot cluster-wide. */
    private final Duration period;

    public ReviewReminders(EntityManager em, ReviewService reviews, MemberRepository members, WorkspaceRepository workspaces,
            BusinessCalendar calendar, Outbox outbox, ClusterJobs jobs, Clock clock, ReviewsConfig config) {
        this.em = em;
        this.reviews = reviews;
        this.members = members;
        this.workspaces = workspaces;
        this.calendar = calendar;
        this.outbox = outbox;
        this.jobs = jobs;
        this.clock = clock;
        this.period = ClusterJobs.period(config.tick());
    }

    static String keyPrefix(Review review) {
        return "review:" + review.id() + ":";
    }

    @Scheduled(every = "${pacer.review.tick:60s}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void everyMinute() {
        Instant now = clock.instant();
        if (jobs.claim("review-cycles", now.truncatedTo(ChronoUnit.HOURS))) {
            generateCycles(now);
        }
        if (jobs.claim("review-reminders", ClusterJobs.slot(now, period))) {
            remind(now);
        }
    }

    /** Each active cycle's reps get their next review; returns how many were created. */
    public int generateCycles(Instant now) {
        List<Long> cycles = QuarkusTransaction.requiringNew().call(() -> reviews.activeCycles().stream().map(ReviewCycle::id).toList());
        int created = 0;
        for (Long id : cycles) {
            try {
                created += QuarkusTransaction.requiringNew().call(() -> reviews.generate(em.find(ReviewCycle.class, id), now).size());
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not generate the reviews of cycle %d", id);
            }
        }
        if (created > 0) {
            LOG.infof("Review cycles: %d reviews scheduled", created);
        }
        return created;
    }

    /** Enqueues the reminders due at {@code now}; returns how many were enqueued. */
    public int remind(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> remindIn(now));
    }

    private int remindIn(Instant now) {
        // the furthest any local today can be from UTC's, plus the longest reminder window
        LocalDate horizon = now.atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(32);
        List<Review> open = em.createQuery("from Review where state = ?1 and dueOn <= ?2 order by workspaceId, dueOn",
                Review.class).setParameter(1, Review.State.SCHEDULED).setParameter(2, horizon).getResultList();
        if (open.isEmpty()) {
            return 0;
        }
        Map<Long, Member> people = new HashMap<>();
        List<Long> ids = open.stream().flatMap(r -> java.util.stream.Stream.of(r.repId(), r.managerId())).distinct().toList();
        members.list("id in ?1", ids).forEach(p -> people.put(p.id(), p));
        Map<Long, Map<Long, MemberCalendar>> calendars = new HashMap<>();
        Map<Long, List<Member>> admins = new HashMap<>();
        int enqueued = 0;
        for (Review review : open) {
            Long ws = review.workspaceId();
            int remindDays = workspaces.findById(ws).reviewRemindDays();
            Map<Long, MemberCalendar> cals = calendars.computeIfAbsent(ws, w -> calendar.forMembers(w,
                    people.values().stream().filter(p -> p.workspaceId().equals(w)).toList()));
            Member rep = people.get(review.repId());
            Member manager = people.get(review.managerId());
            for (Member who : List.of(rep, manager)) {
                if (who == null || !morning(who, now)) {
                    continue;
                }
                LocalDate today = now.atZone(who.zone()).toLocalDate();
                MemberCalendar cal = cals.get(who.id());
                if (!cal.isWorkingDay(today)) {
                    continue;
                }
                long daysBefore = ChronoUnit.DAYS.between(today, review.dueOn());
                if (daysBefore > 0 && daysBefore <= remindDays) {
                    enqueued += send(who, review, rep, manager, "soon", keyPrefix(review) + "soon:" + who.id(), now, daysBefore);
                } else if (daysBefore < 0) {
                    int late = cal.workingDays(review.dueOn().plusDays(1), today);
                    if (late > 0 && late % OVERDUE_EVERY_WORKING_DAYS == 0) {
                        enqueued += send(who, review, rep, manager, "overdue",
                                keyPrefix(review) + "overdue:" + who.id() + ":" + today, now, -daysBefore);
                    }
                }
            }
            if (manager != null && ChronoUnit.DAYS.between(review.dueOn(), now.atZone(manager.zone()).toLocalDate())
                    >= ESCALATE_AFTER_DAYS) {
                for (Member admin : admins.computeIfAbsent(ws, w -> members.list("workspaceId = ?1 and role = ?2", w, Role.ADMIN))) {
                    if (admin.id().equals(review.managerId()) || admin.id().equals(review.repId()) || !morning(admin, now)) {
                        continue;
                    }
                    long late = ChronoUnit.DAYS.between(review.dueOn(), now.atZone(admin.zone()).toLocalDate());
                    enqueued += send(admin, review, rep, manager, "escalate", keyPrefix(review) + "escalate:" + admin.id(), now,
                            late);
                }
            }
        }
        return enqueued;
    }

    /** Reminders go out from the member's morning time (their nudge time) on. */
    private static boolean morning(Member member, Instant now) {
        ZonedDateTime local = now.atZone(member.zone());
        return !local.toLocalTime().isBefore(member.nudgeTime());
    }

    private int send(Member to, Review review, Member rep, Member manager, String kind, String key, Instant now, long days) {
        if (outbox.exists(key)) {
            return 0;
        }
        Messages m = Messages.of(to.language());
        String type = ReviewCommands.typeName(m, review.type());
        String number = "#" + review.number();
        String text = switch (kind) {
            case "soon" -> to.id().equals(review.repId())
                    ? m.get("review.remind.soon.rep", number, type, Markdown.literal(manager.displayName()), review.dueOn().toString(), days)
                    : m.get("review.remind.soon.manager", number, type, Markdown.literal(rep.displayName()), review.dueOn().toString(), days);
            case "overdue" -> to.id().equals(review.repId())
                    ? m.get("review.remind.overdue.rep", number, type, Markdown.literal(manager.displayName()), review.dueOn().toString(), days)
                    : m.get("review.remind.overdue.manager", number, type, Markdown.literal(rep.displayName()), review.dueOn().toString(), days);
            default -> m.get("review.remind.escalate", number, type, Markdown.literal(rep.displayName()), Markdown.literal(manager.displayName()),
                    review.dueOn().toString(), days);
        };
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Text((kind.equals("soon") ? "📋 " : "⏰ ") + text));
        if (!kind.equals("escalate")) {
            blocks.add(ReviewCommands.buttons(review, m));
        }
        Outbox.Result result = outbox.toMember(to, Reply.message(app.pacer.core.reply.Markdown.plain(text), blocks), key, now,
                now.plus(Duration.ofHours(12)));
        return result == Outbox.Result.ENQUEUED ? 1 : 0;
    }
}
