package app.pacer.targets;

import app.pacer.core.command.Period;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Messages;
import app.pacer.core.section.DigestDay;
import app.pacer.core.section.DigestSection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The digest's team part: this week and this month against the team's targets, with pacing. */
@ApplicationScoped
public class TeamDigest implements DigestSection {

    private final ProgressService progress;

    public TeamDigest(ProgressService progress) {
        this.progress = progress;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public List<Block> blocks(DigestDay day, Messages m) {
        List<ProgressService.Line> lines = new ArrayList<>();
        lines.addAll(progress.team(day.workspaceId(), Optional.of(Period.WEEK), day.today()));
        lines.addAll(progress.team(day.workspaceId(), Optional.of(Period.MONTH), day.today()));
        if (lines.isEmpty()) {
            return List.of();
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Text("**" + m.get("digest.team") + "**"));
        blocks.addAll(new ProgressView(m, day.currency()).blocks(lines));
        return blocks;
    }
}
