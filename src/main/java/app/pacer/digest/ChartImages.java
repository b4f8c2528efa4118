package app.pacer.digest;

import app.pacer.config.PacerConfig;
import app.pacer.delivery.ClusterJobs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import app.pacer.core.time.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Chart PNGs kept for 14 days behind unguessable links: Teams shows a digest's chart by URL (an Adaptive Card
 * {@code Image}), and Slack's upload reads it back from here when the outbox sends it.
 *
 * <p>A token is 32 random bytes, base64url: the link is a bearer capability, like an export link. Not an HMAC
 * over an id: the image lives in the database anyway, so serving one is a lookup either way, and a random token
 * needs no key to keep, rotate or share between replicas; expiry is the row's, enforced on every read.
 */
@ApplicationScoped
public class ChartImages {

    private static final Logger LOG = Logger.getLogger(ChartImages.class);
    public static final Duration KEEP = Duration.ofDays(14);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** What {@link #find} returns: the image and until when it is served. */
    public record Stored(byte[] png, Instant expiresAt) {
    }

    private final EntityManager em;
    private final PacerConfig config;
    private final ClusterJobs jobs;
    private final Clock clock;

    public ChartImages(EntityManager em, PacerConfig config, ClusterJobs jobs, Clock clock) {
        this.em = em;
        this.config = config;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * Keeps {@code png} for {@link #KEEP} from {@code now} and returns its token. Joins the caller's transaction,
     * or runs in its own.
     */
    public String store(long workspaceId, byte[] png, Instant now) {
        if (png == null || png.length < PNG_SIGNATURE.length
                || !java.util.Arrays.equals(png, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
            // served as image/png to anyone with the link: never anything else
            throw new IllegalArgumentException("not a PNG");
        }
        String token = newToken();
        QuarkusTransaction.joiningExisting().run(() -> em.createNativeQuery("""
                INSERT INTO chart_image (token, workspace_id, png, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, token).setParameter(2, workspaceId).setParameter(3, png).setParameter(4, utc(now))
                .setParameter(5, utc(now.plus(KEEP))).executeUpdate());
        return token;
    }

    /** The image behind {@code token}, unless the token is malformed, unknown or expired at {@code now}. */
    public Optional<byte[]> load(String token, Instant now) {
        return find(token, now).map(Stored::png);
    }

    /** Like {@link #load}, with the expiry (for caching headers). */
    public Optional<Stored> find(String token, Instant now) {
        if (!wellFormed(token)) {
            return Optional.empty();
        }
        List<?> rows = QuarkusTransaction.joiningExisting().call(() -> em.createNativeQuery(
                        "SELECT png, expires_at FROM chart_image WHERE token = ?1 AND expires_at > ?2")
                .setParameter(1, token).setParameter(2, utc(now)).getResultList());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new Stored((byte[]) row[0], Timestamps.instant(row[1])));
    }

    /** The public URL of an image: {@code <public url>/charts/<token>.png}. */
    public String url(String token) {
        String base = config.publicUrl();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/charts/" + token + ".png";
    }

    public static boolean wellFormed(String token) {
        return token != null && TOKEN.matcher(token).matches();
    }

    /** Once an hour, cluster-wide: expired images go. */
    @Scheduled(every = "1h", delayed = "20m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeHourly() {
        Instant now = clock.instant();
        if (jobs.claim("chart-image-purge", now.truncatedTo(ChronoUnit.HOURS))) {
            int purged = purgeExpired(now);
            if (purged > 0) {
                LOG.debugf("Purged %d expired chart images", purged);
            }
        }
    }

    /** Deletes images expired at {@code now}; returns how many. */
    public int purgeExpired(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("DELETE FROM chart_image WHERE expires_at <= ?1")
                .setParameter(1, utc(now)).executeUpdate());
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
