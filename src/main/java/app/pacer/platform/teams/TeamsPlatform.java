package app.pacer.platform.teams;

import app.pacer.config.PacerConfig;
import com.auth0.jwt.JWT;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import com.microsoft.bot.connector.ExecutorFactory;
import com.microsoft.bot.connector.authentication.AuthenticationConfiguration;
import com.microsoft.bot.connector.authentication.ChannelValidation;
import com.microsoft.bot.connector.authentication.ClaimsIdentity;
import com.microsoft.bot.connector.authentication.CredentialProvider;
import com.microsoft.bot.connector.authentication.JwtTokenValidation;
import com.microsoft.bot.connector.authentication.SimpleCredentialProvider;
import com.microsoft.bot.schema.Activity;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Teams is on when {@code PACER_TEAMS_APP_ID} is set. Inbound activities are authenticated with the SDK's
 * JWT validation (issuer, audience = app id, signature from the configured OpenID metadata, expiry, the
 * {@code serviceurl} claim); the tenant is checked here.
 */
@Singleton
@Startup
public class TeamsPlatform {

    private static final Logger LOG = Logger.getLogger(TeamsPlatform.class);

    /** How long a verified token is taken on trust at most (less when it expires sooner). */
    static final Duration TRUST_VERIFIED = Duration.ofMinutes(5);

    private final boolean enabled;
    private final PacerConfig.Teams config;
    private final CredentialProvider credentials;

    /**
     * Tokens already verified, with the service URL and channel they were verified for. The Bot Framework sends
     * the same token with every activity for about an hour, and checking its RSA signature again each time was
     * the largest cost of a Teams request. A token with any other service URL or channel, changed by one
     * character, or past its expiry is verified in full again.
     */
    private final Cache<String, Verified> verified = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfter(Expiry.<String, Verified>creating((key, value) -> Duration.between(Instant.now(), value.until())))
            .build();

    private record Verified(ClaimsIdentity identity, Instant until) {
    }

    public TeamsPlatform(PacerConfig config) {
        this.config = config.teams();
        this.enabled = this.config.enabled();
        if (!enabled) {
            LOG.info("Teams is off: PACER_TEAMS_APP_ID is not set.");
            this.credentials = null;
            return;
        }
        boolean noPassword = this.config.appPassword().filter(p -> !p.isBlank()).isEmpty();
        if (noPassword && LaunchMode.current() == LaunchMode.NORMAL) {
            throw new IllegalStateException("Teams is enabled but PACER_TEAMS_APP_PASSWORD is empty; refusing to start.");
        }
        ChannelValidation.setOpenIdMetaDataUrl(this.config.openidMetadataUrl().toString());
        useApplicationClassLoader();
        this.credentials = new SimpleCredentialProvider(this.config.appId().orElseThrow(),
                this.config.appPassword().orElse(""));
        LOG.infof("Teams is on: activities at /api/messages, signing keys from %s", this.config.openidMetadataUrl());
    }

    public boolean enabled() {
        return enabled;
    }

    /** The caller's identity, or an exception when the activity is not from the Bot Framework for this bot. */
    public ClaimsIdentity authenticate(Activity activity, String authorization) throws Exception {
        if (authorization == null || authorization.isBlank()) {
            throw new SecurityException("no Authorization header");
        }
        String key = digest(authorization, activity.getServiceUrl(), activity.getChannelId());
        Verified known = verified.getIfPresent(key); // never one past its time: the cache expires it
        if (known != null) {
            return known.identity();
        }
        ClaimsIdentity identity = JwtTokenValidation.authenticateRequest(activity, authorization, credentials, null,
                new AuthenticationConfiguration()).get(15, TimeUnit.SECONDS);
        Date expires = JWT.decode(authorization.substring(authorization.indexOf(' ') + 1)).getExpiresAt();
        Instant until = Instant.now().plus(TRUST_VERIFIED);
        if (expires != null && expires.toInstant().isBefore(until)) {
            until = expires.toInstant();
        }
        if (Instant.now().isBefore(until)) {
            verified.put(key, new Verified(identity, until));
        }
        return identity;
    }

    private static String digest(String... parts) {
        Hasher sha = Hashing.sha256().newHasher();
        for (String part : parts) {
            sha.putString(String.valueOf(part), StandardCharsets.UTF_8).putByte((byte) 0);
        }
        return sha.hash().toString();
    }

    public boolean tenantAllowed(String tenantId) {
        return config.tenantAllowed(tenantId);
    }

    /**
     * The SDK validates tokens on its own static ForkJoinPool, whose threads carry the system class loader;
     * under Quarkus the SDK's classes live in the application class loader. Give it threads that carry ours.
     */
    private static void useApplicationClassLoader() {
        ClassLoader loader = TeamsPlatform.class.getClassLoader();
        ForkJoinPool pool = new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()), p -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            thread.setName("pacer-teams-" + thread.getPoolIndex());
            thread.setContextClassLoader(loader);
            return thread;
        }, null, false);
        try {
            Field field = ExecutorFactory.class.getDeclaredField("executor");
            field.setAccessible(true);
            ExecutorService previous = (ExecutorService) field.get(null);
            field.set(null, pool);
            if (previous != null && previous != pool) {
                previous.shutdown();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            pool.shutdown();
            LOG.warnf("Could not give the Bot Framework SDK application threads: %s", e.getMessage());
        }
    }
}
