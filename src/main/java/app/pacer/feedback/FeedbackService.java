package app.pacer.feedback;

import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.reply.ActionRef;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Button;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.delivery.Outbox;
import app.pacer.leads.LeadRef;
import app.pacer.leads.LeadService;
import app.pacer.reviews.ReviewService;
import app.pacer.core.time.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Recording what customers said, the links that ask them, and who hears about a low score. */
@ApplicationScoped
public class FeedbackService {

    public static final Duration LINK_LIFETIME = Duration.ofDays(14);

    private final EntityManager em;
    private final MemberRepository members;
    private final ReviewService reviews;
    private final Outbox outbox;
    private final LinkTokens tokens;
    private final LeadService leads;

    public FeedbackService(EntityManager em, MemberRepository members, ReviewService reviews, Outbox outbox, LinkTokens tokens,
            LeadService leads) {
        this.em = em;
        this.leads = leads;
        this.members = members;
        this.reviews = reviews;
        this.outbox = outbox;
        this.tokens = tokens;
    }

    public enum Source { REP, LINK }

    /** Stores a score against the lead; a low one alerts the owner's manager at once. Returns the feedback id. */
    public long record(LeadRef lead, FeedbackKind kind, int score, String comment, Source source, Member recordedBy, Instant now) {
        long id = ((Number) em.createNativeQuery("""
                INSERT INTO feedback (workspace_id, lead_id, owner_id, kind, score, comment, source, recorded_by, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS VARCHAR), ?7, CAST(?8 AS BIGINT), ?9) RETURNING id""")
                .setParameter(1, lead.workspaceId()).setParameter(2, lead.id()).setParameter(3, lead.ownerId())
                .setParameter(4, kind.name()).setParameter(5, score).setParameter(6, comment).setParameter(7, source.name())
                .setParameter(8, recordedBy == null ? null : recordedBy.id()).setParameter(9, utc(now))
                .getSingleResult()).longValue();
        Member owner = members.findById(lead.ownerId());
        if (source == Source.LINK) {
            Messages m = Messages.of(owner.language());
            String text = m.get("feedback.dm.answered", "#" + lead.number(), Markdown.literal(lead.name()), score(kind, score, m))
                    + quoted(comment);
            outbox.toMember(owner, message(text, lead, m), "feedback-answered:" + id, now, now.plus(Duration.ofDays(2)));
        }
        if (kind.low(score)) {
            Optional<Member> manager = reviews.managerOf(owner);
            if (manager.isPresent()) {
                Messages m = Messages.of(manager.get().language());
                String text = m.get("feedback.alert", Markdown.literal(owner.displayName()), "#" + lead.number(),
                        Markdown.literal(lead.name()), score(kind, score, m)) + quoted(comment);
                outbox.toMember(manager.get(), message("⚠️ " + text, lead, m), "feedback-alert:" + id, now,
                        now.plus(Duration.ofDays(2)));
            }
        }
        return id;
    }

    /** The customer's comment under the message, quoted: shown as typed, never as Markdown (it comes from a web page). */
    private static String quoted(String comment) {
        return comment == null ? "" : "\n> " + Markdown.literal(comment).replace("\n", "\n> ");
    }

    private static Reply.Message message(String text, LeadRef lead, Messages m) {
        return Reply.message(Markdown.plain(text), List.of(new Block.Text(text),
                new Block.Actions(List.of(Button.of(m.get("lead.button.show"),
                        ActionRef.of("lead.show", Map.of("lead", String.valueOf(lead.number()))))))));
    }

    public static String score(FeedbackKind kind, int score, Messages m) {
        return m.get("feedback.score." + kind.name().toLowerCase(java.util.Locale.ROOT), score);
    }

    /** A new single-use link for the lead's customer; returns its token. */
    public String newLink(LeadRef lead, FeedbackKind kind, Member by, Instant now) {
        UUID id = UUID.randomUUID();
        Instant expires = now.plus(LINK_LIFETIME).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        em.createNativeQuery("""
                INSERT INTO feedback_link (id, workspace_id, lead_id, kind, created_by, created_at, expires_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                .setParameter(1, id).setParameter(2, lead.workspaceId()).setParameter(3, lead.id()).setParameter(4, kind.name())
                .setParameter(5, by.id()).setParameter(6, utc(now)).setParameter(7, utc(expires)).executeUpdate();
        return tokens.token(id, lead.workspaceId(), lead.id(), expires.getEpochSecond());
    }

    /** What a link's token leads to. */
    public record Link(UUID id, long workspaceId, LeadRef lead, FeedbackKind kind, Instant expiresAt, Instant usedAt) {
        public boolean expired(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    /** The link a token names, if its signature holds. */
    public Optional<Link> link(String token) {
        Optional<UUID> id = LinkTokens.linkId(token);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT workspace_id, lead_id, kind, expires_at, used_at FROM feedback_link WHERE id = ?1")
                .setParameter(1, id.get()).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        long ws = ((Number) row[0]).longValue();
        long leadId = ((Number) row[1]).longValue();
        Instant expires = Timestamps.instant(row[3]);
        if (!tokens.valid(token, id.get(), ws, leadId, expires.getEpochSecond())) {
            return Optional.empty();
        }
        Optional<LeadRef> lead = leads.ref(ws, leadId);
        if (lead.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Link(id.get(), ws, lead.get(), FeedbackKind.valueOf((String) row[2]), expires,
                row[4] == null ? null : Timestamps.instant(row[4])));
    }

    /** Marks the link used; false when it already was (a double submit, or two tabs). */
    public boolean use(Link link, Instant now) {
        return em.createNativeQuery("UPDATE feedback_link SET used_at = ?1 WHERE id = ?2 AND used_at IS NULL")
                .setParameter(1, utc(now)).setParameter(2, link.id()).executeUpdate() == 1;
    }

    /** One answer about a lead. {@code comment} may be null. */
    public record Score(FeedbackKind kind, int score, String comment, Instant at) {
    }

    /** The lead's scores, newest first. */
    public List<Score> ofLead(LeadRef lead, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT kind, score, comment, created_at FROM feedback WHERE lead_id = ?1 ORDER BY created_at DESC, id DESC LIMIT ?2""")
                .setParameter(1, lead.id()).setParameter(2, limit).getResultList();
        return rows.stream().map(r -> new Score(FeedbackKind.valueOf((String) r[0]), ((Number) r[1]).intValue(), (String) r[2],
                Timestamps.instant(r[3]))).toList();
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
