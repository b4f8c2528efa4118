package app.pacer.core.org;

import app.pacer.core.time.WorkWeek;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A Slack team or a Teams tenant. Every other row belongs to exactly one. */
@Entity
@Table(name = "workspace")
public class Workspace {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Platform platform;

    @Column(name = "external_id", nullable = false)
    private String externalId;

    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "work_week", nullable = false, insertable = false)
    private WorkWeek workWeek;

    @Column(nullable = false, insertable = false)
    private String currency;

    @Column(name = "review_remind_days", nullable = false, insertable = false)
    private Integer reviewRemindDays;

    @Column(name = "feedback_type", nullable = false, insertable = false)
    private String feedbackType;

    @Column(name = "guests_allowed", nullable = false, insertable = false)
    private Boolean guestsAllowed;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    public Long id() {
        return id;
    }

    public Platform platform() {
        return platform;
    }

    public String externalId() {
        return externalId;
    }

    public String name() {
        return name;
    }

    /** ISO 4217 code money is shown in. */
    public String currency() {
        return currency == null ? "USD" : currency;
    }

    public void chooseCurrency(String code) {
        currency = code;
    }

    /** The team's default work week; members may choose their own. */
    public WorkWeek workWeek() {
        return workWeek == null ? WorkWeek.MON_FRI : workWeek;
    }

    public void chooseWorkWeek(WorkWeek week) {
        workWeek = week;
    }

    /** How many days before a review both sides are reminded. */
    public int reviewRemindDays() {
        return reviewRemindDays == null ? 3 : reviewRemindDays;
    }

    public void chooseReviewRemindDays(int days) {
        reviewRemindDays = days;
    }

    /** How customer feedback is scored by default: {@code CSAT} or {@code NPS}. */
    public String feedbackType() {
        return feedbackType == null ? "CSAT" : feedbackType;
    }

    public void chooseFeedbackType(String type) {
        feedbackType = type;
    }

    /** Whether the workspace's guests (restricted accounts) may use Pacer; off unless an admin allows them. */
    public boolean guestsAllowed() {
        return guestsAllowed != null && guestsAllowed;
    }

    public void allowGuests(boolean allowed) {
        guestsAllowed = allowed;
    }
}
