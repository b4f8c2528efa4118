package app.pacer.core.section;

import app.pacer.core.reply.Block;
import app.pacer.core.reply.Messages;
import java.util.List;

/**
 * A feature's part of the team's daily digest (yesterday per rep, the pipeline, reviews due, customer feedback…).
 * Implement it as a bean; the digest orders the sections and renders them, knowing nothing of the features.
 * Return an empty list when there is nothing to say that day.
 */
public interface DigestSection {

    /** Sections appear in this order (lower first). */
    int order();

    List<Block> blocks(DigestDay day, Messages messages);
}
