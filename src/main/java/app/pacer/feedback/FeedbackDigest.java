package app.pacer.feedback;

import app.pacer.core.reply.Block;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.section.DigestDay;
import app.pacer.core.section.DigestSection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The digest's customer feedback since the previous digest: CSAT and NPS, and the low scores with comments. */
@ApplicationScoped
public class FeedbackDigest implements DigestSection {

    private final FeedbackStats stats;

    public FeedbackDigest(FeedbackStats stats) {
        this.stats = stats;
    }

    @Override
    public int order() {
        return 60;
    }

    @Override
    public List<Block> blocks(DigestDay day, Messages m) {
        Instant since = day.since() != null ? day.since() : day.now().minus(Duration.ofDays(1));
        FeedbackStats.Summary s = stats.summary(day.workspaceId(), null, since, day.now());
        if (s.responses() == 0) {
            return List.of();
        }
        List<String> parts = new ArrayList<>();
        if (s.csat() != null) {
            parts.add(m.get("feedback.report.csat", s.csatCount()) + " " + s.csat() + " / 5");
        }
        if (s.nps() != null) {
            parts.add(m.get("feedback.report.nps", s.npsCount()) + " " + (s.nps() > 0 ? "+" : "") + s.nps());
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Text("**" + m.get("digest.feedback") + "** " + String.join(" · ", parts)));
        List<String> low = stats.lowest(day.workspaceId(), null, since, day.now(), 5).stream()
                .filter(r -> r.kind().low(r.score()))
                .map(r -> "⚠️ " + r.lead().label() + " · " + FeedbackService.score(r.kind(), r.score(), m) + " — " + Markdown.literal(r.comment()))
                .toList();
        if (!low.isEmpty()) {
            blocks.add(new Block.Bullets(low));
        }
        return blocks;
    }
}
