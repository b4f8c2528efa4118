package app.pacer.kb;

import app.pacer.core.reply.Block;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.section.DigestDay;
import app.pacer.core.section.DigestSection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/** Mondays and the weekly digest: what the knowledge base could not answer in the last seven days. */
@ApplicationScoped
public class KbGapsDigest implements DigestSection {

    private final KbService kb;

    public KbGapsDigest(KbService kb) {
        this.kb = kb;
    }

    @Override
    public int order() {
        return 90;
    }

    @Override
    public List<Block> blocks(DigestDay day, Messages m) {
        if (!day.weekStart()) {
            return List.of();
        }
        List<KbService.Gap> gaps = kb.gaps(day.workspaceId(), day.now().minus(Duration.ofDays(7)), 5);
        if (gaps.isEmpty()) {
            return List.of();
        }
        return List.of(new Block.Text("**" + m.get("digest.gaps") + "**"),
                new Block.Bullets(gaps.stream().map(g -> "“" + Markdown.literal(g.query()) + "” × " + g.times()).toList()));
    }
}
