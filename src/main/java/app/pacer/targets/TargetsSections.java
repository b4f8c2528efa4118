package app.pacer.targets;

import app.pacer.core.reply.Markdown;
import app.pacer.core.section.HomeSection;
import app.pacer.core.command.Period;
import app.pacer.core.org.Member;
import app.pacer.core.org.WorkspaceRepository;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Messages;
import app.pacer.core.time.MemberCalendar;
import app.pacer.core.section.NudgeSection;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Targets in the morning nudge (today's run-rate, yesterday's result) and on the member's home (week, month). */
@ApplicationScoped
public class TargetsSections implements NudgeSection, HomeSection {

    private final ProgressService progress;
    private final WorkspaceRepository workspaces;

    public TargetsSections(ProgressService progress, WorkspaceRepository workspaces) {
        this.progress = progress;
        this.workspaces = workspaces;
    }

    @Override
    public int order() {
        return 10;
    }

    /** Nudge: each target with its pace, and what was done yesterday. */
    @Override
    public List<Block> blocks(Member member, LocalDate today, MemberCalendar calendar, Messages messages) {
        List<ProgressService.Line> lines = progress.member(member, Optional.empty(), today).stream()
                .filter(l -> l.pacing() != null).toList();
        if (lines.isEmpty()) {
            return List.of();
        }
        ProgressView view = new ProgressView(messages, workspaces.findById(member.workspaceId()).currency());
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Text("**" + messages.get("nudge.targets.title") + "**"));
        blocks.addAll(view.blocks(lines));
        List<String> yesterday = new ArrayList<>();
        for (ProgressService.Line line : lines) {
            if (line.team()) {
                continue;
            }
            BigDecimal done = progress.memberTotal(member.id(), line.metric().key(), today.minusDays(1), today.minusDays(1));
            String entry = Markdown.literal(line.metric().name(messages.language())) + " " + view.amount(done, line.metric());
            if (!yesterday.contains(entry)) {
                yesterday.add(entry);
            }
        }
        if (!yesterday.isEmpty()) {
            blocks.add(new Block.Context(messages.get("nudge.targets.yesterday", String.join(", ", yesterday))));
        }
        return blocks;
    }

    /** Home: this week's and this month's progress. */
    @Override
    public List<Block> blocks(Member member, LocalDate today, Messages messages) {
        List<ProgressService.Line> lines = new ArrayList<>();
        lines.addAll(progress.member(member, Optional.of(Period.WEEK), today));
        lines.addAll(progress.member(member, Optional.of(Period.MONTH), today));
        if (lines.isEmpty()) {
            return List.of();
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Text("**" + messages.get("home.progress") + "**"));
        blocks.addAll(new ProgressView(messages, workspaces.findById(member.workspaceId()).currency()).blocks(lines));
        return blocks;
    }
}
