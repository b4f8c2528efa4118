package app.pacer.core.time;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** Days a member is away (leave, travel): not working days for their pacing and nudges. */
@Entity
@Table(name = "away")
public class Away {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "workspace_id", nullable = false, updatable = false)
    private Long workspaceId;

    @Column(name = "member_id", nullable = false, updatable = false)
    private Long memberId;

    @Column(name = "first_day", nullable = false)
    private LocalDate firstDay;

    @Column(name = "last_day", nullable = false)
    private LocalDate lastDay;

    protected Away() {
    }

    public Away(Long workspaceId, Long memberId, DateRange range) {
        this.workspaceId = workspaceId;
        this.memberId = memberId;
        this.firstDay = range.first();
        this.lastDay = range.last();
    }

    public Long id() {
        return id;
    }

    public Long memberId() {
        return memberId;
    }

    public DateRange range() {
        return new DateRange(firstDay, lastDay);
    }
}
