package app.pacer.core.section;

import app.pacer.core.org.Member;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Messages;
import java.time.LocalDate;
import java.util.List;

/** A feature's part of a member's home (Slack App Home, the Teams greeting): their progress, their follow-ups… */
public interface HomeSection {

    int order();

    List<Block> blocks(Member member, LocalDate today, Messages messages);
}
