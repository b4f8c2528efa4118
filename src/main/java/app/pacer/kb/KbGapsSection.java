package app.pacer.kb;

import app.pacer.core.reply.Markdown;
import app.pacer.core.section.HomeSection;
import app.pacer.core.org.Member;
import app.pacer.core.org.Role;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Messages;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/** For managers, on the home tab and the dashboard: what the knowledge base could not answer lately. */
@ApplicationScoped
public class KbGapsSection implements HomeSection {

    private final KbService kb;
    private final Clock clock;

    public KbGapsSection(KbService kb, Clock clock) {
        this.kb = kb;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 60;
    }

    @Override
    public List<Block> blocks(Member member, LocalDate today, Messages m) {
        if (!member.role().atLeast(Role.MANAGER)) {
            return List.of();
        }
        List<KbService.Gap> gaps = kb.gaps(member.workspaceId(), clock.instant().minus(Duration.ofDays(30)), 3);
        if (gaps.isEmpty()) {
            return List.of();
        }
        return List.of(new Block.Text("**" + m.get("kb.home.gaps") + "**"),
                new Block.Bullets(gaps.stream().map(g -> "“" + Markdown.literal(g.query()) + "” × " + g.times()).toList()));
    }
}
