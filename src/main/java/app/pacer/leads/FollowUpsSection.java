package app.pacer.leads;

import app.pacer.core.org.Member;
import app.pacer.core.reply.ActionRef;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Button;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.time.MemberCalendar;
import app.pacer.core.section.NudgeSection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The morning nudge's (and the home's) follow-ups: due today and overdue, each with done / snooze / open. */
@ApplicationScoped
public class FollowUpsSection implements NudgeSection, app.pacer.core.section.HomeSection {

    static final int WITH_BUTTONS = 5;

    private final EntityManager em;

    public FollowUpsSection(EntityManager em) {
        this.em = em;
    }

    @Override
    public int order() {
        return 20;
    }

    /** On the home tab and the dashboard: the same list. */
    @Override
    public List<Block> blocks(Member member, LocalDate today, Messages m) {
        return blocks(member, today, null, m);
    }

    @Override
    public List<Block> blocks(Member member, LocalDate today, MemberCalendar calendar, Messages m) {
        List<Lead> due = em.createQuery("""
                from Lead where workspaceId = ?1 and ownerId = ?2 and nextFollowUp <= ?3 and stageKey not in ('won', 'lost')
                order by nextFollowUp, number""", Lead.class)
                .setParameter(1, member.workspaceId()).setParameter(2, member.id()).setParameter(3, today)
                .setMaxResults(50).getResultList();
        if (due.isEmpty()) {
            return List.of();
        }
        List<Block> blocks = new ArrayList<>();
        long overdue = due.stream().filter(l -> l.nextFollowUp().isBefore(today)).count();
        blocks.add(new Block.Text("**" + m.get("followups.title", due.size() - overdue, overdue) + "**"));
        for (Lead lead : due.subList(0, Math.min(WITH_BUTTONS, due.size()))) {
            String number = String.valueOf(lead.number());
            String when = lead.nextFollowUp().isBefore(today) ? "⏰ " + m.get("lead.overdue_since", lead.nextFollowUp().toString())
                    : m.get("followups.today");
            blocks.add(new Block.Text("#" + number + " " + Markdown.literal(lead.name())
                    + (lead.company() == null ? "" : " (" + Markdown.literal(lead.company()) + ")")
                    + " · " + when));
            blocks.add(new Block.Actions(List.of(
                    Button.primary(m.get("followups.done"), ActionRef.of("lead.done", Map.of("lead", number))),
                    Button.of(m.get("lead.button.snooze"), ActionRef.of("lead.snooze", Map.of("lead", number))),
                    Button.of(m.get("lead.button.show"), ActionRef.of("lead.show", Map.of("lead", number))))));
        }
        if (due.size() > WITH_BUTTONS) {
            blocks.add(new Block.Context(m.get("followups.more", due.size() - WITH_BUTTONS)));
        }
        return blocks;
    }
}
