package app.pacer.targets;

import app.pacer.core.command.ArgError;
import app.pacer.core.reply.Language;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The metrics of a workspace: the built-in ones and its own, found by key or by either name. */
@ApplicationScoped
public class Metrics {

    private final EntityManager em;

    public Metrics(EntityManager em) {
        this.em = em;
    }

    /** Active metrics: built-in first, then the workspace's own in the order they were added. */
    public List<Metric> active(Long workspaceId) {
        List<Metric> all = new ArrayList<>(Metric.BUILTIN);
        custom(workspaceId).stream().filter(d -> !d.archived()).map(MetricDefinition::toMetric).forEach(all::add);
        return all;
    }

    /** Every metric, archived ones too (old entries and targets still need their names). */
    public Optional<Metric> byKey(Long workspaceId, String key) {
        return Metric.BUILTIN.stream().filter(m -> m.key().equals(key)).findFirst()
                .or(() -> custom(workspaceId).stream().filter(d -> d.key().equals(key)).map(MetricDefinition::toMetric).findFirst());
    }

    /** The active metric a person typed, or an error listing the valid ones. */
    public Metric require(Long workspaceId, String typed, Language language) {
        // built-in metrics come first in active() and are always active: found without reading the workspace's own
        return Metric.BUILTIN.stream().filter(m -> m.matches(typed)).findFirst().orElseGet(() -> {
            List<Metric> active = active(workspaceId);
            return active.stream().filter(m -> m.matches(typed)).findFirst()
                    .orElseThrow(() -> new ArgError("error.metric.unknown", typed, names(active, language)));
        });
    }

    public List<MetricDefinition> custom(Long workspaceId) {
        return em.createQuery("from MetricDefinition where workspaceId = ?1 order by createdAt, id", MetricDefinition.class)
                .setParameter(1, workspaceId).getResultList();
    }

    static String names(List<Metric> metrics, Language language) {
        return String.join(", ", metrics.stream().map(m -> m.key() + (language == Language.ZH ? " (" + m.nameZh() + ")" : "")).toList());
    }
}
