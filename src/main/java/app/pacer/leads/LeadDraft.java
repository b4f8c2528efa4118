package app.pacer.leads;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A lead as another feature hands it in (an import row), already checked: lengths within the lead table's,
 * email and phone well-formed, the stage a key of the workspace. Null means "not given".
 */
public record LeadDraft(String name, String company, String email, String phone, String wechat, String source,
        String stageKey, BigDecimal value, LocalDate nextFollowUp, LocalDate expectedClose, String lostReason, long ownerId,
        String note) {
}
