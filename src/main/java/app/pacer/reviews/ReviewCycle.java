package app.pacer.reviews;

import app.pacer.core.command.Period;
import app.pacer.core.time.MemberCalendar;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** Recurring reviews: every month or quarter on day N (of the quarter's first month), for one rep or all. */
@Entity
@Table(name = "review_cycle")
public class ReviewCycle {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "workspace_id", nullable = false, updatable = false)
    private Long workspaceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Period cadence;

    @Column(name = "day_of_period", nullable = false, updatable = false)
    private int dayOfPeriod;

    @Column(name = "rep_id", updatable = false)
    private Long repId;

    @Enumerated(EnumType.STRING)
    @Column(name = "review_type", nullable = false, updatable = false)
    private Review.Type type;

    @Column(name = "created_by", nullable = false, updatable = false)
    private Long createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "stopped_at")
    private Instant stoppedAt;

    protected ReviewCycle() {
    }

    public ReviewCycle(Long workspaceId, Period cadence, int dayOfPeriod, Long repId, Review.Type type, Long createdBy,
            Instant now) {
        if (cadence != Period.MONTH && cadence != Period.QUARTER) {
            throw new IllegalArgumentException("cycles are monthly or quarterly: " + cadence);
        }
        this.workspaceId = workspaceId;
        this.cadence = cadence;
        this.dayOfPeriod = dayOfPeriod;
        this.repId = repId;
        this.type = type;
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    public Long id() {
        return id;
    }

    public Long workspaceId() {
        return workspaceId;
    }

    public Period cadence() {
        return cadence;
    }

    public int dayOfPeriod() {
        return dayOfPeriod;
    }

    public Long repId() {
        return repId;
    }

    public Review.Type type() {
        return type;
    }

    public Long createdBy() {
        return createdBy;
    }

    /**
     * The first review due on or after {@code today}: day N of this month (or quarter), clamped to the month's
     * length and moved to the next working day; it reviews the month (or quarter) before.
     */
    public ReviewService.Occurrence occurrence(LocalDate today, MemberCalendar calendar) {
        // from the period before: its review may have moved past a weekend or holiday into this one
        LocalDate periodStart = cadence.start(cadence.start(today).minusDays(1));
        for (int i = 0; i < 4; i++) {
            LocalDate due = calendar.nextWorkingDay(periodStart.withDayOfMonth(Math.min(dayOfPeriod, periodStart.lengthOfMonth())));
            if (!due.isBefore(today)) {
                LocalDate reviewedStart = cadence.start(periodStart.minusDays(1));
                return new ReviewService.Occurrence(due, reviewedStart, periodStart.minusDays(1));
            }
            periodStart = cadence.end(periodStart).plusDays(1);
        }
        throw new IllegalStateException("no occurrence found after " + today);
    }
}
