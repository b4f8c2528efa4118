package app.pacer.leads;

import app.pacer.core.command.ArgError;
import app.pacer.core.command.HomeChanged;
import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.org.Role;
import app.pacer.core.search.SearchTokens;
import app.pacer.targets.DealCredits;
import app.pacer.core.time.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Leads: numbering, visibility, history, search index, and what winning one means for the targets. */
@ApplicationScoped
public class LeadService {

    private final EntityManager em;
    private final MemberRepository members;
    private final Event<HomeChanged> homeChanged;
    private final DealCredits credits;

    public LeadService(EntityManager em, MemberRepository members, Event<HomeChanged> homeChanged, DealCredits credits) {
        this.em = em;
        this.members = members;
        this.homeChanged = homeChanged;
        this.credits = credits;
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
        stageChange(lead, null, lead.stageKey(), null, actor, now);
        reindex(lead);
    }

    public void event(Lead lead, Member actor, String what, Instant now) {
        em.createNativeQuery("INSERT INTO lead_event (workspace_id, lead_id, actor_id, at, what) VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, lead.workspaceId()).setParameter(2, lead.id()).setParameter(3, actor.id())
                .setParameter(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
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
            boolean firstOfCustomer = em.createQuery(
                    "select count(l) from Lead l where l.workspaceId = ?1 and l.customerKey = ?2 and l.wonCounted = true and l.id <> ?3",
                    Long.class).setParameter(1, lead.workspaceId()).setParameter(2, lead.customerKey())
                    .setParameter(3, lead.id()).getSingleResult() == 0;
            credits.credit(new DealCredits.Win(lead.workspaceId(), owner.id(), lead.id(), "#" + lead.number() + " " + lead.name(),
                    lead.value(), now.atZone(owner.zone()).toLocalDate(), actor.id(), firstOfCustomer), now);
            lead.setWonCounted(true);
            homeChanged.fire(new HomeChanged(owner.id()));
        } else if (to.kind() != Stage.Kind.WON && lead.wonCounted()) {
            credits.reverse(lead.id(), now);
            lead.setWonCounted(false);
            homeChanged.fire(new HomeChanged(lead.ownerId()));
        }
        // the history's line is for people; the row is what everything that counts reads
        event(lead, actor, "stage: " + from.key() + " → " + to.key() + (reason == null ? "" : " (" + reason + ")"), now);
        stageChange(lead, from.key(), to.key(), reason, actor, now);
    }

    void stageChange(Lead lead, String from, String to, String reason, Member actor, Instant now) {
        em.createNativeQuery("""
                INSERT INTO lead_stage_change (workspace_id, lead_id, from_stage, to_stage, at, actor_id, reason)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                .setParameter(1, lead.workspaceId()).setParameter(2, lead.id()).setParameter(3, from).setParameter(4, to)
                .setParameter(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).setParameter(6, actor.id())
                .setParameter(7, reason == null || reason.length() <= 500 ? reason : reason.substring(0, 500)).executeUpdate();
    }

    /** A deal that entered "won" from another stage: what the digest celebrates. */
    public record Won(int number, String name, BigDecimal value, long ownerId) {
    }

    /**
     * Leads moved into won within [{@code from}, {@code to}) and still there, by number; at most {@code limit}.
     * A lead created as won is not a win of that day.
     */
    public List<Won> wonBetween(long workspaceId, Instant from, Instant to, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT l.number, l.name, l.value, l.owner_id FROM lead l
                WHERE l.workspace_id = ?1 AND l.stage_key = 'won' AND EXISTS (
                    SELECT 1 FROM lead_stage_change c WHERE c.lead_id = l.id AND c.workspace_id = ?1 AND c.to_stage = 'won'
                    AND c.from_stage IS NOT NULL AND c.at >= ?2 AND c.at < ?3)
                ORDER BY l.number LIMIT ?4""")
                .setParameter(1, workspaceId).setParameter(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                .setParameter(3, OffsetDateTime.ofInstant(to, ZoneOffset.UTC)).setParameter(4, limit).getResultList();
        return rows.stream().map(r -> new Won(((Number) r[0]).intValue(), (String) r[1], (BigDecimal) r[2],
                ((Number) r[3]).longValue())).toList();
    }

    /** The lead of the workspace with this id, as other features may know it. */
    public Optional<LeadRef> ref(long workspaceId, long leadId) {
        Lead lead = em.find(Lead.class, leadId);
        return lead == null || lead.workspaceId() != workspaceId ? Optional.empty() : Optional.of(lead.ref());
    }

    /** Several leads of the workspace by id, in one query. */
    public Map<Long, LeadRef> refs(long workspaceId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("from Lead where workspaceId = ?1 and id in ?2", Lead.class).setParameter(1, workspaceId)
                .setParameter(2, ids).getResultStream().collect(Collectors.toMap(Lead::id, Lead::ref));
    }

    /** {@link #visible(Member, int)}, as other features may know it. */
    public LeadRef visibleRef(Member actor, int number) {
        return visible(actor, number).ref();
    }

    public void addNote(Lead lead, Member actor, String text, Instant now) {
        em.createNativeQuery("INSERT INTO lead_note (workspace_id, lead_id, author_id, text, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, lead.workspaceId()).setParameter(2, lead.id()).setParameter(3, actor.id())
                .setParameter(4, text).setParameter(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .executeUpdate();
        lead.touch(now);
        event(lead, actor, "note", now);
        reindex(lead);
    }

    /** One line of a lead's history: when, by whom (display name), what. */
    public record HistoryLine(Instant at, String actor, String what) {
    }

    /** Latest changes first. */
    public List<HistoryLine> history(Lead lead, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT e.at, coalesce(m.display_name, m.platform_user_id), e.what FROM lead_event e
                JOIN member m ON m.id = e.actor_id WHERE e.lead_id = ?1 ORDER BY e.at DESC, e.id DESC LIMIT ?2""")
                .setParameter(1, lead.id()).setParameter(2, limit).getResultList();
        return rows.stream().map(r -> new HistoryLine(Timestamps.instant(r[0]), (String) r[1], (String) r[2])).toList();
    }

    /** A note on a lead: when, whose (display name), its text. */
    public record Note(Instant at, String author, String text) {
    }

    /** Latest first. */
    public List<Note> notes(Lead lead, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT n.created_at, coalesce(m.display_name, m.platform_user_id), n.text FROM lead_note n
                JOIN member m ON m.id = n.author_id WHERE n.lead_id = ?1 ORDER BY n.created_at DESC, n.id DESC LIMIT ?2""")
                .setParameter(1, lead.id()).setParameter(2, limit).getResultList();
        return rows.stream().map(r -> new Note(Timestamps.instant(r[0]), (String) r[1], (String) r[2])).toList();
    }

    /** A note as the export writes it: when, whose (display name), its text. */
    public record ExportedNote(long leadId, Instant at, String author, String text) {
    }

    /** Every note of these leads, oldest first per lead (the export's {@code notes} column). */
    public Map<Long, List<ExportedNote>> notesOf(long workspaceId, Collection<Long> leadIds) {
        if (leadIds.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT n.lead_id, n.created_at, coalesce(m.display_name, m.platform_user_id), n.text FROM lead_note n
                JOIN member m ON m.id = n.author_id WHERE n.workspace_id = ?1 AND n.lead_id IN (?2)
                ORDER BY n.lead_id, n.created_at, n.id""")
                .setParameter(1, workspaceId).setParameter(2, List.copyOf(leadIds)).getResultList();
        return rows.stream().map(r -> new ExportedNote(((Number) r[0]).longValue(), Timestamps.instant(r[1]), (String) r[2],
                (String) r[3])).collect(Collectors.groupingBy(ExportedNote::leadId, java.util.LinkedHashMap::new, Collectors.toList()));
    }

    /** A stage change: {@code from} is null for the stage the lead was created in. */
    public record StageChange(long leadId, String from, String to, Instant at) {
    }

    /** The latest stage change of each of these leads. */
    public Map<Long, StageChange> lastStageChanges(long workspaceId, Collection<Long> leadIds) {
        if (leadIds.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT DISTINCT ON (c.lead_id) c.lead_id, c.from_stage, c.to_stage, c.at FROM lead_stage_change c
                WHERE c.workspace_id = ?1 AND c.lead_id IN (?2) ORDER BY c.lead_id, c.at DESC, c.id DESC""")
                .setParameter(1, workspaceId).setParameter(2, List.copyOf(leadIds)).getResultList();
        return rows.stream().map(r -> new StageChange(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                Timestamps.instant(r[3]))).collect(Collectors.toMap(StageChange::leadId, c -> c));
    }
}
