package app.pacer.targets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * What a won deal counts for in the targets: its value as revenue, one deal, and one customer when it is that
 * customer's first. Leads ask for it here (the log is this package's); each entry points back to its lead, so a
 * deal that leaves "won" takes back exactly those entries.
 */
@ApplicationScoped
public class DealCredits {

    private final EntityManager em;

    public DealCredits(EntityManager em) {
        this.em = em;
    }

    /**
     * @param note        the log entries' note ("#12 Acme")
     * @param day         the owner's local day of the win
     * @param newCustomer the customer's first won deal: also counts one customer
     */
    public record Win(long workspaceId, long ownerId, long leadId, String note, BigDecimal value, LocalDate day,
            long actorId, boolean newCustomer) {
    }

    public void credit(Win win, Instant now) {
        if (win.value() != null && win.value().signum() > 0) {
            entry(win, "revenue", win.value(), now);
        }
        entry(win, "deals", BigDecimal.ONE, now);
        if (win.newCustomer()) {
            entry(win, "customers", BigDecimal.ONE, now);
        }
    }

    /** Takes back every entry a lead's win logged. */
    public void reverse(long leadId, Instant now) {
        em.createNativeQuery("UPDATE log_entry SET undone_at = ?1 WHERE lead_id = ?2 AND undone_at IS NULL")
                .setParameter(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).setParameter(2, leadId).executeUpdate();
    }

    /** A lead's entries take a new note (its personal data erased): amounts and days stay. */
    public void relabel(long leadId, String note) {
        em.createNativeQuery("UPDATE log_entry SET note = ?1 WHERE lead_id = ?2").setParameter(1, note)
                .setParameter(2, leadId).executeUpdate();
    }

    private void entry(Win win, String metric, BigDecimal amount, Instant now) {
        em.persist(LogEntry.forLead(win.workspaceId(), win.ownerId(), metric, amount, win.day(), win.note(), win.actorId(),
                win.leadId(), now));
    }
}
