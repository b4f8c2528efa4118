package app.pacer.reviews;

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

/** A performance review or 1:1 of one rep by their manager, with its frozen snapshot once recorded. */
@Entity
@Table(name = "review")
public class Review {

    public enum Type { REVIEW, ONE_ON_ONE }

    public enum State { SCHEDULED, DONE, CANCELLED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "workspace_id", nullable = false, updatable = false)
    private Long workspaceId;

    @Column(nullable = false, updatable = false)
    private int number;

    @Column(name = "rep_id", nullable = false, updatable = false)
    private Long repId;

    @Column(name = "manager_id", nullable = false)
    private Long managerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "review_type", nullable = false)
    private Type type;

    @Column(name = "cycle_id", updatable = false)
    private Long cycleId;

    @Column(name = "due_on", nullable = false)
    private LocalDate dueOn;

    @Column(name = "period_start", nullable = false)
    private LocalDate periodStart;

    @Column(name = "period_end", nullable = false)
    private LocalDate periodEnd;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state = State.SCHEDULED;

    @Column(name = "self_rating")
    private Integer selfRating;

    @Column(name = "self_went_well")
    private String selfWentWell;

    @Column(name = "self_to_improve")
    private String selfToImprove;

    @Column(name = "self_at")
    private Instant selfAt;

    @Column(name = "overall_rating")
    private Integer overallRating;

    @Column(name = "metric_ratings")
    private String metricRatings;

    private String strengths;

    @Column(name = "to_improve")
    private String toImprove;

    private String goals;

    private String snapshot;

    @Column(name = "completed_by")
    private Long completedBy;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private Long createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Review() {
    }

    public Review(Long workspaceId, int number, Long repId, Long managerId, Type type, Long cycleId, LocalDate dueOn,
            LocalDate periodStart, LocalDate periodEnd, Long createdBy, Instant now) {
        this.workspaceId = workspaceId;
        this.number = number;
        this.repId = repId;
        this.managerId = managerId;
        this.type = type;
        this.cycleId = cycleId;
        this.dueOn = dueOn;
        this.periodStart = periodStart;
        this.periodEnd = periodEnd;
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    public Long id() {
        return id;
    }

    public Long workspaceId() {
        return workspaceId;
    }

    public int number() {
        return number;
    }

    public Long repId() {
        return repId;
    }

    public Long managerId() {
        return managerId;
    }

    public Type type() {
        return type;
    }

    public Long cycleId() {
        return cycleId;
    }

    public LocalDate dueOn() {
        return dueOn;
    }

    public LocalDate periodStart() {
        return periodStart;
    }

    public LocalDate periodEnd() {
        return periodEnd;
    }

    public State state() {
        return state;
    }

    public boolean open() {
        return state == State.SCHEDULED;
    }

    public Integer selfRating() {
        return selfRating;
    }

    public String selfWentWell() {
        return selfWentWell;
    }

    public String selfToImprove() {
        return selfToImprove;
    }

    public Instant selfAt() {
        return selfAt;
    }

    public Integer overallRating() {
        return overallRating;
    }

    public String metricRatings() {
        return metricRatings;
    }

    public String strengths() {
        return strengths;
    }

    public String toImprove() {
        return toImprove;
    }

    public String goals() {
        return goals;
    }

    public String snapshot() {
        return snapshot;
    }

    public Instant completedAt() {
        return completedAt;
    }

    public void selfAssess(int rating, String wentWell, String toImproveText, Instant now) {
        this.selfRating = rating;
        this.selfWentWell = wentWell;
        this.selfToImprove = toImproveText;
        this.selfAt = now;
    }

    /** Records the manager's review; the snapshot is frozen from now on. */
    public void complete(int overall, String ratingsJson, String strengthsText, String toImproveText, String goalsText,
            String snapshotJson, Long by, Instant now) {
        this.overallRating = overall;
        this.metricRatings = ratingsJson;
        this.strengths = strengthsText;
        this.toImprove = toImproveText;
        this.goals = goalsText;
        this.snapshot = snapshotJson;
        this.completedBy = by;
        this.completedAt = now;
        this.state = State.DONE;
    }

    public void cancel() {
        this.state = State.CANCELLED;
    }

    public void reschedule(LocalDate due) {
        this.dueOn = due;
    }
}
