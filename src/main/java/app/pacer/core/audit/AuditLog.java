package app.pacer.core.audit;

import app.pacer.core.org.Member;
import app.pacer.core.time.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The workspace's audit log: who imported, undid, exported or erased what, and when. Written in the same
 * transaction as what it records, so an entry exists exactly when the thing happened. Kept {@link #KEPT}.
 */
@ApplicationScoped
public class AuditLog {

    public static final Duration KEPT = Duration.ofDays(366);

    private final EntityManager em;
    private final Clock clock;

    public AuditLog(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /**
     * @param subject what was acted on, as people read it ("lead #12", "import #3", "all data")
     * @param detail  counts or a reason, if any (never personal data: the audit log outlives an erasure)
     */
    public void record(Member actor, AuditAction action, String subject, String detail, Instant now) {
        em.createNativeQuery("""
                INSERT INTO audit_event (workspace_id, actor_id, at, action, subject, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, actor.workspaceId()).setParameter(2, actor.id())
                .setParameter(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).setParameter(4, action.name())
                .setParameter(5, cut(subject, 200)).setParameter(6, detail == null ? null : cut(detail, 1000)).executeUpdate();
    }

    /** One entry; {@code actor} is the display name then, or null when that member has been erased. */
    public record Entry(Instant at, String actor, AuditAction action, String subject, String detail) {
    }

    /** The workspace's entries since {@code since}, newest first. */
    public List<Entry> entries(long workspaceId, Instant since, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT a.at, m.display_name, a.action, a.subject, a.detail FROM audit_event a
                LEFT JOIN member m ON m.id = a.actor_id
                WHERE a.workspace_id = ?1 AND a.at >= ?2 ORDER BY a.at DESC, a.id DESC LIMIT ?3""")
                .setParameter(1, workspaceId).setParameter(2, OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
                .setParameter(3, limit).getResultList();
        return rows.stream().map(r -> new Entry(Timestamps.instant(r[0]), (String) r[1], AuditAction.valueOf((String) r[2]),
                (String) r[3], (String) r[4])).toList();
    }

    /** Entries older than {@link #KEPT} go, daily. */
    @io.quarkus.scheduler.Scheduled(every = "24h", delayed = "10m",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    @jakarta.transaction.Transactional
    void purge() {
        purge(clock.instant());
    }

    int purge(Instant now) {
        return em.createNativeQuery("DELETE FROM audit_event WHERE at < ?1")
                .setParameter(1, OffsetDateTime.ofInstant(now.minus(KEPT), ZoneOffset.UTC)).executeUpdate();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
