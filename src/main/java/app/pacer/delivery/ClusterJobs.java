package app.pacer.delivery;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Runs a periodic job once cluster-wide: the replica that inserts the claim row {@code (job, fire time)} runs
 * it, the others see the row and skip. Unlike an advisory lock (which only prevents overlap, so a replica
 * whose timer fires a little later runs the same fire time again), the claim outlives the run.
 */
@ApplicationScoped
public class ClusterJobs {

    private final EntityManager em;
    private final Clock clock;
    private final String replica = "r-" + UUID.randomUUID().toString().substring(0, 8);

    public ClusterJobs(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /**
     * How often a tick setting ({@code 60s}, {@code 5m}, {@code off}) fires; {@code off} (the tick does not run)
     * reads as a minute, so slots stay defined.
     */
    public static java.time.Duration period(String tick) {
        String t = tick.trim();
        return t.matches("(?i)off|disabled") ? java.time.Duration.ofMinutes(1)
                : io.quarkus.runtime.configuration.DurationConverter.parseDuration(t);
    }

    /**
     * The slot a tick at {@code now} belongs to: the period-aligned instant. Replicas' timers are not aligned, so
     * each claims the slot, not its own firing time, and one run per slot happens cluster-wide.
     */
    public static Instant slot(Instant now, java.time.Duration period) {
        long interval = Math.max(1000, period.toMillis());
        return Instant.ofEpochMilli(now.toEpochMilli() / interval * interval);
    }

    /** True for exactly one caller per {@code (job, fireTime)} across all replicas. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean claim(String job, Instant fireTime) {
        return em.createNativeQuery("""
                INSERT INTO job_claim (job, fire_time, claimed_by, claimed_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT DO NOTHING""")
                .setParameter(1, job).setParameter(2, OffsetDateTime.ofInstant(fireTime, ZoneOffset.UTC))
                .setParameter(3, replica).setParameter(4, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .executeUpdate() == 1;
    }

    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purge() {
        em.createNativeQuery("DELETE FROM job_claim WHERE fire_time < ?1")
                .setParameter(1, OffsetDateTime.ofInstant(clock.instant().minus(Duration.ofDays(7)), ZoneOffset.UTC))
                .executeUpdate();
    }
}
