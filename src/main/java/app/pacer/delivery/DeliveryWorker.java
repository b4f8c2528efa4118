package app.pacer.delivery;

import app.pacer.core.org.Platform;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Sends what is due in the outbox. Each replica claims rows with {@code FOR UPDATE SKIP LOCKED} under a lease,
 * sends them in parallel within the platforms' rate limits, and records the outcome. Rows whose lease ran out
 * (the replica died mid-send) are claimed again; platforms that can (Slack) are asked first whether the
 * message already arrived, so a crash between "sent" and "recorded" does not become a duplicate.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final DataSource dataSource;
    private final DeliveryConfig config;
    private final Clock clock;
    private final Map<Platform, PlatformDelivery> platforms = new EnumMap<>(Platform.class);
    private final RatePacer pacer = new RatePacer();
    private final String workerId = "w-" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicBoolean running = new AtomicBoolean();
    private final MeterRegistry metrics;
    private Semaphore slots;
    private ExecutorService senders;
    private Thread loop;

    public DeliveryWorker(DataSource dataSource, DeliveryConfig config, Clock clock, Instance<PlatformDelivery> deliveries,
            MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        deliveries.forEach(d -> platforms.put(d.platform(), d));
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public synchronized void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        AtomicInteger count = new AtomicInteger();
        slots = new Semaphore(config.threads() * 2);
        senders = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "pacer-delivery-" + count.incrementAndGet());
            t.setContextClassLoader(loader);
            t.setDaemon(true);
            return t;
        });
        loop = new Thread(this::run, "pacer-delivery-claim");
        loop.setContextClassLoader(loader);
        loop.setDaemon(true);
        loop.start();
        LOG.infof("Delivery worker %s started with %d senders", workerId, config.threads());
    }

    public synchronized void stop() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        loop.interrupt();
        senders.shutdown();
        try {
            senders.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running.get()) {
            try {
                int free = slots.availablePermits();
                List<OutboxRow> claimed = free == 0 ? List.of() : claim(free);
                if (claimed.isEmpty()) {
                    Thread.sleep(config.pollInterval().toMillis());
                    continue;
                }
                for (OutboxRow row : claimed) {
                    slots.acquire();
                    senders.execute(() -> {
                        try {
                            deliver(row);
                        } finally {
                            slots.release();
                        }
                    });
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("Delivery loop: %s", e.getMessage());
                sleepQuietly(config.pollInterval());
            }
        }
    }

    /** Claims up to {@code limit} due rows for this worker: unsent ones, and ones whose lease has run out. */
    List<OutboxRow> claim(int limit) throws SQLException {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement expire = c.prepareStatement("""
                    UPDATE outbox SET state = 'EXPIRED', last_error = 'not sent within its window', lease_until = NULL
                    WHERE state IN ('PENDING', 'SENDING') AND expires_at < ? AND (state = 'PENDING' OR lease_until < ?)""")) {
                expire.setTimestamp(1, Timestamp.from(now));
                expire.setTimestamp(2, Timestamp.from(now));
                int expired = expire.executeUpdate();
                if (expired > 0) {
                    LOG.warnf("%d messages expired unsent (due too long ago, e.g. after downtime)", expired);
                    metrics.counter("pacer.delivery", "outcome", "expired").increment(expired);
                }
            }
            try (PreparedStatement claim = c.prepareStatement("""
                    UPDATE outbox o SET state = 'SENDING', attempts = o.attempts + 1, lease_until = ?, claimed_by = ?
                    FROM (SELECT id FROM outbox
                          WHERE due_at <= ? AND (state = 'PENDING' OR (state = 'SENDING' AND lease_until < ?))
                          ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED) due
                    WHERE o.id = due.id
                    RETURNING o.id, o.workspace_id, o.platform, o.target_kind, o.target, o.member_id, o.payload,
                              o.idempotency_key, o.attempts, o.created_at""")) {
                claim.setTimestamp(1, Timestamp.from(now.plus(config.lease())));
                claim.setString(2, workerId);
                claim.setTimestamp(3, Timestamp.from(now));
                claim.setTimestamp(4, Timestamp.from(now));
                claim.setInt(5, limit);
                List<OutboxRow> rows = new ArrayList<>();
                try (ResultSet rs = claim.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new OutboxRow(rs.getLong(1), rs.getLong(2), Platform.valueOf(rs.getString(3)),
                                OutboxRow.TargetKind.valueOf(rs.getString(4)), rs.getString(5),
                                rs.getObject(6, Long.class), rs.getString(7), rs.getString(8), rs.getInt(9),
                                rs.getTimestamp(10).toInstant()));
                    }
                }
                return rows;
            }
        }
    }

    /** Sends one row and records what happened. Never throws. */
    void deliver(OutboxRow row) {
        PlatformDelivery platform = platforms.get(row.platform());
        List<PlatformDelivery.Rate> rates = platform.rates(row);
        SendResult result;
        try {
            result = platform.send(row, () -> {
                pacer.acquire(rates);
                return renewLease(row);
            });
        } catch (RuntimeException e) {
            result = new SendResult.Transient(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (result instanceof SendResult.RateLimited limited) {
            pacer.pause(rates, limited.delay());
        }
        try {
            record(row, result);
        } catch (SQLException e) {
            // the lease will run out and the row be retried; Slack's check prevents a duplicate
            LOG.warnf("Could not record delivery of %s: %s", row.idempotencyKey(), e.getMessage());
        }
    }

    /**
     * Right before a post: renews the lease and confirms the row is still this claim's (the attempt number
     * fences it). A row that waited too long for its rate permit may have been claimed again meanwhile.
     */
    private boolean renewLease(OutboxRow row) {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement renew = c.prepareStatement("""
                    UPDATE outbox SET lease_until = ? WHERE id = ? AND claimed_by = ? AND attempts = ?
                    AND state = 'SENDING' AND lease_until > ?""")) {
                renew.setTimestamp(1, Timestamp.from(now.plus(config.lease())));
                renew.setLong(2, row.id());
                renew.setString(3, workerId);
                renew.setInt(4, row.attempts());
                renew.setTimestamp(5, Timestamp.from(now));
                return renew.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            LOG.warnf("Could not renew the lease of %s: %s", row.idempotencyKey(), e.getMessage());
            return false;
        }
    }

    private void record(OutboxRow row, SendResult result) throws SQLException {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            if (result instanceof SendResult.Sent sent) {
                update(c, "UPDATE outbox SET state = 'SENT', sent_at = ?, platform_message_id = ?, lease_until = NULL, "
                        + "last_error = NULL WHERE id = ? AND claimed_by = ? AND attempts = ?", Timestamp.from(now), sent.messageId(),
                        row.id(), workerId, row.attempts());
                metrics.counter("pacer.delivery", "outcome", "sent").increment();
            } else if (result instanceof SendResult.RateLimited limited) {
                // not the message's fault: give the attempt back
                update(c, "UPDATE outbox SET state = 'PENDING', due_at = ?, attempts = attempts - 1, lease_until = NULL, "
                        + "last_error = 'rate limited' WHERE id = ? AND claimed_by = ? AND attempts = ?",
                        Timestamp.from(now.plus(limited.delay())), row.id(), workerId, row.attempts());
                metrics.counter("pacer.delivery", "outcome", "rate_limited").increment();
            } else if (result instanceof SendResult.Transient failure) {
                if (row.attempts() >= config.maxAttempts()) {
                    fail(c, row, "gave up after " + row.attempts() + " attempts: " + failure.reason());
                } else {
                    update(c, "UPDATE outbox SET state = 'PENDING', due_at = ?, lease_until = NULL, last_error = ? "
                            + "WHERE id = ? AND claimed_by = ? AND attempts = ?", Timestamp.from(now.plus(backoff(row.attempts()))),
                            clip(failure.reason()), row.id(), workerId, row.attempts());
                    metrics.counter("pacer.delivery", "outcome", "retry").increment();
                }
            } else if (result instanceof SendResult.Permanent failure) {
                fail(c, row, failure.reason());
            }
        }
    }

    private void fail(Connection c, OutboxRow row, String reason) throws SQLException {
        update(c, "UPDATE outbox SET state = 'FAILED', lease_until = NULL, last_error = ? "
                + "WHERE id = ? AND claimed_by = ? AND attempts = ?", clip(reason), row.id(), workerId, row.attempts());
        LOG.warnf("Delivery of %s failed: %s", row.idempotencyKey(), reason);
        metrics.counter("pacer.delivery", "outcome", "failed").increment();
    }

    /** Exponential backoff with equal jitter: between half and all of base·2^(attempt-1), capped. */
    Duration backoff(int attempt) {
        long cap = Math.min(config.backoffMax().toMillis(),
                config.backoffBase().toMillis() * (1L << Math.min(20, Math.max(0, attempt - 1))));
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        }
    }

    private static String clip(String text) {
        return text == null ? null : text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
