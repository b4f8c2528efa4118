package app.pacer.platform.teams;

import app.pacer.config.PacerConfig;
import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.interfaces.DecodedJWT;
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
import jakarta.inject.Inject;
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
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Teams is on when {@code PACER_TEAMS_APP_ID} is set. Inbound activities are authenticated with the SDK's
 * JWT validation (issuer, audience = app id, signature from the configured OpenID metadata, expiry, the
 * {@code serviceurl} claim); before it, the key id's shape and (in production) the issuer are checked here, and so
 * is the tenant after it.
 */
@Singleton
@Startup
public class TeamsPlatform {

    private static final Logger LOG = Logger.getLogger(TeamsPlatform.class);

    /** How long a verified token is taken on trust at most (less when it expires sooner). */
    static final Duration TRUST_VERIFIED = Duration.ofMinutes(5);

    /** Bot Framework issuer of the tokens Teams sends; the only one production accepts (not the emulator's). */
    static final String BOT_FRAMEWORK_ISSUER = "https://api.botframework.com";
    /**
     * What a JWT header's {@code kid} may be before the token is handed to the SDK, which writes an unknown one
     * into a log line as it is (line breaks would forge log lines).
     */
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_\\-=.]{1,128}");

    private final boolean enabled;
    private final boolean production;
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

    @Inject
    public TeamsPlatform(PacerConfig config) {
        this(config, LaunchMode.current() == LaunchMode.NORMAL);
    }

    /** @param production whether the production rules apply (a normal launch: not dev mode, not tests) */
    TeamsPlatform(PacerConfig config, boolean production) {
        this.config = config.teams();
        this.enabled = this.config.enabled();
        this.production = production;
        if (!enabled) {
            LOG.info("Teams is off: PACER_TEAMS_APP_ID is not set.");
            this.credentials = null;
            return;
        }
        boolean noPassword = this.config.appPassword().filter(p -> !p.isBlank()).isEmpty();
        if (noPassword && production) {
            throw new IllegalStateException("Teams is enabled but PACER_TEAMS_APP_PASSWORD is empty; refusing to start.");
        }
        if (this.config.tenantAllowList().isEmpty() && production) {
            // the tenant is read from the activity's unsigned body: a Web Chat or Direct Line client of the same bot
            // registration could otherwise appear as a member of any tenant's workspace
            throw new IllegalStateException("Teams is enabled but PACER_TEAMS_ALLOWED_TENANTS is empty; refusing to "
                    + "start. Set it to your tenant id(s), or to * to allow any tenant on purpose.");
        }
        if (this.config.tenantAllowList().contains(PacerConfig.Teams.ANY_TENANT)) {
            LOG.warn("PACER_TEAMS_ALLOWED_TENANTS is *: members of any Microsoft tenant can use this Pacer.");
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
        screen(authorization, production);
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

    /**
     * Checks on the token before the SDK sees it: the header's key id is a plain name, and in production the issuer is
     * the Bot Framework's. The SDK also routes tokens of the emulator's issuers, and validates those without checking
     * the audience or the service URL.
     */
    static void screen(String authorization, boolean production) {
        DecodedJWT token;
        try {
            token = JWT.decode(authorization.substring(authorization.indexOf(' ') + 1));
        } catch (JWTDecodeException e) {
            throw new SecurityException("not a JWT");
        }
        if (token.getKeyId() == null || !KEY_ID.matcher(token.getKeyId()).matches()) {
            throw new SecurityException("a key id that is not a plain name");
        }
        if (production && !BOT_FRAMEWORK_ISSUER.equals(token.getIssuer())) {
            throw new SecurityException("an issuer other than the Bot Framework's");
        }
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
