package app.pacer.targets;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A workspace's own metric ({@code metric add demos "Demos" 演示}). */
@Entity
@Table(name = "metric")
public class MetricDefinition {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "workspace_id", nullable = false, updatable = false)
    private Long workspaceId;

    @Column(name = "metric_key", nullable = false, updatable = false)
    private String key;

    @Column(name = "name_en", nullable = false)
    private String nameEn;

    @Column(name = "name_zh", nullable = false)
    private String nameZh;

    private String unit;

    @Column(nullable = false)
    private boolean archived;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected MetricDefinition() {
    }

    public MetricDefinition(Long workspaceId, String key, String nameEn, String nameZh, String unit, Instant now) {
        this.workspaceId = workspaceId;
        this.key = key;
        this.nameEn = nameEn;
        this.nameZh = nameZh;
        this.unit = unit;
        this.createdAt = now;
    }

    public Metric toMetric() {
        return new Metric(key, nameEn, nameZh, unit, false, false);
    }

    public boolean archived() {
        return archived;
    }

    public void archive() {
        archived = true;
    }

    public void restore(String newNameEn, String newNameZh, String newUnit) {
        archived = false;
        nameEn = newNameEn;
        nameZh = newNameZh;
        unit = newUnit;
    }

    public String key() {
        return key;
    }
}
