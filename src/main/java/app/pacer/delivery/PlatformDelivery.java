package app.pacer.delivery;

import app.pacer.core.org.Member;
import app.pacer.core.org.Platform;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import java.util.List;
import java.util.Optional;

/** What a platform adapter provides to the outbox: rendering, addressing, pacing keys and the send itself. */
public interface PlatformDelivery {

    Platform platform();

    /** The message rendered for this platform, as stored in the outbox. */
    String render(Reply.Message message, Messages messages);

    /** Whether this platform can carry an upload row ({@link Outbox#chartToChannel}); Teams shows images by URL instead. */
    default boolean uploads() {
        return false;
    }

    /** Where a direct message to {@code member} goes, or empty when Pacer cannot reach them yet. */
    Optional<String> directTarget(Member member);

    /** Rate limits that apply to this row: each is a key and its messages per second. */
    List<Rate> rates(OutboxRow row);

    /**
     * Sends, without throwing: every outcome is a {@link SendResult}. Before each message it posts (a row may
     * hold several parts), it must pass {@code gate}: that waits for the rate limits and confirms this worker
     * still owns the row; when the gate says no, stop and return {@link SendResult.Transient}.
     */
    SendResult send(OutboxRow row, Gate gate);

    /** Waits for permission to post one message; false when the row is no longer this worker's. */
    @FunctionalInterface
    interface Gate {
        boolean pass();
    }

    record Rate(String key, double perSecond) {
    }
}
