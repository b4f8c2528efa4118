package app.pacer.leads;

import app.pacer.core.command.ArgError;
import app.pacer.core.command.HomeChanged;
import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.org.Role;
import app.pacer.core.search.SearchTokens;
import app.pacer.targets.LogEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Leads: numbering, visibility, history, search index, and what winning one means for the targets. */
@ApplicationScoped
public class LeadService {

    private final EntityManager em;
    private final MemberRepository members;
    private final Event<HomeChanged> homeChanged;

    public LeadService(EntityManager em, MemberRepository members, Event<HomeChanged> homeChanged) {
        this.em = em;
        this.members = members;
        this.homeChanged = homeChanged;
    }

    /** The next short number of the workspace (#1, #2, …); the row lock keeps them unique under concurrency. */
    public int nextNumber(Long workspaceId) {
        return ((Number) em.createNativeQuery("UPDATE workspace SET lead_seq = lead_seq + 1 WHERE id = ?1 RETURNING lead_seq")
                .setParameter(1, workspaceId).getSingleResult()).intValue();
    }

    /** An existing lead with the same email or phone (normalised), if any. */
    public Optional<Lead> duplicate(Long workspaceId, String email, String phone) {
        String e = Contacts.normaliseEmail(email);
        String p = Contacts.normalisePhone(phone);
        if ((e == null || e.isEmpty()) && (p == null || p.isEmpty())) {
            return Optional.empty();
        }
        boolean byEmail = e != null && !e.isEmpty();
        boolean byPhone = p != null && !p.isEmpty();
        String match = byEmail && byPhone ? "(emailNorm = :email or phoneNorm = :phone)" : byEmail ? "emailNorm = :email" : "phoneNorm = :phone";
        var query = em.createQuery("from Lead where workspaceId = :ws and " + match + " order by number", Lead.class)
                .setParameter("ws", workspaceId);
        if (byEmail) {
            query.setParameter("email", e);
        }
        if (byPhone) {
            query.setParameter("phone", p);
        }
        return query.setMaxResults(1).getResultStream().findFirst();
    }

    /** The lead #number of the actor's workspace, if they may see it: reps their own, managers and admins all. */
    public Lead visible(Member actor, int number) {
        Lead lead = em.createQuery("from Lead where workspaceId = ?1 and number = ?2", Lead.class)
                .setParameter(1, actor.workspaceId()).setParameter(2, number).getResultStream().findFirst()
                .orElseThrow(() -> new ArgError("error.lead.not_found", "#" + number));
        if (!mayEdit(actor, lead)) {
            throw new ArgError("error.lead.not_yours", "#" + number);
        }
        return lead;
    }

    public static boolean mayEdit(Member actor, Lead lead) {
        return actor.role().atLeast(Role.MANAGER) || lead.ownerId().equals(actor.id());
    }

    public void persistNew(Lead lead, Member actor, Instant now) {
        em.persist(lead);
        em.flush();
        event(lead, actor, "created", now);
        reindex(lead);
    }

    public void event(Lead lead, Member actor, String what, Instant now) {
        em.createNativeQuery("INSERT INTO lead_event (workspace_id, lead_id, actor_id, at, what) VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, lead.workspaceId()).setParameter(2, lead.id()).setParameter(3, actor.id())
                .setParameter(4, java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC))
                .setParameter(5, what.length() > 1000 ? what.substring(0, 1000) : what).executeUpdate();
    }

    /** Name, company, contacts and notes, tokenised for {@code lead find}. */
    public void reindex(Lead lead) {
        StringBuilder text = new StringBuilder();
        for (String part : new String[] {lead.name(), lead.company(), lead.email(), lead.phone(), lead.wechat(), lead.source()}) {
            if (part != null) {
                text.append(part).append(' ');
            }
        }
        if (lead.phone() != null) {
            text.append(Contacts.normalisePhone(lead.phone())).append(' ');
        }
        @SuppressWarnings("unchecked")
        List<String> notes = em.createNativeQuery("SELECT text FROM lead_note WHERE lead_id = ?1").setParameter(1, lead.id())
                .getResultList();
        notes.forEach(n -> text.append(n).append(' '));
        em.createNativeQuery("UPDATE lead SET search = to_tsvector('simple', ?1) WHERE id = ?2")
                .setParameter(1, String.join(" ", SearchTokens.of(text.toString()))).setParameter(2, lead.id()).executeUpdate();
    }

    /**
     * Moves a lead, and keeps the targets honest: entering won logs its value as revenue, one deal, and one new
     * customer when it is that customer's first won deal — once; leaving won reverses exactly those entries.
     */
    public void moveTo(Lead lead, Stage from, Stage to, String reason, Member actor, Instant now) {
        lead.setStage(to.key(), to.kind() == Stage.Kind.LOST ? reason : null);
        lead.touch(now);
        if (to.kind() == Stage.Kind.WON && !lead.wonCounted()) {
            Member owner = members.findById(lead.ownerId());
            var day = now.atZone(owner.zone()).toLocalDate();
            String note = "#" + lead.number() + " " + lead.name();
            boolean firstOfCustomer = em.createQuery(
                    "select count(l) from Lead l where l.workspaceId = ?1 and l.customerKey = ?2 and l.wonCounted = true and l.id <> ?3",
                    Long.class).setParameter(1, lead.workspaceId()).setParameter(2, lead.customerKey())
                    .setParameter(3, lead.id()).getSingleResult() == 0;
            if (lead.value() != null && lead.value().signum() > 0) {
                em.persist(LogEntry.forLead(lead.workspaceId(), owner.id(), "revenue", lead.value(), day, note, actor.id(), lead.id(), now));
            }
            em.persist(LogEntry.forLead(lead.workspaceId(), owner.id(), "deals", BigDecimal.ONE, day, note, actor.id(), lead.id(), now));
            if (firstOfCustomer) {
                em.persist(LogEntry.forLead(lead.workspaceId(), owner.id(), "customers", BigDecimal.ONE, day, note, actor.id(), lead.id(), now));
            }
            lead.setWonCounted(true);
            homeChanged.fire(new HomeChanged(owner.id()));
        } else if (to.kind() != Stage.Kind.WON && lead.wonCounted()) {
            em.createNativeQuery("UPDATE log_entry SET undone_at = ?1 WHERE lead_id = ?2 AND undone_at IS NULL")
                    .setParameter(1, java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC))
                    .setParameter(2, lead.id()).executeUpdate();
            lead.setWonCounted(false);
            homeChanged.fire(new HomeChanged(lead.ownerId()));
        }
        event(lead, actor, "stage: " + from.key() + " → " + to.key() + (reason == null ? "" : " (" + reason + ")"), now);
    }

    public void addNote(Lead lead, Member actor, String text, Instant now) {
        em.createNativeQuery("INSERT INTO lead_note (workspace_id, lead_id, author_id, text, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, lead.workspaceId()).setParameter(2, lead.id()).setParameter(3, actor.id())
                .setParameter(4, text).setParameter(5, java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC))
                .executeUpdate();
        lead.touch(now);
        event(lead, actor, "note", now);
        reindex(lead);
    }

    /** Latest changes first. */
    public List<Object[]> history(Lead lead, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT e.at, coalesce(m.display_name, m.platform_user_id), e.what FROM lead_event e
                JOIN member m ON m.id = e.actor_id WHERE e.lead_id = ?1 ORDER BY e.at DESC, e.id DESC LIMIT ?2""")
                .setParameter(1, lead.id()).setParameter(2, limit).getResultList();
        return rows;
    }

    public List<Object[]> notes(Lead lead, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT n.created_at, coalesce(m.display_name, m.platform_user_id), n.text FROM lead_note n
                JOIN member m ON m.id = n.author_id WHERE n.lead_id = ?1 ORDER BY n.created_at DESC, n.id DESC LIMIT ?2""")
                .setParameter(1, lead.id()).setParameter(2, limit).getResultList();
        return rows;
    }
}
