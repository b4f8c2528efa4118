package app.pacer.leads;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A lead's editable fields as they were: what an undone import puts back. */
public record LeadSnapshot(long id, String name, String company, String email, String phone, String wechat, String source,
        String stageKey, BigDecimal value, LocalDate nextFollowUp, LocalDate expectedClose, String lostReason, long ownerId) {

    static LeadSnapshot of(Lead lead) {
        return new LeadSnapshot(lead.id(), lead.name(), lead.company(), lead.email(), lead.phone(), lead.wechat(),
                lead.source(), lead.stageKey(), lead.value(), lead.nextFollowUp(), lead.expectedClose(), lead.lostReason(), lead.ownerId());
    }
}
