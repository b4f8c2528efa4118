package app.pacer.delivery;

import app.pacer.core.org.Member;
import app.pacer.core.org.Platform;
import app.pacer.core.org.WorkspaceRepository;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Pacer says unprompted is written here first, rendered for its platform, under an idempotency
 * key: enqueueing the same key twice is a no-op, so a tick that runs twice — or on two replicas — cannot
 * send twice. Runs in the caller's transaction, so a message and the state that caused it commit together.
 */
@ApplicationScoped
public class Outbox {

    public enum Result { ENQUEUED, DUPLICATE, UNREACHABLE, QUIET }

    /** The key of an upload payload: {@code {"upload": {"chart": token, "filename": …, "title": …}}}. */
    public static final String UPLOAD = "upload";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final EntityManager em;
    private final WorkspaceRepository workspaces;
    private final java.time.Clock clock;
    private final Map<Platform, PlatformDelivery> platforms = new EnumMap<>(Platform.class);

    public Outbox(EntityManager em, WorkspaceRepository workspaces, Instance<PlatformDelivery> deliveries,
            java.time.Clock clock) {
        this.em = em;
        this.workspaces = workspaces;
        this.clock = clock;
        deliveries.forEach(d -> platforms.put(d.platform(), d));
    }

    /**
     * A direct message to a member, in their language. Reminders are held back on a day the member asked for
     * quiet ("snooze until tomorrow"); the next morning's nudge is not.
     */
    public Result toMember(Member member, Reply.Message message, String key, Instant due, Instant expires) {
        if (!key.startsWith("nudge:") && member.quietOn(due.atZone(member.zone()).toLocalDate())) {
            return Result.QUIET;
        }
        Platform platform = workspaces.findById(member.workspaceId()).platform();
        PlatformDelivery delivery = platforms.get(platform);
        Optional<String> target = delivery.directTarget(member);
        if (target.isEmpty()) {
            return Result.UNREACHABLE;
        }
        String payload = delivery.render(message, Messages.of(member.language()));
        return insert(member.workspaceId(), platform, OutboxRow.TargetKind.MEMBER, target.get(), member.id(), payload,
                key, due, expires) ? Result.ENQUEUED : Result.DUPLICATE;
    }

    /** A message to a channel (Slack channel id, Teams conversation id). */
    public Result toChannel(Long workspaceId, Platform platform, String channel, Reply.Message message, Messages messages,
            String key, Instant due, Instant expires) {
        String payload = platforms.get(platform).render(message, messages);
        return insert(workspaceId, platform, OutboxRow.TargetKind.CHANNEL, channel, null, payload, key, due, expires)
                ? Result.ENQUEUED : Result.DUPLICATE;
    }

    /**
     * Uploads a stored chart image ({@code app.pacer.digest.ChartImages}) into a channel, as its own outbox row
     * (so it is paced, retried and de-duplicated like a message). The image is read when the row is sent, so it
     * must outlive {@code expires}. Slack only: Teams cannot receive uploads from a bot in a channel, so its
     * digest card shows the image by URL ({@code Block.Image}) — asking for a Teams upload is a bug.
     *
     * @throws IllegalArgumentException when {@code platform} cannot upload
     */
    public Result chartToChannel(Long workspaceId, Platform platform, String channel, String chartToken, String filename,
            String title, String key, Instant due, Instant expires) {
        PlatformDelivery delivery = platforms.get(platform);
        if (delivery == null || !delivery.uploads()) {
            throw new IllegalArgumentException(platform + " cannot take uploads; show the chart by URL instead");
        }
        com.fasterxml.jackson.databind.node.ObjectNode payload = JSON.createObjectNode();
        payload.putObject(UPLOAD).put("chart", chartToken).put("filename", filename).put("title", title);
        return insert(workspaceId, platform, OutboxRow.TargetKind.CHANNEL, channel, null, payload.toString(), key, due, expires)
                ? Result.ENQUEUED : Result.DUPLICATE;
    }

    /**
     * Withdraws messages not yet sent whose keys start with {@code keyPrefix} (a reminder whose reason is gone).
     * One already being sent goes out.
     */
    public int expirePending(String keyPrefix) {
        String pattern = keyPrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return em.createNativeQuery("UPDATE outbox SET state = 'EXPIRED' WHERE state = 'PENDING' AND idempotency_key LIKE ?1")
                .setParameter(1, pattern).executeUpdate();
    }

    public boolean exists(String key) {
        return !em.createNativeQuery("SELECT 1 FROM outbox WHERE idempotency_key = ?1").setParameter(1, key)
                .getResultList().isEmpty();
    }

    private boolean insert(Long workspaceId, Platform platform, OutboxRow.TargetKind kind, String target, Long memberId,
            String payload, String key, Instant due, Instant expires) {
        return em.createNativeQuery("""
                INSERT INTO outbox (workspace_id, platform, target_kind, target, member_id, payload, idempotency_key,
                                    due_at, expires_at)
                VALUES (?1, ?2, ?3, ?4, CAST(?5 AS BIGINT), ?6, ?7, ?8, CAST(?9 AS TIMESTAMPTZ))
                ON CONFLICT (idempotency_key) DO NOTHING""")
                .setParameter(1, workspaceId).setParameter(2, platform.name()).setParameter(3, kind.name())
                .setParameter(4, target).setParameter(5, memberId).setParameter(6, payload).setParameter(7, key)
                .setParameter(8, utc(due)).setParameter(9, expires == null ? null : utc(expires))
                .executeUpdate() == 1;
    }

    /** Old rows go: sent and expired ones after 30 days, failed ones (admins may still look) after 90. */
    @io.quarkus.scheduler.Scheduled(every = "1h", delayed = "15m",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    @jakarta.transaction.Transactional
    void purge() {
        Instant now = clock.instant();
        em.createNativeQuery("""
                DELETE FROM outbox WHERE (state IN ('SENT', 'EXPIRED') AND created_at < ?1)
                                      OR (state = 'FAILED' AND created_at < ?2)""")
                .setParameter(1, utc(now.minus(java.time.Duration.ofDays(30))))
                .setParameter(2, utc(now.minus(java.time.Duration.ofDays(90)))).executeUpdate();
    }

    /** Messages due by {@code upTo} that are not sent yet (waiting or being sent), in every workspace. */
    public long waiting(Instant upTo) {
        return ((Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox WHERE state IN ('PENDING', 'SENDING') AND due_at <= ?1")
                .setParameter(1, utc(upTo)).getSingleResult()).longValue();
    }

    /** A message that could not be delivered: its key, where it was going, how often it was tried, the last error. */
    public record Failure(String key, String target, int attempts, String lastError, Instant createdAt) {
    }

    /** Messages that could not be delivered, newest first, for admins. */
    public List<Failure> failures(Long workspaceId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT idempotency_key, target, attempts, last_error, created_at FROM outbox
                WHERE workspace_id = ?1 AND state = 'FAILED' ORDER BY created_at DESC LIMIT ?2""")
                .setParameter(1, workspaceId).setParameter(2, limit).getResultList();
        return rows.stream().map(r -> new Failure((String) r[0], (String) r[1], ((Number) r[2]).intValue(), (String) r[3],
                r[4] instanceof Instant i ? i : ((OffsetDateTime) r[4]).toInstant())).toList();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
