package app.pacer.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.testing.FakePlatforms;
import app.pacer.testing.LogCapture;
import app.pacer.testing.TeamsRequests;
import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Bearer tokens the Bot Framework would not have issued for this bot, and activities from tenants not
 * allowed, are refused with 401 before anything is read or stored. Extends TeamsEndpointTest's
 * everyBadTokenIsRefusedWithNothingStored with issuer, algorithm, key and claim tricks.
 */
@QuarkusTest
class TeamsAuthTest {

    private static final String ISSUER = "https://api.botframework.com";

    @Inject
    EntityManager em;

    /** A token like the channel's, changed by {@code change}; signed RS256 with {@code key} unless changed. */
    private static String token(KeyPair key, Consumer<JWTCreator.Builder> change) {
        JWTCreator.Builder jwt = JWT.create().withKeyId(FakePlatforms.KEY_ID).withIssuer(ISSUER)
                .withAudience(FakePlatforms.TEAMS_APP_ID).withClaim("serviceurl", FakePlatforms.serviceUrl())
                .withNotBefore(Date.from(Instant.now().minusSeconds(300))).withIssuedAt(Date.from(Instant.now().minusSeconds(300)))
                .withExpiresAt(Date.from(Instant.now().plusSeconds(3600)));
        change.accept(jwt);
        return jwt.sign(Algorithm.RSA256((RSAPublicKey) key.getPublic(), (RSAPrivateKey) key.getPrivate()));
    }

    private static String token(Consumer<JWTCreator.Builder> change) {
        return token(FakePlatforms.SIGNING_KEY, change);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String payloadOf(String jwt) {
        return jwt.split("\\.")[1];
    }

    @Test
    void tokensNotIssuedForThisBotAreRefusedWithNothingStored() {
        String good = token(b -> { });
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("no Authorization header", null);
        refused.put("empty", "");
        refused.put("Basic scheme", "Basic " + Base64.getEncoder().encodeToString((FakePlatforms.TEAMS_APP_ID + ":" + FakePlatforms.TEAMS_PASSWORD).getBytes()));
        refused.put("token without Bearer", good);
        refused.put("Bearer and nothing", "Bearer ");
        refused.put("garbage", "Bearer a.b.c");
        refused.put("another app id (audience)", "Bearer " + token(b -> b.withAudience("00000000-0000-0000-0000-000000000000")));
        refused.put("no audience", "Bearer " + token(b -> b.withAudience((String[]) null)));
        refused.put("another issuer", "Bearer " + token(b -> b.withIssuer("https://evil.example.com")));
        refused.put("issuer with trailing slash", "Bearer " + token(b -> b.withIssuer(ISSUER + "/")));
        refused.put("no issuer", "Bearer " + token(b -> b.withIssuer(null)));
        refused.put("expired", "Bearer " + token(b -> b.withExpiresAt(Date.from(Instant.now().minusSeconds(600)))));
        refused.put("not yet valid", "Bearer " + token(b -> b.withNotBefore(Date.from(Instant.now().plusSeconds(3600)))));
        refused.put("mismatched serviceurl", "Bearer " + token(b -> b.withClaim("serviceurl", "https://evil.example/")));
        refused.put("no serviceurl claim", "Bearer " + token(b -> b.withClaim("serviceurl", (String) null)));
        refused.put("unknown key id", "Bearer " + token(b -> b.withKeyId("some-other-key")));
        refused.put("signed by a key not published", "Bearer " + token(FakePlatforms.rsaForTests(), b -> { }));
        // alg none: the header says there is no signature
        String none = JWT.create().withKeyId(FakePlatforms.KEY_ID).withIssuer(ISSUER).withAudience(FakePlatforms.TEAMS_APP_ID)
                .withClaim("serviceurl", FakePlatforms.serviceUrl()).withExpiresAt(Date.from(Instant.now().plusSeconds(3600)))
                .sign(Algorithm.none());
        refused.put("alg none", "Bearer " + none);
        refused.put("alg none, valid token's payload", "Bearer " + b64("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + FakePlatforms.KEY_ID + "\"}")
                + "." + payloadOf(good) + ".");
        // algorithm confusion: HMAC keyed with the public key's bytes
        refused.put("HS256 with the public key as secret", "Bearer " + JWT.create().withKeyId(FakePlatforms.KEY_ID).withIssuer(ISSUER)
                .withAudience(FakePlatforms.TEAMS_APP_ID).withClaim("serviceurl", FakePlatforms.serviceUrl())
                .withExpiresAt(Date.from(Instant.now().plusSeconds(3600)))
                .sign(Algorithm.HMAC256(FakePlatforms.SIGNING_KEY.getPublic().getEncoded())));
        // a valid signature moved onto another payload
        String[] parts = good.split("\\.");
        String otherPayload = payloadOf(token(b -> b.withAudience("another-bot")));
        refused.put("signature moved to another payload", "Bearer " + parts[0] + "." + otherPayload + "." + parts[2]);
        refused.put("signature stripped", "Bearer " + parts[0] + "." + parts[1] + ".");

        List<String> report = new ArrayList<>();
        List<String> users = new ArrayList<>();
        for (var entry : refused.entrySet()) {
            String user = TeamsRequests.newUser();
            users.add(user);
            ObjectNode activity = TeamsRequests.message(FakePlatforms.SECURITY_TENANT, user, "help");
            int status = TeamsRequests.post(activity, entry.getValue()).statusCode();
            report.add(status + "  " + entry.getKey());
            assertEquals(401, status, entry.getKey());
        }
        // tenants: not on the allow-list, or dressed up as an allowed one
        Map<String, ObjectNode> tenants = new LinkedHashMap<>();
        tenants.put("tenant not allowed", TeamsRequests.message("tenant-evil", TeamsRequests.newUser(), "help"));
        tenants.put("allowed tenant's name in another case", TeamsRequests.message(FakePlatforms.SECURITY_TENANT.toUpperCase(),
                TeamsRequests.newUser(), "help"));
        tenants.put("allowed tenant with a trailing space", TeamsRequests.message(FakePlatforms.SECURITY_TENANT + " ",
                TeamsRequests.newUser(), "help"));
        ObjectNode mixed = TeamsRequests.message("tenant-evil", TeamsRequests.newUser(), "help");
        ((ObjectNode) mixed.get("channelData")).putObject("tenant").put("id", FakePlatforms.SECURITY_TENANT);
        tenants.put("not allowed in conversation, allowed in channelData", mixed);
        for (var entry : tenants.entrySet()) {
            users.add(entry.getValue().path("from").path("id").asText());
            int status = TeamsRequests.post(entry.getValue()).statusCode();
            report.add(status + "  " + entry.getKey());
            assertEquals(401, status, entry.getKey());
        }
        System.out.println("TeamsAuthTest: " + report.size() + " refused activities\n  " + String.join("\n  ", report));

        // nothing stored: no member for any of these users, no workspace for the strange tenants, nothing sent
        for (String user : users) {
            Number count = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                    "SELECT count(*) FROM member WHERE platform_user_id = ?1").setParameter(1, user).getSingleResult());
            assertEquals(0, count.intValue(), user);
            assertTrue(FakePlatforms.calls("POST", "a:personal-" + user).isEmpty(), user);
        }
        Number strange = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                "SELECT count(*) FROM workspace WHERE platform = 'TEAMS' AND NOT (external_id = ANY (?1))")
                .setParameter(1, FakePlatforms.ALLOWED_TENANTS.toArray(new String[0])).getSingleResult());
        assertEquals(0, strange.intValue());
    }

    /**
     * Issue 27, item 4a: the Bot Framework signs activities of every channel it runs (Web Chat, Direct Line, …) with
     * the same keys, and a Web Chat client of this bot can put any tenant in the body. Only Teams is served.
     */
    @Test
    void onlyTheTeamsChannelIsServed() {
        Map<String, String> channels = new LinkedHashMap<>();
        channels.put("Web Chat", "webchat");
        channels.put("Direct Line", "directline");
        channels.put("the emulator", "emulator");
        channels.put("Teams in another case", "MSTeams");
        channels.put("Teams with a trailing space", "msteams ");
        channels.put("empty", "");
        channels.put("no channelId", null);
        List<String> users = new ArrayList<>();
        for (var entry : channels.entrySet()) {
            String user = TeamsRequests.newUser();
            users.add(user);
            ObjectNode activity = TeamsRequests.message(FakePlatforms.SECURITY_TENANT, user, "help");
            if (entry.getValue() == null) {
                activity.remove("channelId");
            } else {
                activity.put("channelId", entry.getValue());
            }
            int status = TeamsRequests.post(activity).statusCode();
            assertTrue(status == 401 || status == 403, entry.getKey() + " answered " + status);
        }
        for (String user : users) {
            Number count = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                    "SELECT count(*) FROM member WHERE platform_user_id = ?1").setParameter(1, user).getSingleResult());
            assertEquals(0, count.intValue(), user);
        }
    }

    /**
     * Should-fix of issue 27: the SDK writes an unknown key id into a WARN line as it is. A {@code kid} with line
     * breaks could forge log lines; it is refused before the SDK sees it.
     */
    @Test
    void aKeyIdWithLineBreaksNeverReachesALogLine() {
        List<String> logged;
        try (LogCapture capture = LogCapture.start()) {
            Map<String, String> kids = new LinkedHashMap<>();
            kids.put("line feed", "x\n2030-01-01 00:00:00,000 INFO  [app.pacer] FORGED-LOG-LINE admin logged in");
            kids.put("carriage return", "x\rFORGED-LOG-LINE");
            kids.put("a quote and spaces", "x\" FORGED-LOG-LINE");
            kids.put("too long", "FORGED-LOG-LINE" + "a".repeat(200));
            for (var entry : kids.entrySet()) {
                String user = TeamsRequests.newUser();
                int status = TeamsRequests.post(TeamsRequests.message(FakePlatforms.SECURITY_TENANT, user, "help"),
                        "Bearer " + token(b -> b.withKeyId(entry.getValue()))).statusCode();
                assertEquals(401, status, entry.getKey());
            }
            logged = List.copyOf(capture.lines());
        }
        for (String line : logged) {
            assertFalse(line.contains("FORGED-LOG-LINE"), "the key id reached a log line: " + line);
        }
    }

    @Test
    void theGenuineTokenStillWorks() {
        String user = TeamsRequests.newUser();
        ObjectNode activity = TeamsRequests.message(FakePlatforms.SECURITY_TENANT, user, "help");
        assertEquals(200, TeamsRequests.post(activity, "Bearer " + token(b -> { })).statusCode());
    }

    /**
     * A token already verified is taken on trust only for the service URL it was verified with, and only as itself:
     * sent with another service URL, changed, or in another header, it is refused as before.
     */
    @Test
    void aVerifiedTokenIsTrustedForNothingElse() {
        String good = token(b -> { });
        String user = TeamsRequests.newUser();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, TeamsRequests.post(TeamsRequests.message(FakePlatforms.SECURITY_TENANT, user, "help"),
                    "Bearer " + good).statusCode(), "the genuine token, time " + (i + 1));
        }
        String stranger = TeamsRequests.newUser();
        ObjectNode elsewhere = TeamsRequests.message(FakePlatforms.SECURITY_TENANT, stranger, "help");
        elsewhere.put("serviceUrl", "https://evil.example/");
        assertEquals(401, TeamsRequests.post(elsewhere, "Bearer " + good).statusCode(), "another service URL");
        String[] parts = good.split("\\.");
        String flipped = parts[2].substring(0, parts[2].length() - 2) + (parts[2].endsWith("AA") ? "BB" : "AA");
        assertEquals(401, TeamsRequests.post(TeamsRequests.message(FakePlatforms.SECURITY_TENANT, stranger, "help"),
                "Bearer " + parts[0] + "." + parts[1] + "." + flipped).statusCode(), "signature changed");
        assertEquals(401, TeamsRequests.post(TeamsRequests.message(FakePlatforms.SECURITY_TENANT, stranger, "help"),
                "bearer  " + good).statusCode(), "another spelling of the header");
        Number stored = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                "SELECT count(*) FROM member WHERE platform_user_id = ?1").setParameter(1, stranger).getSingleResult());
        assertEquals(0, stored.intValue());
    }
}
