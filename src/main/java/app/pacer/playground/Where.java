package app.pacer.playground;

import java.util.Locale;
import java.util.Optional;

/**
 * Where something is said on the page: a member's direct chat with Pacer, or the demo team's channel, which
 * everyone is in and where the digest arrives.
 */
enum Where {
    DM, CHANNEL;

    /** How the page and the feed name it: {@code dm} or {@code channel}. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Nothing (an older page) means the DM; anything but {@code dm} or {@code channel} is empty. */
    static Optional<Where> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(DM);
        }
        for (Where where : values()) {
            if (where.key().equals(text.trim())) {
                return Optional.of(where);
            }
        }
        return Optional.empty();
    }
}
