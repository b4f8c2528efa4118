package app.pacer.digest;

import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.org.WorkspaceRepository;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Language;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.core.section.DigestDay;
import app.pacer.core.section.DigestSection;
import app.pacer.core.time.BusinessCalendar;
import app.pacer.core.time.MemberCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The standup digest of one day: a header, then every feature's {@link DigestSection} in order — each only when
 * it has something to say, each summarised for a large team rather than cut in the middle — then a footer. What
 * the sections share (the team, yesterday's working day, the currency) is read once here.
 */
@ApplicationScoped
public class DigestBuilder {

    private final MemberRepository members;
    private final WorkspaceRepository workspaces;
    private final BusinessCalendar calendar;
    private final List<DigestSection> sections;

    public DigestBuilder(MemberRepository members, WorkspaceRepository workspaces, BusinessCalendar calendar,
            Instance<DigestSection> sections) {
        this.members = members;
        this.workspaces = workspaces;
        this.calendar = calendar;
        this.sections = sections.stream().sorted(Comparator.comparingInt(DigestSection::order)).toList();
    }

    /** What the digest of {@code today} is built from. {@code since}: the previous digest (feedback since then). */
    public record Day(Long workspaceId, LocalDate today, ZoneId zone, Instant now, Instant since, boolean standup,
            boolean weekly) {
    }

    public Reply.Message build(Day day, Language language) {
        Messages m = Messages.of(language);
        List<Member> people = members.list("workspaceId = ?1 order by displayName, id", day.workspaceId());
        DigestDay digestDay = new DigestDay(day.workspaceId(), day.today(),
                previousWorkingDay(calendar.forTeam(day.workspaceId()), day.today()), day.zone(), day.now(), day.since(),
                day.standup(), day.weekly(), workspaces.findById(day.workspaceId()).currency(), people);
        List<Block> blocks = new ArrayList<>();
        String title = m.get(day.weekly() ? "digest.title.weekly" : "digest.title", DigestDay.date(day.today(), m));
        blocks.add(new Block.Header(title));
        for (DigestSection section : sections) {
            blocks.addAll(section.blocks(digestDay, m));
        }
        if (blocks.size() == 1) {
            blocks.add(new Block.Text(m.get("digest.quiet")));
        }
        blocks.add(new Block.Context(m.get("digest.footer")));
        return new Reply.Message(title, blocks, Reply.Visibility.CHANNEL);
    }

    static LocalDate previousWorkingDay(MemberCalendar calendar, LocalDate today) {
        LocalDate d = today.minusDays(1);
        for (int i = 0; i < 14 && !calendar.isWorkingDay(d); i++) {
            d = d.minusDays(1);
        }
        return d;
    }
}
