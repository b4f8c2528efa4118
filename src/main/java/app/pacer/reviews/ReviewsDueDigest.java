package app.pacer.reviews;

import app.pacer.core.command.Period;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Messages;
import app.pacer.core.section.DigestDay;
import app.pacer.core.section.DigestSection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The digest's reviews and 1:1s due this week (overdue ones marked), by due date. */
@ApplicationScoped
public class ReviewsDueDigest implements DigestSection {

    private final EntityManager em;

    public ReviewsDueDigest(EntityManager em) {
        this.em = em;
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public List<Block> blocks(DigestDay day, Messages m) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT number, rep_id, due_on FROM review WHERE workspace_id = ?1 AND state = 'SCHEDULED'
                AND due_on BETWEEN ?2 AND ?3 ORDER BY due_on, number""")
                .setParameter(1, day.workspaceId()).setParameter(2, Period.WEEK.start(day.today()))
                .setParameter(3, Period.WEEK.end(day.today())).getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        record Due(int number, long repId, LocalDate on) {
        }
        List<Due> due = rows.stream().map(r -> new Due(((Number) r[0]).intValue(), ((Number) r[1]).longValue(), toDate(r[2])))
                .toList();
        List<String> lines = new ArrayList<>(due.stream().limit(DigestDay.PEOPLE).map(d -> "#" + d.number() + " "
                + day.name(d.repId()) + " · " + DigestDay.date(d.on(), m) + (d.on().isBefore(day.today()) ? " ⏰" : "")).toList());
        if (due.size() > DigestDay.PEOPLE) {
            lines.add(m.get("digest.and_more", due.size() - DigestDay.PEOPLE));
        }
        return List.of(new Block.Text("**" + m.get("digest.reviews") + "**"), new Block.Bullets(lines));
    }

    private static LocalDate toDate(Object value) {
        return value instanceof java.sql.Date d ? d.toLocalDate() : value instanceof LocalDate ld ? ld : LocalDate.parse(value.toString());
    }
}
