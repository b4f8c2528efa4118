package app.pacer.kb;

import app.pacer.config.PacerConfig;
import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.reply.ActionRef;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Button;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.delivery.ClusterJobs;
import app.pacer.delivery.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Once a month, authors of articles nobody verified for 180 days get a direct message listing them. The tick
 * runs hourly (one replica per slot, a claim row); {@code kb_reminder (member, month)} makes it once a month
 * per author, in the author's own time zone, however often the tick runs and whatever the outbox purges; the
 * outbox key {@code kb-stale:<member>:<yyyy-MM>} guards the send itself.
 */
@ApplicationScoped
public class KbStaleReminder {

    private static final Logger LOG = Logger.getLogger(KbStaleReminder.class);
    static final int LISTED = 10;
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    private final EntityManager em;
    private final MemberRepository members;
    private final Outbox outbox;
    private final ClusterJobs jobs;
    private final Clock clock;
    private final Duration period;

    public KbStaleReminder(EntityManager em, MemberRepository members, Outbox outbox, ClusterJobs jobs, Clock clock,
            PacerConfig config) {
        this.em = em;
        this.members = members;
        this.outbox = outbox;
        this.jobs = jobs;
        this.clock = clock;
        String tick = config.kb().staleTick().trim();
        this.period = tick.matches("(?i)off|disabled") ? Duration.ofHours(1)
                : io.quarkus.runtime.configuration.DurationConverter.parseDuration(tick);
    }

    @Scheduled(every = "${pacer.kb.stale-tick:1h}", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        Instant now = clock.instant();
        long interval = Math.max(1000, period.toMillis());
        if (jobs.claim("kb-stale", Instant.ofEpochMilli(now.toEpochMilli() / interval * interval))) {
            remind(now);
        }
    }

    /** Enqueues this month's reminders not sent yet; returns how many. Safe to run repeatedly and concurrently. */
    public int remind(Instant now) {
        @SuppressWarnings("unchecked")
        List<Number> authors = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                SELECT DISTINCT author_id FROM kb_article
                WHERE author_id IS NOT NULL AND coalesce(verified_at, created_at) < ?1""")
                .setParameter(1, KbService.utc(now.minus(Article.STALE_AFTER))).getResultList());
        int sent = 0;
        for (Number author : authors) {
            try {
                if (QuarkusTransaction.requiringNew().call(() -> remindOne(author.longValue(), now))) {
                    sent++;
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not remind member %d of their outdated articles", author.longValue());
            }
        }
        if (sent > 0) {
            LOG.infof("Outdated-article reminders: %d enqueued", sent);
        }
        return sent;
    }

    private boolean remindOne(long memberId, Instant now) {
        Member member = members.findById(memberId);
        if (member == null) {
            return false;
        }
        String month = MONTH.format(now.atZone(member.zone()));
        boolean had = !em.createNativeQuery("SELECT 1 FROM kb_reminder WHERE member_id = ?1 AND month = ?2")
                .setParameter(1, memberId).setParameter(2, month).getResultList().isEmpty();
        if (had) {
            return false;
        }
        List<Article> stale = em.createQuery("""
                from Article where authorId = ?1 and coalesce(verifiedAt, createdAt) < ?2
                order by coalesce(verifiedAt, createdAt), number""", Article.class)
                .setParameter(1, memberId).setParameter(2, now.minus(Article.STALE_AFTER)).getResultList();
        if (stale.isEmpty()) {
            return false;
        }
        Outbox.Result result = outbox.toMember(member, message(stale, Messages.of(member.language())),
                "kb-stale:" + memberId + ":" + month, now, now.plus(Duration.ofDays(7)));
        if (result == Outbox.Result.UNREACHABLE || result == Outbox.Result.QUIET) {
            return false; // try again on a later tick this month
        }
        em.createNativeQuery("INSERT INTO kb_reminder (member_id, month) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, memberId).setParameter(2, month).executeUpdate();
        return result == Outbox.Result.ENQUEUED;
    }

    static Reply.Message message(List<Article> stale, Messages m) {
        String title = m.get("kb.stale.reminder.title", String.valueOf(stale.size()));
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Header(title));
        blocks.add(new Block.Text(m.get("kb.stale.reminder.text")));
        blocks.add(new Block.Bullets(stale.stream().limit(LISTED).map(a -> "**" + KbView.titleMarkdown(a) + "**").toList()));
        if (stale.size() > LISTED) {
            blocks.add(new Block.Context(m.get("kb.stale.reminder.more", String.valueOf(stale.size() - LISTED))));
        }
        List<Button> buttons = new ArrayList<>();
        for (Article a : stale.stream().limit(5).toList()) {
            Map<String, String> args = new LinkedHashMap<>();
            args.put("article", String.valueOf(a.number()));
            buttons.add(Button.of(m.get("kb.button.open", "#" + a.number()), ActionRef.of("kb.show", args)));
        }
        blocks.add(new Block.Actions(buttons));
        return Reply.message(title, blocks);
    }
}
