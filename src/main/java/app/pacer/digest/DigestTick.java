package app.pacer.digest;

import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.reply.ActionRef;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Button;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
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
import java.util.List;

import org.jboss.logging.Logger;

/**
 * Every minute: each digest channel whose time has come in its own time zone, on a working day of the
 * workspace, gets its digest (within {@link #LATE_WINDOW}; after downtime a digest hours late is skipped, not
 * sent). With the standup round on, members are asked {@link #STANDUP_LEAD} before. One replica runs each
 * minute (a claim row) and the idempotency keys make a second run a no-op anyway.
 */
@ApplicationScoped
public class DigestTick {

    private static final Logger LOG = Logger.getLogger(DigestTick.class);
    static final Duration LATE_WINDOW = Duration.ofHours(2);
    static final Duration STANDUP_LEAD = Duration.ofHours(1);

    private final EntityManager em;
    private final DigestService digests;
    private final MemberRepository members;
    private final Outbox outbox;
    private final ClusterJobs jobs;
    private final Clock clock;
    /** How often the tick runs (its setting); each run claims its slot cluster-wide. */
    private final Duration period;

    public DigestTick(EntityManager em, DigestService digests, MemberRepository members, Outbox outbox, ClusterJobs jobs,
            Clock clock, DigestConfig config) {
        this.em = em;
        this.digests = digests;
        this.members = members;
        this.outbox = outbox;
        this.jobs = jobs;
        this.clock = clock;
        this.period = ClusterJobs.period(config.tick());
    }

    @Scheduled(every = "${pacer.digest.tick:60s}", delayed = "20s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void everyMinute() {
        Instant now = clock.instant();
        if (jobs.claim("digest-tick", ClusterJobs.slot(now, period))) {
            run(now);
        }
    }

    /** What one run did: digests enqueued, standup questions sent. */
    public record Stats(int digests, int standups) {
    }

    public Stats run(Instant now) {
        List<Long> channels = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select d.id from DigestChannel d where d.enabled = true", Long.class).getResultList());
        int sent = 0;
        int asked = 0;
        for (Long id : channels) {
            try {
                int[] done = QuarkusTransaction.requiringNew().call(() -> runOne(em.find(DigestChannel.class, id), now));
                sent += done[0];
                asked += done[1];
            } catch (RuntimeException e) {
                // one workspace's broken digest must not hold back the others
                LOG.errorf(e, "Could not build the digest of channel row %d", id);
            }
        }
        return new Stats(sent, asked);
    }

    private int[] runOne(DigestChannel channel, Instant now) {
        ZonedDateTime local = now.atZone(channel.zone());
        LocalDate today = local.toLocalDate();
        MemberCalendar calendar = digests.calendar(channel.workspaceId());
        if (!calendar.isWorkingDay(today)) {
            return new int[] {0, 0};
        }
        Instant dueAt = ZonedDateTime.of(today, channel.time(), channel.zone()).toInstant();
        int asked = 0;
        if (channel.standup()) {
            Instant askAt = dueAt.minus(STANDUP_LEAD);
            if (!now.isBefore(askAt) && now.isBefore(dueAt)) {
                asked = askStandup(channel, today, now);
            }
        }
        int sent = 0;
        if (!now.isBefore(dueAt)) {
            if (Duration.between(dueAt, now).compareTo(LATE_WINDOW) > 0) {
                if (!outbox.exists(DigestService.key(channel, today))) {
                    LOG.debugf("Digest of channel row %d for %s skipped: due at %s", channel.id(), today, dueAt);
                }
            } else if (digests.enqueueDaily(channel, today, now)) {
                sent = 1;
            }
        }
        return new int[] {sent, asked};
    }

    private int askStandup(DigestChannel channel, LocalDate today, Instant now) {
        int asked = 0;
        for (Member member : members.list("workspaceId = ?1 and contactedAt is not null", channel.workspaceId())) {
            if (digests.answered(member, today)) {
                continue;
            }
            Messages m = Messages.of(member.language());
            Reply.Message question = Reply.message(m.get("standup.ask", channel.time().toString()), List.of(
                    new Block.Text("☀️ " + m.get("standup.ask", channel.time().toString())),
                    new Block.Actions(List.of(
                            Button.primary(m.get("standup.button.answer"), ActionRef.of("digest.standup.answer")),
                            Button.of(m.get("standup.button.log"), ActionRef.of("log"))))));
            Outbox.Result result = outbox.toMember(member, question, "standup:" + member.id() + ":" + today, now,
                    now.plus(STANDUP_LEAD));
            if (result == Outbox.Result.ENQUEUED) {
                asked++;
            }
        }
        return asked;
    }
}
