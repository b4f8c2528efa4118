package app.pacer.core.section;

import app.pacer.core.org.Member;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Messages;
import app.pacer.core.time.MemberCalendar;
import java.time.LocalDate;
import java.util.List;

/**
 * A feature's part of the morning nudge (targets: today's run-rate; leads: follow-ups due; reviews; surveys).
 * Implement it as a bean; return an empty list when there is nothing to say today.
 */
public interface NudgeSection {

    /** Sections appear in this order (lower first). */
    int order();

    List<Block> blocks(Member member, LocalDate today, MemberCalendar calendar, Messages messages);
}
