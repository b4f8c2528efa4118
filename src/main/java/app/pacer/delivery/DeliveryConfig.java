package app.pacer.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the outbox is delivered ({@code PACER_DELIVERY_*}). */
@ConfigMapping(prefix = "pacer.delivery")
public interface DeliveryConfig {

    /** Whether this replica runs delivery workers at all. */
    @WithDefault("true")
    boolean enabled();

    /** Sending threads; messages to different conversations go out in parallel within the rate limits. */
    @WithDefault("32")
    int threads();

    /** How often an idle worker looks for due messages. */
    @WithDefault("500ms")
    Duration pollInterval();

    /** How long a claimed message is this replica's; after that another replica may retry it. */
    @WithDefault("60s")
    Duration lease();

    /** Attempts on transient failures (5xx, timeouts) before a message is marked failed. */
    @WithDefault("8")
    int maxAttempts();

    /** First retry delay after a transient failure; doubles each attempt, with jitter. */
    @WithDefault("2s")
    Duration backoffBase();

    @WithDefault("10m")
    Duration backoffMax();

    Slack slack();

    Teams teams();

    interface Slack {
        /** Messages per second to one channel or DM (Slack: about 1). */
        @WithDefault("1")
        double channelRate();

        /** Messages per second across one workspace. */
        @WithDefault("50")
        double workspaceRate();
    }

    interface Teams {
        /** Messages per second to one conversation (Teams: 7 a second). */
        @WithDefault("7")
        double conversationRate();

        /** Messages per second across one tenant (Teams: 30 a second per app and tenant). */
        @WithDefault("30")
        double tenantRate();
    }
}
