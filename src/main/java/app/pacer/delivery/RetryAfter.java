package app.pacer.delivery;

import java.time.Duration;

/** The wait a platform asks for in a 429's {@code Retry-After} header (seconds), at least one second. */
public final class RetryAfter {

    private RetryAfter() {
    }

    public static Duration parse(String header) {
        try {
            return Duration.ofSeconds(header == null ? 1 : Math.max(1, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }
}
