package app.pacer.core.time;

import java.time.Instant;
import java.time.OffsetDateTime;

/** Reading a {@code timestamptz} column from a native query row, whichever type the driver hands back. */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return OffsetDateTime.parse(value.toString()).toInstant();
    }
}
