package app.pacer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Pacer's shared settings; each is also an environment variable ({@code pacer.slack.signing-secret} is
 * {@code PACER_SLACK_SIGNING_SECRET}), all listed in README.md's configuration table. Features keep their own
 * settings in their own mapping ({@code DeliveryConfig}, {@code NudgeConfig}, {@code DigestConfig} …).
 */
@ConfigMapping(prefix = "pacer")
public interface PacerConfig {

    Slack slack();

    Teams teams();

    /** Where the embedded PostgreSQL keeps its files when no external database is configured. */
    Optional<String> dataDir();

    /** Pacer's public base URL (links Pacer hands out, such as export downloads), without a trailing slash. */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    EmbeddedDb embeddedDb();

    Kb kb();

    Chart chart();

    Command command();

    interface Command {
        /**
         * How long one command may run before it is stopped, rolled back and answered "that took too long"
         * ({@code PACER_COMMAND_TIMEOUT}); its SQL statements are bounded by what is left of it.
         */
        @WithDefault("10s")
        java.time.Duration timeout();
    }

    interface Chart {
        /**
         * A font file ({@code .ttf}, {@code .otf} or {@code .ttc}) able to draw Chinese, for the digest's charts.
         * Unset: well-known system locations (Noto Sans CJK, WenQuanYi), else Java's SansSerif.
         */
        Optional<String> font();
    }

    Playground playground();

    /** The local playground ({@code /playground}): Pacer in a browser page, without a Slack or Teams workspace. */
    interface Playground {
        /** Whether {@code /playground} and its in-process fake Slack and Teams run ({@code PACER_PLAYGROUND}). */
        @WithDefault("false")
        boolean enabled();

        /**
         * Whether the playground may run although Pacer listens on a non-loopback address
         * ({@code PACER_PLAYGROUND_PUBLIC}); anyone who reaches it can act as any demo member.
         */
        @io.smallrye.config.WithName("public")
        @WithDefault("false")
        boolean publicAccess();
    }

    interface EmbeddedDb {
        /** Loopback port of the embedded PostgreSQL (read before Quarkus starts; declared here for validation). */
        @WithDefault("54329")
        int port();
    }


    interface Kb {
        /**
         * A folder of Markdown files with front matter ({@code title}, {@code tags}, {@code language}) imported
         * into the knowledge base at startup and on {@code kb import}; the same file updates its article.
         */
        Optional<String> importDir();

        /** How often the stale-article reminder looks for authors to remind ({@code off} disables it here). */
        @WithDefault("1h")
        String staleTick();
    }

    interface Slack {
        /** Signing secret of the Slack app; Slack is switched off when it is unset. */
        Optional<String> signingSecret();

        /** Bot token ({@code xoxb-…}) of a single-workspace install. */
        Optional<String> botToken();

        /** Base URL of the Slack Web API, ending in {@code /}. */
        @WithDefault("https://slack.com/api/")
        String apiUrl();

        /** How long one Web API call may take before it counts as failed (and is retried by the outbox). */
        @WithDefault("10s")
        java.time.Duration timeout();

        default boolean enabled() {
            return signingSecret().filter(s -> !s.isBlank()).isPresent();
        }
    }

    interface Teams {
        /** Microsoft app id of the bot registration; Teams is switched off when it is unset. */
        Optional<String> appId();

        /** Client secret of the app registration. */
        Optional<String> appPassword();

        /** OpenID metadata whose JWKS signs inbound activities. */
        @WithDefault("https://login.botframework.com/v1/.well-known/openidconfiguration")
        URI openidMetadataUrl();

        /** OAuth2 token endpoint for outbound calls (client-credentials grant). */
        @WithDefault("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token")
        URI tokenUrl();

        /**
         * Tenants allowed to talk to this Pacer, comma-separated; {@code *} allows any tenant on purpose. The tenant
         * comes from the activity's unsigned body, so in production Pacer refuses to start with Teams on and this
         * empty; elsewhere (dev, tests) empty means any.
         */
        Optional<List<String>> allowedTenants();

        default boolean enabled() {
            return appId().filter(s -> !s.isBlank()).isPresent();
        }

        default boolean tenantAllowed(String tenantId) {
            List<String> allowed = tenantAllowList();
            return allowed.isEmpty() || (tenantId != null && (allowed.contains(ANY_TENANT) || allowed.contains(tenantId)));
        }

        /** The allow-list as given, blanks dropped: empty when nothing was set. */
        default List<String> tenantAllowList() {
            return allowedTenants().orElse(List.of()).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        }

        /** In {@link #allowedTenants()}: any tenant, on purpose. */
        String ANY_TENANT = "*";
    }
}
