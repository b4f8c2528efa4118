package app.pacer.leads;

import app.pacer.core.org.Member;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Messages;
import java.util.List;

/** A feature's part of a lead's card (customer feedback…), shown above its buttons. */
public interface LeadCardSection {

    List<Block> blocks(LeadRef lead, Member viewer, Messages messages);
}
