package app.pacer.platform.teams;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.config.PacerConfig;
import com.auth0.jwk.Jwk;
import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.microsoft.bot.connector.authentication.AuthenticationConstants;
import com.microsoft.bot.connector.authentication.CachingOpenIdMetadataResolver;
import com.microsoft.bot.schema.Activity;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.net.URI;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Start-up rules of the Teams adapter, without Quarkus (the launch mode outside Quarkus is production). */
class TeamsPlatformTest {

    @Test
    void refusesToStartInProductionWithoutAPassword() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new TeamsPlatform(config(Optional.of("app-id"), Optional.empty(), List.of())));
        assertTrue(e.getMessage().contains("PACER_TEAMS_APP_PASSWORD"));
    }

    /** Issue 27, item 4b: the tenant comes from the unsigned body, so production names the tenants it serves. */
    @Test
    void refusesToStartInProductionWithAnEmptyTenantAllowList() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new TeamsPlatform(config(Optional.of("app-id"), Optional.of("secret"), List.of())));
        assertTrue(e.getMessage().contains("PACER_TEAMS_ALLOWED_TENANTS"), e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> new TeamsPlatform(config(Optional.of("app-id"), Optional.of("secret"), List.of(" ", ""))));
    }

    @Test
    void anyTenantInProductionOnlyWhenAskedForWithAStar() {
        TeamsPlatform any = new TeamsPlatform(config(Optional.of("app-id"), Optional.of("secret"), List.of("*")));
        assertTrue(any.enabled());
        assertTrue(any.tenantAllowed("any-tenant-at-all"));
        assertFalse(any.tenantAllowed(null));
        assertTrue(new TeamsPlatform(config(Optional.of("app-id"), Optional.of("secret"), List.of("t1"))).enabled());
    }

    /**
     * Issue 27, item 4c: the SDK validates a token whose issuer is one of the emulator's with the emulator's rules —
     * no audience, no service URL. Here the emulator's signing keys are stood in for by a key of the test (put into
     * the SDK's metadata cache for the emulator's metadata URL, which is fixed in the SDK), and a token from that
     * issuer for another audience and no service URL is refused in production.
     */
    @Test
    void anEmulatorIssuedTokenIsRefusedInProduction() throws Exception {
        KeyPair emulatorKey = emulatorKeys();
        TeamsPlatform production = new TeamsPlatform(config(Optional.of("app-id"), Optional.of("secret"), List.of("t1")));
        Activity activity = activity("msteams", "https://evil.example/");
        String token = "Bearer " + emulatorToken(emulatorKey, "app-id");
        SecurityException refused = assertThrows(SecurityException.class, () -> production.authenticate(activity, token));
        assertTrue(refused.getMessage().contains("issuer"), refused.getMessage());
    }

    /** The control: outside production the same token is still taken by the SDK, so the test above shows the rule. */
    @Test
    void outsideProductionTheSdkStillTakesEmulatorTokens() throws Exception {
        KeyPair emulatorKey = emulatorKeys();
        TeamsPlatform dev = new TeamsPlatform(config(Optional.of("app-id"), Optional.of("secret"), List.of()), false);
        assertNotNull(dev.authenticate(activity("msteams", "https://evil.example/"), "Bearer " + emulatorToken(emulatorKey, "app-id")));
    }

    @Test
    void theScreenChecksTheIssuerOnlyInProductionAndTheKeyIdAlways() {
        String emulator = "Bearer " + emulatorToken(FakePlatformsKeys.KEY, "app-id");
        SecurityException refused = assertThrows(SecurityException.class, () -> TeamsPlatform.screen(emulator, true));
        assertTrue(refused.getMessage().contains("issuer"), refused.getMessage());
        TeamsPlatform.screen(emulator, false);
        String botFramework = "Bearer " + JWT.create().withKeyId("abc_DEF-12=.x").withIssuer(TeamsPlatform.BOT_FRAMEWORK_ISSUER)
                .sign(Algorithm.none());
        TeamsPlatform.screen(botFramework, true);
        for (String kid : List.of("a\nb", "a\rb", "a b", "a\"b", "a/b", "", "k".repeat(129), "\u202Eevil")) {
            String token = "Bearer " + JWT.create().withKeyId(kid).withIssuer(TeamsPlatform.BOT_FRAMEWORK_ISSUER).sign(Algorithm.none());
            assertThrows(SecurityException.class, () -> TeamsPlatform.screen(token, false), kid);
        }
        String noKid = "Bearer " + JWT.create().withIssuer(TeamsPlatform.BOT_FRAMEWORK_ISSUER).sign(Algorithm.none());
        assertThrows(SecurityException.class, () -> TeamsPlatform.screen(noKid, false));
        assertThrows(SecurityException.class, () -> TeamsPlatform.screen("Bearer not.a-jwt", false));
    }

    /** One key for the tests that only need a signature of some key. */
    private static final class FakePlatformsKeys {
        static final KeyPair KEY = app.pacer.testing.FakePlatforms.rsaForTests();
    }

    static final String EMULATOR_ISSUER = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";
    static final String EMULATOR_KEY_ID = "emulator-test-key";

    static Activity activity(String channelId, String serviceUrl) {
        Activity activity = Activity.createMessageActivity();
        activity.setChannelId(channelId);
        activity.setServiceUrl(serviceUrl);
        return activity;
    }

    /** What the emulator path accepts: its issuer, version 1.0 with the bot's app id, any audience, no service URL. */
    static String emulatorToken(KeyPair key, String appId) {
        return JWT.create().withKeyId(EMULATOR_KEY_ID).withIssuer(EMULATOR_ISSUER)
                .withAudience("https://api.botframework.com").withClaim("ver", "1.0").withClaim("appid", appId)
                .withNotBefore(Date.from(Instant.now().minusSeconds(300))).withIssuedAt(Date.from(Instant.now().minusSeconds(300)))
                .withExpiresAt(Date.from(Instant.now().plusSeconds(3600)))
                .sign(Algorithm.RSA256((RSAPublicKey) key.getPublic(), (RSAPrivateKey) key.getPrivate()));
    }

    /**
     * Makes the SDK (as loaded by this plain test, not by Quarkus) know a test key as the emulator's: its cache of
     * OpenID metadata by URL gets an entry for the emulator's URL, already loaded, holding only that key.
     */
    static synchronized KeyPair emulatorKeys() throws Exception {
        KeyPair key = app.pacer.testing.FakePlatforms.rsaForTests();
        RSAPublicKey publicKey = (RSAPublicKey) key.getPublic();
        Map<String, Object> values = new HashMap<>();
        values.put("kty", "RSA");
        values.put("kid", EMULATOR_KEY_ID);
        values.put("alg", "RS256");
        values.put("use", "sig");
        values.put("n", b64(publicKey.getModulus().toByteArray()));
        values.put("e", b64(publicKey.getPublicExponent().toByteArray()));
        Class<?> caching = Class.forName("com.microsoft.bot.connector.authentication.CachingOpenIdMetadata");
        Constructor<?> create = caching.getDeclaredConstructor(String.class);
        create.setAccessible(true);
        String url = (String) AuthenticationConstants.class.getField("TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL").get(null);
        Object metadata = create.newInstance(url);
        Field keys = caching.getDeclaredField("keyCache");
        keys.setAccessible(true);
        keys.set(metadata, new HashMap<>(Map.of(EMULATOR_KEY_ID, Jwk.fromValues(values))));
        Field updated = caching.getDeclaredField("lastUpdated");
        updated.setAccessible(true);
        updated.setLong(metadata, System.currentTimeMillis());
        Field cache = CachingOpenIdMetadataResolver.class.getDeclaredField("OPENID_METADATA_CACHE");
        cache.setAccessible(true);
        @SuppressWarnings("unchecked")
        Map<String, Object> byUrl = (Map<String, Object>) cache.get(null);
        byUrl.put(url, metadata);
        return key;
    }

    private static String b64(byte[] bytes) {
        int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOfRange(bytes, skip, bytes.length));
    }

    @Test
    void isOffWithoutAnAppId() {
        assertFalse(new TeamsPlatform(config(Optional.empty(), Optional.empty(), List.of())).enabled());
    }

    @Test
    void tenantAllowListIsHonouredAndEmptyMeansAny() {
        PacerConfig.Teams open = config(Optional.empty(), Optional.empty(), List.of()).teams();
        assertTrue(open.tenantAllowed("anything"));
        PacerConfig.Teams closed = config(Optional.empty(), Optional.empty(), List.of("t1", " t2 ")).teams();
        assertTrue(closed.tenantAllowed("t2"));
        assertFalse(closed.tenantAllowed("t3"));
        assertFalse(closed.tenantAllowed(null));
    }

    static PacerConfig config(Optional<String> appId, Optional<String> password, List<String> tenants) {
        PacerConfig.Teams teams = new PacerConfig.Teams() {
            public Optional<String> appId() {
                return appId;
            }

            public Optional<String> appPassword() {
                return password;
            }

            public URI openidMetadataUrl() {
                return URI.create("http://127.0.0.1:1/openid");
            }

            public URI tokenUrl() {
                return URI.create("http://127.0.0.1:1/token");
            }

            public Optional<List<String>> allowedTenants() {
                return Optional.of(tenants);
            }
        };
        return new PacerConfig() {
            public Slack slack() {
                return null;
            }

            public Teams teams() {
                return teams;
            }

            public Optional<String> dataDir() {
                return Optional.empty();
            }

            public String publicUrl() {
                return "http://localhost:8080";
            }

            public EmbeddedDb embeddedDb() {
                return null;
            }

            public Kb kb() {
                return null;
            }

            public Chart chart() {
                return Optional::empty;
            }
            public Playground playground() {
                return null;
            }

            public Command command() {
                return null;
            }
        };
    }
}
