package app.pacer.imports;

import app.pacer.leads.Contacts;
import app.pacer.leads.LeadDraft;
import java.util.ArrayList;
import java.util.List;

/** The keys a draft is found by among existing leads: {@code e:<email>}, {@code p:<digits>}, normalised as leads do. */
final class Contactable {

    private Contactable() {
    }

    static List<String> keys(LeadDraft draft) {
        List<String> keys = new ArrayList<>(2);
        String email = Contacts.normaliseEmail(draft.email());
        if (email != null && !email.isEmpty()) {
            keys.add("e:" + email);
        }
        String phone = Contacts.normalisePhone(draft.phone());
        if (phone != null && !phone.isEmpty()) {
            keys.add("p:" + phone);
        }
        return keys;
    }
}
