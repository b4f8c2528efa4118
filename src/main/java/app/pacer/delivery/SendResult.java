package app.pacer.delivery;

import java.time.Duration;

/** What happened when a platform was asked to deliver a message. */
public sealed interface SendResult {

    /** Delivered; {@code messageId} is the platform's (Slack ts, Teams activity id). */
    record Sent(String messageId) implements SendResult {
    }

    /** The platform said "too many": try again after {@code delay} (HTTP 429 Retry-After). */
    record RateLimited(Duration delay) implements SendResult {
    }

    /** Might work later (5xx, timeouts, network): back off and retry. */
    record Transient(String reason) implements SendResult {
    }

    /** Cannot work (channel gone, user left, bot removed): fail at once, no retry storm. */
    record Permanent(String reason) implements SendResult {
    }
}
