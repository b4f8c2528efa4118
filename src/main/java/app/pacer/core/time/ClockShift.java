package app.pacer.core.time;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How far Pacer's "now" runs ahead of the system clock: zero unless something moves it forward (a local demo
 * that shows tomorrow morning's scheduled messages now, say). It only ever grows: schedules, leases and
 * idempotency keys assume that time does not run backwards.
 */
@ApplicationScoped
public class ClockShift {

    private final AtomicReference<Duration> shift = new AtomicReference<>(Duration.ZERO);

    public Duration get() {
        return shift.get();
    }

    /** Moves "now" forward by {@code by} (not negative) and returns the whole shift. */
    public Duration advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("The clock only moves forward");
        }
        return shift.updateAndGet(current -> current.plus(by));
    }
}
