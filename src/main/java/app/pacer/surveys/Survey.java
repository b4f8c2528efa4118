package app.pacer.surveys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/** A pulse survey: its questions (in {@code survey_question}), audience and schedule. Each sending is a {@link SurveyRun}. */
@Entity
@Table(name = "survey")
public class Survey {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "workspace_id", nullable = false, updatable = false)
    private Long workspaceId;

    @Column(nullable = false, updatable = false)
    private int number;

    @Column(nullable = false)
    private String title;

    @Column(nullable = false, updatable = false)
    private boolean anonymous;

    @Column(name = "min_responses", nullable = false, updatable = false)
    private int minResponses;

    @Column(name = "whole_team", nullable = false, updatable = false)
    private boolean wholeTeam;

    private Integer weekday;

    @Column(name = "send_time")
    private LocalTime sendTime;

    @Column(name = "time_zone", nullable = false)
    private String timeZone;

    @Column(name = "created_by", nullable = false, updatable = false)
    private Long createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "stopped_at")
    private Instant stoppedAt;

    protected Survey() {
    }

    public Survey(Long workspaceId, int number, String title, boolean anonymous, int minResponses, boolean wholeTeam,
            DayOfWeek weekday, LocalTime sendTime, ZoneId zone, Long createdBy, Instant now) {
        this.workspaceId = workspaceId;
        this.number = number;
        this.title = title;
        this.anonymous = anonymous;
        this.minResponses = minResponses;
        this.wholeTeam = wholeTeam;
        this.weekday = weekday == null ? null : weekday.getValue();
        this.sendTime = sendTime;
        this.timeZone = zone.getId();
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

    public String title() {
        return title;
    }

    public boolean anonymous() {
        return anonymous;
    }

    public int minResponses() {
        return minResponses;
    }

    public boolean wholeTeam() {
        return wholeTeam;
    }

    public boolean weekly() {
        return weekday != null;
    }

    public DayOfWeek weekday() {
        return weekday == null ? null : DayOfWeek.of(weekday);
    }

    public LocalTime sendTime() {
        return sendTime;
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public Long createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public boolean stopped() {
        return stoppedAt != null;
    }

    public void stop(Instant now) {
        this.stoppedAt = now;
    }
}
