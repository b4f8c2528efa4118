package app.pacer.core.command;

import app.pacer.core.org.Platform;
import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Remembers platform event ids already handled, in the database (so it holds across restarts and replicas):
 * Slack re-sends an event it thinks was not acknowledged, and Bolt does not de-duplicate.
 */
@ApplicationScoped
public class InboundEvents {

    static final Duration KEEP = Duration.ofDays(2);

    private final EntityManager em;
    private final Clock clock;

    public InboundEvents(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** True the first time an event id is seen; false for every retry. */
    @Transactional
    public boolean firstTime(Platform platform, String eventId) {
        if (eventId == null || eventId.isBlank()) {
            return true;
        }
        if (eventId.length() > MAX_ID) {
            // real ids are short; a longer one (a forged or broken payload) is kept as its hash, still de-duplicated
            eventId = "sha256:" + Hashing.sha256().hashString(eventId, StandardCharsets.UTF_8);
        }
        return em.createNativeQuery("""
                INSERT INTO inbound_event (platform, event_id, received_at) VALUES (?1, ?2, ?3)
                ON CONFLICT DO NOTHING""")
                .setParameter(1, platform.name()).setParameter(2, eventId)
                .setParameter(3, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .executeUpdate() == 1;
    }

    /**
     * The key of a submitted form: the form (Slack view, Teams card) and exactly what was in it. A double click
     * sends the same twice; a corrected form differs, and a form shown again with errors is {@link #forget forgotten}.
     */
    public static String submissionKey(String form, java.util.Map<String, String> values) {
        Hasher sha = Hashing.sha256().newHasher();
        new java.util.TreeMap<>(values).forEach((k, v) -> sha.putString(k, StandardCharsets.UTF_8).putByte((byte) 0)
                .putString(String.valueOf(v), StandardCharsets.UTF_8).putByte((byte) 1));
        String digest = sha.hash().toString().substring(0, 40);
        String id = form.length() > 80 ? form.substring(form.length() - 80) : form;
        return "submit:" + id + ":" + digest;
    }

    /** The width of {@code inbound_event.event_id}. */
    private static final int MAX_ID = 128;

    /** Lets the same key through again (a submission that only got errors back). */
    @Transactional
    public void forget(Platform platform, String eventId) {
        em.createNativeQuery("DELETE FROM inbound_event WHERE platform = ?1 AND event_id = ?2")
                .setParameter(1, platform.name()).setParameter(2, eventId).executeUpdate();
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeOld() {
        purgeBefore(OffsetDateTime.ofInstant(clock.instant().minus(KEEP), ZoneOffset.UTC));
    }

    /** Deleting is idempotent, so it is harmless when several replicas do it. */
    @Transactional
    int purgeBefore(OffsetDateTime cutoff) {
        return em.createNativeQuery("DELETE FROM inbound_event WHERE received_at < ?1")
                .setParameter(1, cutoff).executeUpdate();
    }
}
