package app.pacer.core.section;

import app.pacer.core.org.Member;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Messages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every feature's part of a member's home, in order, each followed by a divider: Slack's App Home, {@code dashboard}. */
@ApplicationScoped
public class HomeSections {

    private final List<HomeSection> sections;

    public HomeSections(Instance<HomeSection> sections) {
        this.sections = sections.stream().sorted(Comparator.comparingInt(HomeSection::order)).toList();
    }

    public List<Block> blocks(Member member, LocalDate today, Messages messages) {
        List<Block> blocks = new ArrayList<>();
        for (HomeSection section : sections) {
            List<Block> part = section.blocks(member, today, messages);
            if (!part.isEmpty()) {
                blocks.addAll(part);
                blocks.add(new Block.Divider());
            }
        }
        return blocks;
    }
}
