package app.pacer.feedback;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed tokens for survey links: {@code <link id>.<HMAC-SHA256 over id, workspace, lead and expiry>}. The key
 * is made on first use and kept in the database, so every replica verifies what another signed. A token whose
 * signature does not match the link it names — forged, altered, or pointing at another workspace's lead — is
 * simply invalid.
 */
@ApplicationScoped
public class LinkTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final EntityManager em;
    private volatile byte[] key;

    public LinkTokens(EntityManager em) {
        this.em = em;
    }

    public String token(UUID linkId, long workspaceId, long leadId, long expiresEpochSecond) {
        return linkId.toString().replace("-", "") + "." + sign(linkId + ":" + workspaceId + ":" + leadId + ":" + expiresEpochSecond);
    }

    /** The link id a well-formed token names (its signature is checked against the link's row with {@link #valid}). */
    public static Optional<UUID> linkId(String token) {
        if (token == null || !token.matches("[0-9a-f]{32}\\.[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        String hex = token.substring(0, 32);
        return Optional.of(UUID.fromString(hex.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5")));
    }

    public boolean valid(String token, UUID linkId, long workspaceId, long leadId, long expiresEpochSecond) {
        return MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII),
                token(linkId, workspaceId, leadId, expiresEpochSecond).getBytes(StandardCharsets.US_ASCII));
    }

    /** A value for a form, bound to the link and to the browser's cookie (double submit). */
    public String formToken(UUID linkId, String cookie) {
        return sign("form:" + linkId + ":" + cookie);
    }

    public boolean validFormToken(String value, UUID linkId, String cookie) {
        return value != null && cookie != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII),
                formToken(linkId, cookie).getBytes(StandardCharsets.US_ASCII));
    }

    public static String randomValue() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    private String sign(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            k = loadOrCreate();
            key = k;
        }
        return k;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    byte[] loadOrCreate() {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        // two replicas may race: the first insert wins and both read it back
        em.createNativeQuery("INSERT INTO install_secret (name, secret) VALUES ('feedback-links', ?1) ON CONFLICT (name) DO NOTHING")
                .setParameter(1, fresh).executeUpdate();
        return (byte[]) em.createNativeQuery("SELECT secret FROM install_secret WHERE name = 'feedback-links'").getSingleResult();
    }
}
