package app.pacer.targets;

import app.pacer.core.command.Period;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A target for one member (or, with no member, the team) for one period. Superseded rows are the history. */
@Entity
@Table(name = "target")
public class Target {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "workspace_id", nullable = false, updatable = false)
    private Long workspaceId;

    @Column(name = "metric_key", nullable = false, updatable = false)
    private String metricKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Period period;

    @Column(name = "period_start", nullable = false, updatable = false)
    private LocalDate periodStart;

    @Column(name = "member_id", updatable = false)
    private Long memberId;

    @Column(nullable = false, updatable = false, precision = 20, scale = 4)
    private BigDecimal amount;

    @Column(name = "set_by", nullable = false, updatable = false)
    private Long setBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "superseded_at")
    private Instant supersededAt;

    protected Target() {
    }

    public Target(Long workspaceId, String metricKey, Period period, LocalDate periodStart, Long memberId,
            BigDecimal amount, Long setBy, Instant now) {
        this.workspaceId = workspaceId;
        this.metricKey = metricKey;
        this.period = period;
        this.periodStart = periodStart;
        this.memberId = memberId;
        this.amount = amount;
        this.setBy = setBy;
        this.createdAt = now;
    }

    public String metricKey() {
        return metricKey;
    }

    public Period period() {
        return period;
    }

    public LocalDate periodStart() {
        return periodStart;
    }

    public LocalDate periodEnd() {
        return period.end(periodStart);
    }

    /** Null for the team's target. */
    public Long memberId() {
        return memberId;
    }

    public boolean team() {
        return memberId == null;
    }

    public BigDecimal amount() {
        return amount;
    }

    public void supersede(Instant now) {
        supersededAt = now;
    }
}
