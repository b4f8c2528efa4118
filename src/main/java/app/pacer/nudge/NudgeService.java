package app.pacer.nudge;

import app.pacer.core.section.NudgeSection;
import app.pacer.core.org.Member;
import app.pacer.core.reply.ActionRef;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Button;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.core.time.MemberCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Builds a member's morning nudge: a greeting, then what each feature has for them today. */
@ApplicationScoped
public class NudgeService {

    private final List<NudgeSection> sections;

    public NudgeService(Instance<NudgeSection> sections) {
        this.sections = sections.stream().sorted(Comparator.comparingInt(NudgeSection::order)).toList();
    }

    public Reply.Message build(Member member, LocalDate today, MemberCalendar calendar) {
        Messages m = Messages.of(member.language());
        String date = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(member.language().locale()).format(today);
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Header(m.get("nudge.greeting", member.displayName())));
        blocks.add(new Block.Context(date));
        boolean anything = false;
        for (NudgeSection section : sections) {
            List<Block> part = section.blocks(member, today, calendar, m);
            if (!part.isEmpty()) {
                blocks.add(new Block.Divider());
                blocks.addAll(part);
                anything = true;
            }
        }
        if (!anything) {
            blocks.add(new Block.Text(m.get("nudge.nothing_due")));
        }
        blocks.add(new Block.Actions(List.of(Button.of(m.get("nudge.snooze"), ActionRef.of("nudge.snooze")))));
        blocks.add(new Block.Context(m.get("nudge.footer", member.nudgeTime().toString())));
        return Reply.message(m.get("nudge.greeting", member.displayName()), blocks);
    }
}
