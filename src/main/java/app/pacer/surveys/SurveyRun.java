package app.pacer.surveys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One sending of a survey: the people invited, who answered and the answers belong to a run. */
@Entity
@Table(name = "survey_run")
public class SurveyRun {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "survey_id", nullable = false, updatable = false)
    private Long surveyId;

    @Column(name = "workspace_id", nullable = false, updatable = false)
    private Long workspaceId;

    @Column(name = "run_no", nullable = false, updatable = false)
    private int runNo;

    @Column(name = "scheduled_at", nullable = false, updatable = false)
    private Instant scheduledAt;

    @Column(name = "closes_at", nullable = false)
    private Instant closesAt;

    protected SurveyRun() {
    }

    public Long id() {
        return id;
    }

    public Long surveyId() {
        return surveyId;
    }

    public Long workspaceId() {
        return workspaceId;
    }

    public int runNo() {
        return runNo;
    }

    public Instant scheduledAt() {
        return scheduledAt;
    }

    public Instant closesAt() {
        return closesAt;
    }

    public boolean open(Instant now) {
        return now.isBefore(closesAt);
    }
}
