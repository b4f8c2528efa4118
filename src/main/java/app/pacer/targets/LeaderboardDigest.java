package app.pacer.targets;

import app.pacer.core.command.Period;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.section.DigestDay;
import app.pacer.core.section.DigestSection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The digest's top three of the month, on the team target's first metric (else revenue). */
@ApplicationScoped
public class LeaderboardDigest implements DigestSection {

    private static final String[] MEDALS = {"🥇", "🥈", "🥉"};

    private final ProgressService progress;
    private final Metrics metrics;

    public LeaderboardDigest(ProgressService progress, Metrics metrics) {
        this.progress = progress;
        this.metrics = metrics;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public List<Block> blocks(DigestDay day, Messages m) {
        Metric metric = progress.activeTargets(day.workspaceId(), day.today()).stream().filter(Target::team)
                .map(t -> metrics.byKey(day.workspaceId(), t.metricKey())).flatMap(Optional::stream).findFirst()
                .orElse(Metric.BUILTIN.get(0));
        List<ProgressService.Rank> top = progress.leaderboard(day.workspaceId(), day.people(), metric, Period.MONTH, day.today())
                .stream().filter(r -> r.done().signum() > 0).limit(3).toList();
        if (top.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            ProgressService.Rank r = top.get(i);
            lines.add(MEDALS[i] + " " + Markdown.literal(r.member().displayName()) + " — " + Amounts.format(r.done(), metric, m.language(),
                    day.currency()) + (r.percent() == null ? "" : " (" + r.percent() + "%)"));
        }
        return List.of(new Block.Text("**" + m.get("digest.leaderboard", Markdown.literal(metric.name(m.language()))) + "**"),
                new Block.Bullets(lines));
    }
}
