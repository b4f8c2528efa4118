package app.pacer.leads;

import app.pacer.config.PacerConfig;
import app.pacer.core.org.Member;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * A file offered for download through {@code GET /exports/<token>} for a day (what Teams users get instead of an
 * upload): {@code lead export} and {@code export all} store their file here.
 */
@ApplicationScoped
public class Downloads {

    static final Duration LINK_LIFETIME = Duration.ofHours(24);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager em;
    private final PacerConfig config;

    public Downloads(EntityManager em, PacerConfig config) {
        this.em = em;
        this.config = config;
    }

    /** Stores the file for {@code member} and answers its link (a random 256-bit token). */
    public String offer(Member member, String filename, byte[] content, Instant now) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        em.createNativeQuery("""
                INSERT INTO export_file (token, workspace_id, member_id, filename, content, expires_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, token).setParameter(2, member.workspaceId()).setParameter(3, member.id())
                .setParameter(4, filename).setParameter(5, content)
                .setParameter(6, OffsetDateTime.ofInstant(now.plus(LINK_LIFETIME), ZoneOffset.UTC)).executeUpdate();
        return config.publicUrl() + "/exports/" + token;
    }
}
