package app.pacer.core.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keys Pacer stores and meets again after an upgrade: a form submission's key must come out the same for the
 * same form and values, whatever computes the hash (values in any order; a change of one value changes it).
 */
class StoredKeysTest {

    @Test
    void aSubmissionKeyIsTheSha256OfTheSortedValues() {
        // SHA-256 of "a\0" "1\1" "b\0" "2\1", first 40 hex digits (worked out independently with Python's hashlib)
        assertEquals("submit:T1/V1:20d3ff32c799a164bdba772784f6b1dc6160b988",
                InboundEvents.submissionKey("T1/V1", Map.of("b", "2", "a", "1")));
        assertEquals(InboundEvents.submissionKey("T1/V1", Map.of("a", "1", "b", "2")),
                InboundEvents.submissionKey("T1/V1", new java.util.LinkedHashMap<>(Map.of("b", "2", "a", "1"))));
        assertEquals(false, InboundEvents.submissionKey("T1/V1", Map.of("a", "1", "b", "3"))
                .equals(InboundEvents.submissionKey("T1/V1", Map.of("a", "1", "b", "2"))));
    }
}
