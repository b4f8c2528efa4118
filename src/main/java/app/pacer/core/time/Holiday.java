package app.pacer.core.time;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A workspace holiday, one day or a range ({@code 2026-10-01..2026-10-07 国庆节}). */
@Entity
@Table(name = "holiday")
public class Holiday {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "workspace_id", nullable = false, updatable = false)
    private Long workspaceId;

    @Column(name = "first_day", nullable = false)
    private LocalDate firstDay;

    @Column(name = "last_day", nullable = false)
    private LocalDate lastDay;

    @Column(nullable = false)
    private String name;

    protected Holiday() {
    }

    public Holiday(Long workspaceId, DateRange range, String name) {
        this.workspaceId = workspaceId;
        this.firstDay = range.first();
        this.lastDay = range.last();
        this.name = name;
    }

    public Long id() {
        return id;
    }

    public Long workspaceId() {
        return workspaceId;
    }

    public DateRange range() {
        return new DateRange(firstDay, lastDay);
    }

    public String name() {
        return name;
    }
}
