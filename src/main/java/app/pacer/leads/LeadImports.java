package app.pacer.leads;

import app.pacer.core.org.Member;
import app.pacer.core.org.Role;
import app.pacer.core.search.SearchTokens;
import app.pacer.targets.DealCredits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.hibernate.Session;

/**
 * Leads written many at a time (an import), with everything {@link LeadService#persistNew} keeps right: numbers,
 * the "created" history line, the first stage-history row, the search index and notes. One statement per table
 * and batch (the batch's values as arrays, unnested) instead of one entity at a time: 100,000 leads would
 * otherwise cost half a million round trips. Leads created
 * as won are history being brought in, not today's wins: they credit no target (as a lead added as won would
 * not be a win of that day); an update that moves a lead goes through {@link LeadService#moveTo}, which does.
 */
@ApplicationScoped
public class LeadImports {

    private final EntityManager em;
    private final LeadService leads;
    private final Stages stages;
    private final DealCredits credits;

    public LeadImports(EntityManager em, LeadService leads, Stages stages, DealCredits credits) {
        this.em = em;
        this.leads = leads;
        this.stages = stages;
        this.credits = credits;
    }

    /** An existing lead found by email or phone: enough to decide and to name it to whoever may see it. */
    public record Match(long id, int number, String name, long ownerId) {
    }

    /**
     * Existing leads of the workspace by normalised email ({@code "e:" + email}) and phone ({@code "p:" + digits}),
     * the lowest number first, as {@link LeadService#duplicate} finds one at a time.
     */
    public Map<String, Match> existing(long workspaceId, Collection<String> emails, Collection<String> phones) {
        Map<String, Match> found = new HashMap<>();
        if (emails.isEmpty() && phones.isEmpty()) {
            return found;
        }
        session().doWork(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT l.id, l.number, l.name, l.owner_id, l.email_norm, l.phone_norm
                    FROM unnest(?::varchar[]) k(v)
                    JOIN LATERAL (SELECT * FROM lead WHERE workspace_id = ? AND email_norm = k.v OFFSET 0) l ON true
                    UNION
                    SELECT l.id, l.number, l.name, l.owner_id, l.email_norm, l.phone_norm
                    FROM unnest(?::varchar[]) k(v)
                    JOIN LATERAL (SELECT * FROM lead WHERE workspace_id = ? AND phone_norm = k.v OFFSET 0) l ON true
                    ORDER BY 2""")) {
                // one index probe per key (ix_lead_email, ix_lead_phone), whatever the statistics say: OFFSET 0 keeps
                // each lookup a parameterised subquery. Written as "= ANY(?)", the planner, with statistics from
                // before the import grew the table (or none yet), filtered all the workspace's leads for every
                // batch: 5 s a batch by the end of 100,000 rows
                s.setArray(1, c.createArrayOf("varchar", emails.toArray()));
                s.setLong(2, workspaceId);
                s.setArray(3, c.createArrayOf("varchar", phones.toArray()));
                s.setLong(4, workspaceId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Match m = new Match(r.getLong(1), r.getInt(2), r.getString(3), r.getLong(4));
                        if (r.getString(5) != null && emails.contains(r.getString(5))) {
                            found.putIfAbsent("e:" + r.getString(5), m);
                        }
                        if (r.getString(6) != null && phones.contains(r.getString(6))) {
                            found.putIfAbsent("p:" + r.getString(6), m);
                        }
                    }
                }
            }
        });
        return found;
    }

    /** Adds the drafts in one go (numbers in their order); their ids, in the same order. */
    public List<Long> addAll(long workspaceId, List<LeadDraft> given, Member actor, Instant now) {
        if (given.isEmpty()) {
            return List.of();
        }
        // no stage given: the first one, as lead add does
        List<LeadDraft> drafts = given.stream().map(d -> d.stageKey() != null ? d : new LeadDraft(d.name(), d.company(),
                d.email(), d.phone(), d.wechat(), d.source(), Stage.BUILTIN.get(0).key(), d.value(), d.nextFollowUp(),
                d.expectedClose(), d.lostReason(), d.ownerId(), d.note())).toList();
        em.flush();
        int last = ((Number) em.createNativeQuery(
                "UPDATE workspace SET lead_seq = lead_seq + ?1 WHERE id = ?2 RETURNING lead_seq")
                .setParameter(1, drafts.size()).setParameter(2, workspaceId).getSingleResult()).intValue();
        int first = last - drafts.size() + 1;
        List<Long> ids = new ArrayList<>(drafts.size());
        Timestamp at = Timestamp.from(now);
        session().doWork(c -> {
            int n = drafts.size();
            String[][] cols = new String[16][n];
            for (int i = 0; i < n; i++) {
                LeadDraft d = drafts.get(i);
                String[] row = {String.valueOf(first + i), d.name(), d.company(), d.email(), Contacts.normaliseEmail(d.email()),
                        d.phone(), Contacts.normalisePhone(d.phone()), d.wechat(), d.source(), d.stageKey(),
                        d.value() == null ? null : d.value().toPlainString(),
                        d.nextFollowUp() == null ? null : d.nextFollowUp().toString(),
                        d.expectedClose() == null ? null : d.expectedClose().toString(), String.valueOf(d.ownerId()),
                        d.lostReason(), Lead.customerKeyOf(d.name(), d.company())};
                for (int col = 0; col < row.length; col++) {
                    cols[col][i] = row[col];
                }
            }
            String[] search = new String[n];
            for (int i = 0; i < n; i++) {
                search[i] = searchText(drafts.get(i));
            }
            // one statement per table and batch (arrays unnested in order), not one per row
            Map<Integer, Long> byNumber = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO lead (workspace_id, number, name, company, email, email_norm, phone, phone_norm, wechat,
                                      source, stage_key, value, next_follow_up, expected_close, owner_id, lost_reason,
                                      customer_key, search, created_at, updated_at)
                    SELECT ?, t.number::int, t.name, t.company, t.email, t.email_norm, t.phone, t.phone_norm, t.wechat,
                           t.source, t.stage_key, t.value::numeric, t.next_follow_up::date, t.expected_close::date,
                           t.owner_id::bigint, t.lost_reason, t.customer_key, to_tsvector('simple', t.search), ?, ?
                    FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                ?::text[])
                         AS t(number, name, company, email, email_norm, phone, phone_norm, wechat, source, stage_key,
                              value, next_follow_up, expected_close, owner_id, lost_reason, customer_key, search)
                    RETURNING id, number""")) {
                s.setLong(1, workspaceId);
                s.setTimestamp(2, at);
                s.setTimestamp(3, at);
                for (int col = 0; col < cols.length; col++) {
                    s.setArray(4 + col, c.createArrayOf("text", cols[col]));
                }
                s.setArray(4 + cols.length, c.createArrayOf("text", search));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        byNumber.put(r.getInt(2), r.getLong(1));
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                ids.add(Objects.requireNonNull(byNumber.get(first + i), "lead number not inserted"));
            }
            Long[] idArray = ids.toArray(Long[]::new);
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO lead_event (workspace_id, lead_id, actor_id, at, what)
                    SELECT ?, t.id, ?, ?, 'created' FROM unnest(?::bigint[]) AS t(id)""")) {
                s.setLong(1, workspaceId);
                s.setLong(2, actor.id());
                s.setTimestamp(3, at);
                s.setArray(4, c.createArrayOf("bigint", idArray));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO lead_stage_change (workspace_id, lead_id, from_stage, to_stage, at, actor_id, reason)
                    SELECT ?, t.id, NULL, t.stage, ?, ?, NULL FROM unnest(?::bigint[], ?::text[]) AS t(id, stage)""")) {
                s.setLong(1, workspaceId);
                s.setTimestamp(2, at);
                s.setLong(3, actor.id());
                s.setArray(4, c.createArrayOf("bigint", idArray));
                s.setArray(5, c.createArrayOf("text", cols[9]));
                s.executeUpdate();
            }
            List<Long> notedIds = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (drafts.get(i).note() != null) {
                    notedIds.add(ids.get(i));
                    notes.add(drafts.get(i).note());
                }
            }
            if (!notes.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO lead_note (workspace_id, lead_id, author_id, text, created_at)
                        SELECT ?, t.id, ?, t.text, ? FROM unnest(?::bigint[], ?::text[]) AS t(id, text)""")) {
                    s.setLong(1, workspaceId);
                    s.setLong(2, actor.id());
                    s.setTimestamp(3, at);
                    s.setArray(4, c.createArrayOf("bigint", notedIds.toArray(Long[]::new)));
                    s.setArray(5, c.createArrayOf("text", notes.toArray(String[]::new)));
                    s.executeUpdate();
                }
            }
        });
        return ids;
    }

    /** What {@link LeadService#reindex} indexes: name, company, contacts, source, the phone's digits, notes. */
    private static String searchText(LeadDraft d) {
        StringBuilder text = new StringBuilder();
        for (String part : new String[] {d.name(), d.company(), d.email(), d.phone(), d.wechat(), d.source()}) {
            if (part != null) {
                text.append(part).append(' ');
            }
        }
        if (d.phone() != null) {
            text.append(Contacts.normalisePhone(d.phone())).append(' ');
        }
        if (d.note() != null) {
            text.append(d.note());
        }
        return String.join(" ", SearchTokens.of(text.toString()));
    }

    /**
     * Fills an existing lead from a draft: every field the draft gives replaces the lead's; the owner changes only
     * when a manager imports. Empty when the actor may not edit that lead. The note is not added (an update
     * would otherwise repeat it at every re-import).
     *
     * @return the lead as it was, for undo
     */
    public Optional<LeadSnapshot> update(long workspaceId, long leadId, LeadDraft d, Member actor, Instant now) {
        Lead lead = em.find(Lead.class, leadId);
        if (lead == null || lead.workspaceId() != workspaceId || !LeadService.mayEdit(actor, lead)) {
            return Optional.empty();
        }
        LeadSnapshot before = LeadSnapshot.of(lead);
        apply(lead, d.name(), d.company(), d.email(), d.phone(), d.wechat(), d.source(), d.value(), d.nextFollowUp(),
                d.expectedClose(),
                actor.role().atLeast(Role.MANAGER) ? d.ownerId() : lead.ownerId());
        if (d.stageKey() != null && !d.stageKey().equals(lead.stageKey())) {
            leads.moveTo(lead, stages.byKey(workspaceId, lead.stageKey()), stages.byKey(workspaceId, d.stageKey()),
                    d.lostReason(), actor, now);
        }
        lead.touch(now);
        leads.event(lead, actor, "updated by import", now);
        leads.reindex(lead);
        return Optional.of(before);
    }

    /** Puts a lead back as it was before an import updated it (stage moves go through the usual path). */
    public void restore(long workspaceId, LeadSnapshot s, Member actor, Instant now) {
        Lead lead = em.find(Lead.class, s.id());
        if (lead == null || lead.workspaceId() != workspaceId) {
            return;
        }
        lead.setName(s.name());
        lead.setCompany(s.company());
        lead.setEmail(s.email());
        lead.setPhone(s.phone());
        lead.setWechat(s.wechat());
        lead.setSource(s.source());
        lead.setValue(s.value());
        lead.setNextFollowUp(s.nextFollowUp());
        lead.setExpectedClose(s.expectedClose());
        lead.setOwner(s.ownerId());
        if (!Objects.equals(s.stageKey(), lead.stageKey())) {
            leads.moveTo(lead, stages.byKey(workspaceId, lead.stageKey()), stages.byKey(workspaceId, s.stageKey()),
                    s.lostReason(), actor, now);
        }
        lead.setStage(s.stageKey(), s.lostReason());
        lead.touch(now);
        leads.event(lead, actor, "import undone", now);
        leads.reindex(lead);
    }

    /**
     * Removes leads an import added (with their notes, history and feedback); a won deal's target entries are
     * reversed first, as leaving won would.
     *
     * @return how many were removed
     */
    public int removeAll(long workspaceId, List<Long> ids, Instant now) {
        if (ids.isEmpty()) {
            return 0;
        }
        em.flush();
        List<Long> won = new ArrayList<>();
        int[] removed = {0};
        session().doWork(c -> {
            java.sql.Array array = c.createArrayOf("bigint", ids.toArray());
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM lead WHERE workspace_id = ? AND won_counted AND id = ANY(?)")) {
                s.setLong(1, workspaceId);
                s.setArray(2, array);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        won.add(r.getLong(1));
                    }
                }
            }
        });
        won.forEach(id -> credits.reverse(id, now));
        em.flush();
        session().doWork(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM lead WHERE workspace_id = ? AND id = ANY(?)")) {
                s.setLong(1, workspaceId);
                s.setArray(2, c.createArrayOf("bigint", ids.toArray()));
                removed[0] = s.executeUpdate();
            }
        });
        em.clear();
        return removed[0];
    }

    private static void apply(Lead lead, String name, String company, String email, String phone, String wechat,
            String source, java.math.BigDecimal value, java.time.LocalDate next, java.time.LocalDate close, long owner) {
        if (name != null) {
            lead.setName(name);
        }
        if (company != null) {
            lead.setCompany(company);
        }
        if (email != null) {
            lead.setEmail(email);
        }
        if (phone != null) {
            lead.setPhone(phone);
        }
        if (wechat != null) {
            lead.setWechat(wechat);
        }
        if (source != null) {
            lead.setSource(source);
        }
        if (value != null) {
            lead.setValue(value);
        }
        if (next != null) {
            lead.setNextFollowUp(next);
        }
        if (close != null) {
            lead.setExpectedClose(close);
        }
        lead.setOwner(owner);
    }

    private Session session() {
        return em.unwrap(Session.class);
    }

}
