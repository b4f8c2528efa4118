package app.pacer.platform.slack;

import app.pacer.config.PacerConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Which members have a Slack App Home worth publishing again after a change: those who opened it (or clicked in it)
 * within {@link #WATCHED}. Slack sends {@code app_home_opened} every time someone switches to the tab, and Pacer
 * then renders the Home fresh; republishing for everyone else on every change would render and send Homes nobody
 * looks at (at 50 members logging, most of what the service did besides the commands themselves).
 */
@ApplicationScoped
public class SlackHomes {

    private static final Logger LOG = Logger.getLogger(SlackHomes.class);

    /** How long after the last look a Home is still kept up to date on every change. */
    static final Duration WATCHED = Duration.ofHours(1);

    private final EntityManager em;
    private final Clock clock;
    private final boolean enabled;

    public SlackHomes(EntityManager em, Clock clock, PacerConfig config) {
        this.em = em;
        this.clock = clock;
        this.enabled = config.slack().enabled();
    }

    /**
     * The member looked at their App Home now (opened the tab, or clicked a button in it). Never fails: when this
     * cannot be written, their Home is only brought up to date the next time they open it.
     */
    public void opened(String teamId, String userId) {
        if (!enabled || teamId == null || userId == null) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                    UPDATE member SET home_opened_at = ?1
                    WHERE platform_user_id = ?2 AND workspace_id = (SELECT id FROM workspace WHERE platform = 'SLACK' AND external_id = ?3)""")
                    .setParameter(1, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).setParameter(2, userId)
                    .setParameter(3, teamId).executeUpdate());
        } catch (RuntimeException e) {
            LOG.debugf("App Home look not recorded: %s", e.getClass().getSimpleName());
        }
    }

    /** The Slack user id of a member whose App Home should be published again: a Slack member who looked lately. */
    public Optional<String> toRefresh(Long memberId) {
        if (!enabled) {
            return Optional.empty();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<String> users = em.createNativeQuery("""
                    SELECT m.platform_user_id FROM member m JOIN workspace w ON w.id = m.workspace_id
                    WHERE m.id = ?1 AND w.platform = 'SLACK' AND m.home_opened_at > ?2""")
                    .setParameter(1, memberId)
                    .setParameter(2, OffsetDateTime.ofInstant(clock.instant().minus(WATCHED), ZoneOffset.UTC)).getResultList();
            return users.stream().findFirst();
        });
    }
}
