package app.pacer.delivery;

import app.pacer.core.org.Platform;
import java.time.Instant;

/** One claimed outbox message, as a delivery worker sends it. */
public record OutboxRow(long id, long workspaceId, Platform platform, TargetKind kind, String target, Long memberId,
        String payload, String idempotencyKey, int attempts, Instant createdAt) {

    public enum TargetKind { MEMBER, CHANNEL }

    /** True when an earlier attempt may have reached the platform (so a resend must check first). */
    public boolean retried() {
        return attempts > 1;
    }
}
