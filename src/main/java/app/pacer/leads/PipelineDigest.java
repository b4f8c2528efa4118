package app.pacer.leads;

import app.pacer.core.reply.Block;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.section.DigestDay;
import app.pacer.core.section.DigestSection;
import app.pacer.targets.Amounts;
import app.pacer.targets.Metric;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The digest's pipeline: leads added and won yesterday, overdue follow-ups per rep. */
@ApplicationScoped
public class PipelineDigest implements DigestSection {

    /** Wins listed by name; more are counted as "10+". */
    private static final int WINS = 10;

    private final EntityManager em;
    private final LeadService leads;

    public PipelineDigest(EntityManager em, LeadService leads) {
        this.em = em;
        this.leads = leads;
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public List<Block> blocks(DigestDay day, Messages m) {
        Instant from = day.yesterday().atStartOfDay(day.zone()).toInstant();
        Instant to = day.yesterday().plusDays(1).atStartOfDay(day.zone()).toInstant();
        long added = ((Number) em.createNativeQuery(
                "SELECT count(*) FROM lead WHERE workspace_id = ?1 AND created_at >= ?2 AND created_at < ?3")
                .setParameter(1, day.workspaceId()).setParameter(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                .setParameter(3, OffsetDateTime.ofInstant(to, ZoneOffset.UTC)).getSingleResult()).longValue();
        List<LeadService.Won> won = leads.wonBetween(day.workspaceId(), from, to, WINS + 1);
        @SuppressWarnings("unchecked")
        List<Object[]> overdue = em.createNativeQuery("""
                SELECT owner_id, count(*) FROM lead
                WHERE workspace_id = ?1 AND next_follow_up < ?2 AND stage_key NOT IN ('won', 'lost')
                GROUP BY owner_id ORDER BY count(*) DESC""")
                .setParameter(1, day.workspaceId()).setParameter(2, day.today()).getResultList();
        if (added == 0 && won.isEmpty() && overdue.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        if (added > 0 || !won.isEmpty()) {
            lines.add(m.get("digest.pipeline.moved", added, won.size() > WINS ? WINS + "+" : String.valueOf(won.size())));
        }
        Metric revenue = Metric.BUILTIN.get(0);
        for (LeadService.Won w : won.stream().limit(WINS).toList()) {
            lines.add("🎉 #" + w.number() + " " + Markdown.literal(w.name()) + (w.value() == null ? "" : " · " + Amounts.format(w.value(), revenue,
                    m.language(), day.currency())) + day.member(w.ownerId()).map(o -> " · " + Markdown.literal(o.displayName())).orElse(""));
        }
        if (!overdue.isEmpty()) {
            long total = overdue.stream().mapToLong(r -> ((Number) r[1]).longValue()).sum();
            String who = overdue.stream().limit(DigestDay.PEOPLE)
                    .map(r -> day.name(((Number) r[0]).longValue()) + " " + r[1]).collect(Collectors.joining(", "));
            lines.add("⏰ " + m.get("digest.pipeline.overdue", total, who + (overdue.size() > DigestDay.PEOPLE
                    ? " " + m.get("digest.and_more", overdue.size() - DigestDay.PEOPLE) : "")));
        }
        return List.of(new Block.Text("**" + m.get("digest.pipeline") + "**"), new Block.Bullets(lines));
    }
}
