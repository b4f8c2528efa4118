package app.pacer.targets;

import app.pacer.core.command.Period;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.section.DigestDay;
import app.pacer.core.section.DigestSection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Mondays and the weekly digest: the team's totals of last week, per metric. */
@ApplicationScoped
public class LastWeekDigest implements DigestSection {

    private final EntityManager em;
    private final Metrics metrics;

    public LastWeekDigest(EntityManager em, Metrics metrics) {
        this.em = em;
        this.metrics = metrics;
    }

    @Override
    public int order() {
        return 80;
    }

    @Override
    public List<Block> blocks(DigestDay day, Messages m) {
        if (!day.weekStart()) {
            return List.of();
        }
        LocalDate end = Period.WEEK.start(day.today()).minusDays(1);
        LocalDate start = Period.WEEK.start(end);
        ProgressView view = new ProgressView(m, day.currency());
        List<String> lines = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Object[]> totals = em.createNativeQuery("""
                SELECT metric_key, sum(total) FROM log_team_daily WHERE workspace_id = ?1 AND local_date BETWEEN ?2 AND ?3
                GROUP BY metric_key ORDER BY metric_key""")
                .setParameter(1, day.workspaceId()).setParameter(2, start).setParameter(3, end).getResultList();
        for (Object[] t : totals) {
            metrics.byKey(day.workspaceId(), (String) t[0]).ifPresent(metric -> lines.add(Markdown.literal(metric.name(m.language())) + ": "
                    + view.amount((BigDecimal) t[1], metric)));
        }
        if (lines.isEmpty()) {
            return List.of();
        }
        return List.of(new Block.Text("**" + m.get("digest.last_week", DigestDay.date(start, m), DigestDay.date(end, m)) + "**"),
                new Block.Bullets(lines));
    }
}
