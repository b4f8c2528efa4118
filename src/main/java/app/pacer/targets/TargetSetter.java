package app.pacer.targets;

import app.pacer.core.command.Period;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Setting a target: the new one replaces the active one for the same slot, which stays as history. */
@ApplicationScoped
public class TargetSetter {

    private final EntityManager em;

    public TargetSetter(EntityManager em) {
        this.em = em;
    }

    /** Sets the target of {@code memberId} (null: the team) for the period starting on {@code start}. */
    public Target set(Long workspaceId, String metricKey, Period period, LocalDate start, Long memberId, BigDecimal amount,
            Long setBy, Instant now) {
        supersede(workspaceId, metricKey, period, start, memberId, now);
        Target target = new Target(workspaceId, metricKey, period, start, memberId, amount, setBy, now);
        em.persist(target);
        return target;
    }

    /** Ends the active target for this slot; returns how many there were (0 or 1). */
    public int supersede(Long workspaceId, String metricKey, Period period, LocalDate start, Long memberId, Instant now) {
        Query update = em.createQuery("""
                update Target set supersededAt = ?1 where workspaceId = ?2 and metricKey = ?3 and period = ?4
                and periodStart = ?5 and supersededAt is null""" + (memberId == null ? " and memberId is null" : " and memberId = ?6"))
                .setParameter(1, now).setParameter(2, workspaceId).setParameter(3, metricKey)
                .setParameter(4, period).setParameter(5, start);
        if (memberId != null) {
            update.setParameter(6, memberId);
        }
        return update.executeUpdate();
    }
}
