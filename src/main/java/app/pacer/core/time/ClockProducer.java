package app.pacer.core.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The one source of "now": nothing reads the system time directly, so tests can drive time. It is the system
 * clock plus the {@link ClockShift}, which is zero unless something moved it forward.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @ApplicationScoped
    Clock clock(ClockShift shift) {
        return new ShiftedClock(shift);
    }

    /** The system clock in UTC, {@link ClockShift#get()} ahead. */
    static final class ShiftedClock extends Clock {

        private final ClockShift shift;

        ShiftedClock(ClockShift shift) {
            this.shift = shift;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(shift.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.offset(Clock.system(zone), shift.get());
        }
    }
}
