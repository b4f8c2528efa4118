package app.pacer.targets;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Progress someone logged: an amount of a metric on their local date. Undone entries are kept, marked. */
@Entity
@Table(name = "log_entry")
public class LogEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "workspace_id", nullable = false, updatable = false)
    private Long workspaceId;

    @Column(name = "member_id", nullable = false, updatable = false)
    private Long memberId;

    @Column(name = "metric_key", nullable = false, updatable = false)
    private String metricKey;

    @Column(nullable = false, updatable = false, precision = 20, scale = 4)
    private BigDecimal amount;

    @Column(name = "local_date", nullable = false, updatable = false)
    private LocalDate localDate;

    @Column(updatable = false)
    private String note;

    @Column(name = "logged_by", nullable = false, updatable = false)
    private Long loggedBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "undone_at")
    private Instant undoneAt;

    /** The won lead this entry came from, if any (leaving "won" reverses exactly these). */
    @Column(name = "lead_id", updatable = false)
    private Long leadId;

    protected LogEntry() {
    }

    public LogEntry(Long workspaceId, Long memberId, String metricKey, BigDecimal amount, LocalDate localDate,
            String note, Long loggedBy, Instant now) {
        this.workspaceId = workspaceId;
        this.memberId = memberId;
        this.metricKey = metricKey;
        this.amount = amount;
        this.localDate = localDate;
        this.note = note;
        this.loggedBy = loggedBy;
        this.createdAt = now;
    }

    /** An entry a won lead logs for its owner. */
    public static LogEntry forLead(Long workspaceId, Long ownerId, String metricKey, BigDecimal amount, LocalDate day,
            String note, Long loggedBy, Long leadId, Instant now) {
        LogEntry entry = new LogEntry(workspaceId, ownerId, metricKey, amount, day, note, loggedBy, now);
        entry.leadId = leadId;
        return entry;
    }

    public String metricKey() {
        return metricKey;
    }

    public BigDecimal amount() {
        return amount;
    }

    public LocalDate localDate() {
        return localDate;
    }

    public String note() {
        return note;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public void undo(Instant now) {
        undoneAt = now;
    }
}
