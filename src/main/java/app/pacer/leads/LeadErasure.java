package app.pacer.leads;

import java.time.Instant;

/**
 * A feature's part of {@code lead erase}: what it keeps of the customer's personal data about this lead goes
 * (feedback comments…), in the erasing transaction; what it counts stays.
 */
public interface LeadErasure {

    void erase(LeadRef lead, Instant now);
}
