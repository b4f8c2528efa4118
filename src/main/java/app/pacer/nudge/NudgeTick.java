package app.pacer.nudge;

import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.time.BusinessCalendar;
import app.pacer.core.time.MemberCalendar;
import app.pacer.delivery.ClusterJobs;
import app.pacer.delivery.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Time;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Every minute: finds members whose nudge time has come in their own time zone today and enqueues their
 * nudge under the key {@code nudge:<member>:<local date>}. One replica runs each minute's tick (a claim row);
 * even if two did, the key makes the second enqueue a no-op. A nudge that fell due more than
 * {@link #LATE_WINDOW} ago (downtime) is skipped and logged, not sent hours late.
 */
@ApplicationScoped
public class NudgeTick {

    private static final Logger LOG = Logger.getLogger(NudgeTick.class);
    public static final Duration LATE_WINDOW = Duration.ofHours(2);
    private static final int BATCH = 200;

    private final EntityManager em;
    private final MemberRepository members;
    private final BusinessCalendar calendar;
    private final NudgeService nudges;
    private final Outbox outbox;
    private final ClusterJobs jobs;
    private final Clock clock;
    private final Duration period;

    public NudgeTick(EntityManager em, MemberRepository members, BusinessCalendar calendar, NudgeService nudges,
            Outbox outbox, ClusterJobs jobs, Clock clock, NudgeConfig config) {
        this.em = em;
        this.members = members;
        this.calendar = calendar;
        this.nudges = nudges;
        this.outbox = outbox;
        this.jobs = jobs;
        this.clock = clock;
        this.period = ClusterJobs.period(config.tick());
    }

    @Scheduled(every = "${pacer.nudge.tick:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void everyMinute() {
        Instant now = clock.instant();
        if (jobs.claim("nudge-tick", ClusterJobs.slot(now, period))) {
            enqueueDue(now);
        }
    }

    /** What one tick did. */
    public record Stats(int enqueued, int notWorkingDay, int unreachable, int tooLate, int duplicates, int failed) {
    }

    /** Enqueues every nudge due at {@code now}; safe to call concurrently and repeatedly. */
    public Stats enqueueDue(Instant now) {
        List<Due> due = QuarkusTransaction.requiringNew().call(() -> findDue(now));
        int[] counts = new int[6];
        for (int from = 0; from < due.size(); from += BATCH) {
            List<Due> batch = due.subList(from, Math.min(due.size(), from + BATCH));
            QuarkusTransaction.requiringNew().run(() -> enqueue(batch, now, counts));
        }
        Stats stats = new Stats(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]);
        if (!due.isEmpty()) {
            LOG.infof("Nudges: %d enqueued, %d not a working day, %d not reachable yet, %d skipped as too late, "
                    + "%d already enqueued, %d failed", stats.enqueued(), stats.notWorkingDay(), stats.unreachable(),
                    stats.tooLate(), stats.duplicates(), stats.failed());
        }
        return stats;
    }

    private record Due(long memberId, long workspaceId, LocalDate localDate, Instant dueAt) {
    }

    /**
     * Members whose nudge time has passed on their local today — or yesterday, when a nudge due late in the
     * evening fell into downtime across their midnight — and who have not had that day's nudge.
     */
    private List<Due> findDue(Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, workspace_id, time_zone, platform_time_zone, nudge_time, nudged_on
                FROM member WHERE nudge_enabled AND contacted_at IS NOT NULL""").getResultList();
        List<Due> due = new ArrayList<>();
        for (Object[] row : rows) {
            ZoneId zone = Member.zoneOf((String) row[2], (String) row[3]);
            LocalTime at = row[4] == null ? Member.DEFAULT_NUDGE_TIME : toLocalTime(row[4]);
            LocalDate today = now.atZone(zone).toLocalDate();
            LocalDate last = row[5] == null ? null : toLocalDate(row[5]);
            for (LocalDate day : List.of(today.minusDays(1), today)) {
                if (last != null && !day.isAfter(last)) {
                    continue; // had it (or it was decided) already; a member moving west must not get it twice
                }
                // a nudge time in a DST gap moves forward with the clocks (ZonedDateTime.of does that)
                Instant dueAt = ZonedDateTime.of(day, at, zone).toInstant();
                boolean yesterdayStillInWindow = !day.equals(today)
                        && Duration.between(dueAt, now).compareTo(LATE_WINDOW) <= 0;
                if (!dueAt.isAfter(now) && (day.equals(today) || yesterdayStillInWindow)) {
                    due.add(new Due(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), day, dueAt));
                }
            }
        }
        return due;
    }

    private void enqueue(List<Due> batch, Instant now, int[] counts) {
        Map<Long, Member> byId = new HashMap<>();
        members.list("id in ?1", batch.stream().map(Due::memberId).toList()).forEach(m -> byId.put(m.id(), m));
        Map<Long, Map<Long, MemberCalendar>> calendars = new HashMap<>();
        for (Due d : batch) {
            Member member = byId.get(d.memberId());
            if (member == null) {
                continue;
            }
            MemberCalendar cal = calendars.computeIfAbsent(d.workspaceId(), ws -> calendar.forMembers(ws,
                    batch.stream().filter(b -> b.workspaceId() == ws).map(b -> byId.get(b.memberId()))
                            .filter(java.util.Objects::nonNull).toList())).get(member.id());
            if (Duration.between(d.dueAt(), now).compareTo(LATE_WINDOW) > 0) {
                LOG.infof("Nudge of member %d for %s skipped: due at %s, more than %s ago", member.id(), d.localDate(),
                        d.dueAt(), LATE_WINDOW);
                counts[3]++;
            } else if (!cal.isWorkingDay(d.localDate())) {
                counts[1]++;
            } else {
                try {
                    Outbox.Result result = outbox.toMember(member, nudges.build(member, d.localDate(), cal),
                            "nudge:" + member.id() + ":" + d.localDate(), d.dueAt(), d.dueAt().plus(LATE_WINDOW));
                    counts[result == Outbox.Result.ENQUEUED ? 0 : result == Outbox.Result.UNREACHABLE ? 2 : 4]++;
                } catch (RuntimeException e) {
                    // one member's broken section must not silence everyone after them
                    LOG.errorf(e, "Could not build the nudge of member %d for %s", member.id(), d.localDate());
                    counts[5]++;
                }
            }
            // a plain update: the tick must not overwrite what the member changed meanwhile
            em.createNativeQuery("UPDATE member SET nudged_on = ?1 WHERE id = ?2 AND (nudged_on IS NULL OR nudged_on < ?1)")
                    .setParameter(1, d.localDate()).setParameter(2, member.id()).executeUpdate();
        }
    }

    private static LocalTime toLocalTime(Object value) {
        return value instanceof Time t ? t.toLocalTime() : value instanceof LocalTime lt ? lt : LocalTime.parse(value.toString());
    }

    private static LocalDate toLocalDate(Object value) {
        return value instanceof java.sql.Date d ? d.toLocalDate() : value instanceof LocalDate ld ? ld : LocalDate.parse(value.toString());
    }
}
