package app.pacer.digest;

import app.pacer.core.org.Member;
import app.pacer.core.org.WorkspaceRepository;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.core.time.MemberCalendar;
import app.pacer.delivery.Outbox;
import app.pacer.targets.ProgressService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** The digest channel of a workspace, and putting a digest in the outbox: once a day, under its idempotency key. */
@ApplicationScoped
public class DigestService {

    private final EntityManager em;
    private final DigestBuilder builder;
    private final Outbox outbox;
    private final WorkspaceRepository workspaces;
    private final ProgressService progress;

    public DigestService(EntityManager em, DigestBuilder builder, Outbox outbox, WorkspaceRepository workspaces,
            ProgressService progress) {
        this.em = em;
        this.builder = builder;
        this.outbox = outbox;
        this.workspaces = workspaces;
        this.progress = progress;
    }

    public Optional<DigestChannel> of(Long workspaceId) {
        return em.createQuery("from DigestChannel where workspaceId = ?1", DigestChannel.class).setParameter(1, workspaceId)
                .getResultStream().findFirst();
    }

    /** {@code digest:<workspace>/<channel>:<date>}: channel ids are the platform's, so the workspace keeps them apart. */
    public static String key(DigestChannel channel, LocalDate day) {
        return "digest:" + channel.workspaceId() + "/" + channel.channel() + ":" + day;
    }

    /** The team's working days: the workspace's work week and holidays. */
    public MemberCalendar calendar(Long workspaceId) {
        return progress.teamCalendar(workspaceId);
    }

    public Reply.Message build(DigestChannel channel, LocalDate day, Instant now, boolean weekly) {
        return builder.build(new DigestBuilder.Day(channel.workspaceId(), day, channel.zone(), now, channel.lastSentAt(),
                channel.standup(), weekly), channel.language());
    }

    /**
     * Enqueues the day's digest: its key makes a second enqueue — a second tick, another
     * replica — a no-op. Returns whether this call enqueued it.
     */
    public boolean enqueueDaily(DigestChannel channel, LocalDate day, Instant now) {
        String key = key(channel, day);
        if (outbox.exists(key)) {
            return false;
        }
        return post(channel, build(channel, day, now, false), key, now);
    }

    /** {@code digest now} / {@code digest week}: posted at once, under a key of its own. */
    public boolean postNow(DigestChannel channel, LocalDate day, Instant now, boolean weekly) {
        return post(channel, build(channel, day, now, weekly), "digest-now:" + channel.workspaceId() + "/" + channel.channel() + ":" + now.toEpochMilli(), now);
    }

    private boolean post(DigestChannel channel, Reply.Message digest, String key, Instant now) {
        Outbox.Result result = outbox.toChannel(channel.workspaceId(), workspaces.findById(channel.workspaceId()).platform(),
                channel.channel(), digest, Messages.of(channel.language()), key, now, now.plus(Duration.ofHours(6)));
        if (result == Outbox.Result.ENQUEUED) {
            channel.sent(now);
            return true;
        }
        return false;
    }

    /** Whether the member answered today's standup round. */
    public boolean answered(Member member, LocalDate day) {
        return !em.createNativeQuery("SELECT 1 FROM standup_answer WHERE member_id = ?1 AND local_date = ?2")
                .setParameter(1, member.id()).setParameter(2, day).getResultList().isEmpty();
    }
}
