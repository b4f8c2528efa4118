package app.pacer.reviews;

import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.time.MemberCalendar;
import app.pacer.core.section.NudgeSection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The morning nudge on the day of a review: for the rep and for the manager, with start / show buttons. */
@ApplicationScoped
public class ReviewsSection implements NudgeSection, app.pacer.core.section.HomeSection {

    private final EntityManager em;
    private final MemberRepository members;

    public ReviewsSection(EntityManager em, MemberRepository members) {
        this.em = em;
        this.members = members;
    }

    @Override
    public int order() {
        return 30;
    }

    /** On the home tab and the dashboard: the open reviews of the next two weeks (and overdue ones), either side. */
    @Override
    public List<Block> blocks(Member member, LocalDate today, Messages m) {
        List<Review> coming = em.createQuery("""
                from Review where workspaceId = ?1 and state = ?2 and dueOn <= ?3 and (repId = ?4 or managerId = ?4)
                order by dueOn, number""", Review.class)
                .setParameter(1, member.workspaceId()).setParameter(2, Review.State.SCHEDULED)
                .setParameter(3, today.plusDays(14)).setParameter(4, member.id()).setMaxResults(5).getResultList();
        if (coming.isEmpty()) {
            return List.of();
        }
        java.util.Map<Long, Member> people = new java.util.HashMap<>();
        members.list("id in ?1", coming.stream().flatMap(r -> java.util.stream.Stream.of(r.repId(), r.managerId())).distinct()
                .toList()).forEach(p -> people.put(p.id(), p));
        return List.of(new Block.Text("**" + m.get("review.home.title") + "**"),
                new Block.Bullets(coming.stream().map(r -> ReviewCommands.line(r, people, m, today)).toList()));
    }

    @Override
    public List<Block> blocks(Member member, LocalDate today, MemberCalendar calendar, Messages m) {
        List<Review> due = em.createQuery("""
                from Review where workspaceId = ?1 and state = ?2 and dueOn = ?3 and (repId = ?4 or managerId = ?4)
                order by number""", Review.class)
                .setParameter(1, member.workspaceId()).setParameter(2, Review.State.SCHEDULED).setParameter(3, today)
                .setParameter(4, member.id()).setMaxResults(10).getResultList();
        List<Block> blocks = new ArrayList<>();
        for (Review review : due) {
            boolean rep = review.repId().equals(member.id());
            Member other = members.findById(rep ? review.managerId() : review.repId());
            String type = ReviewCommands.typeName(m, review.type());
            blocks.add(new Block.Text("📋 " + (rep
                    ? m.get("review.today.rep", "#" + review.number(), type, Markdown.literal(other.displayName()))
                    : m.get("review.today.manager", "#" + review.number(), type, Markdown.literal(other.displayName())))));
            blocks.add(ReviewCommands.buttons(review, m));
        }
        return blocks;
    }
}
