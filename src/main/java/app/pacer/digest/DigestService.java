package app.pacer.digest;

import app.pacer.core.org.Member;
import app.pacer.core.org.WorkspaceRepository;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.core.time.MemberCalendar;
import app.pacer.delivery.Outbox;
import app.pacer.core.time.BusinessCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/** The digest channel of a workspace, and putting a digest in the outbox: once a day, under its idempotency key. */
@ApplicationScoped
public class DigestService {

    private final EntityManager em;
    private final DigestBuilder builder;
    private final Outbox outbox;
    private final WorkspaceRepository workspaces;
    private final BusinessCalendar calendar;
    private final WeeklyChart weekly;
    private final TeamChart chart;
    private final ChartImages images;

    public DigestService(EntityManager em, DigestBuilder builder, Outbox outbox, WorkspaceRepository workspaces,
            BusinessCalendar calendar, WeeklyChart weekly, TeamChart chart, ChartImages images) {
        this.weekly = weekly;
        this.chart = chart;
        this.images = images;
        this.em = em;
        this.builder = builder;
        this.outbox = outbox;
        this.workspaces = workspaces;
        this.calendar = calendar;
    }

    public Optional<DigestChannel> of(Long workspaceId) {
        return em.createQuery("from DigestChannel where workspaceId = ?1", DigestChannel.class).setParameter(1, workspaceId)
                .getResultStream().findFirst();
    }

    /** {@code digest:<workspace>/<channel>:<date>}: channel ids are the platform's, so the workspace keeps them apart. */
    public static String key(DigestChannel channel, LocalDate day) {
        return "digest:" + channel.workspaceId() + "/" + channel.channel() + ":" + day;
    }

    /** Whether the workspace has chosen a digest channel (on or off). */
    public boolean hasChannel(Long workspaceId) {
        return of(workspaceId).isPresent();
    }

    /** When a digest is due, in the channel's time zone. */
    public record Due(Instant at, ZoneId zone) {
    }

    /**
     * The workspace's next digest on a working day at or after {@code from} that has not been posted yet, within
     * 30 days; empty without an enabled digest channel.
     */
    public Optional<Due> nextUnsent(Long workspaceId, Instant from) {
        Optional<DigestChannel> channel = of(workspaceId).filter(DigestChannel::enabled);
        if (channel.isEmpty()) {
            return Optional.empty();
        }
        DigestChannel c = channel.get();
        MemberCalendar team = calendar(c.workspaceId());
        LocalDate day = from.atZone(c.zone()).toLocalDate();
        for (int i = 0; i < 30; i++, day = day.plusDays(1)) {
            Instant due = ZonedDateTime.of(day, c.time(), c.zone()).toInstant();
            if (!due.plus(Duration.ofMinutes(1)).isBefore(from) && team.isWorkingDay(day) && !outbox.exists(key(c, day))) {
                return Optional.of(new Due(due, c.zone()));
            }
        }
        return Optional.empty();
    }

    /** The team's working days: the workspace's work week and holidays. */
    public MemberCalendar calendar(Long workspaceId) {
        return calendar.forTeam(workspaceId);
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
        return post(channel, day, now, day.getDayOfWeek() == java.time.DayOfWeek.MONDAY, key);
    }

    /** {@code digest now} / {@code digest week}: posted at once, under a key of its own. */
    public boolean postNow(DigestChannel channel, LocalDate day, Instant now, boolean weeklyReport) {
        return post(channel, day, now, weeklyReport,
                (weeklyReport ? "digest-week:" : "digest-now:") + channel.workspaceId() + "/" + channel.channel() + ":"
                        + now.toEpochMilli());
    }

    /**
     * The digest, and with the weekly report its chart: in Slack a PNG uploaded into the channel after the
     * message (the chart's own outbox row); in Teams an image in the card, served from a signed, expiring URL.
     */
    private boolean post(DigestChannel channel, LocalDate day, Instant now, boolean weeklyReport, String key) {
        Reply.Message digest = build(channel, day, now, weeklyReport);
        var platform = workspaces.findById(channel.workspaceId()).platform();
        String token = null;
        String title = null;
        if (weeklyReport) {
            ChartData data = weekly.data(channel.workspaceId(), day, channel.language());
            title = data.title();
            token = images.store(channel.workspaceId(), chart.png(data, channel.language()), now);
            if (platform != app.pacer.core.org.Platform.SLACK) {
                java.util.List<app.pacer.core.reply.Block> blocks = new java.util.ArrayList<>(digest.blocks());
                blocks.add(blocks.size() - 1, new app.pacer.core.reply.Block.Image(images.url(token), title));
                digest = new Reply.Message(digest.summary(), blocks, digest.visibility());
            }
        }
        Outbox.Result result = outbox.toChannel(channel.workspaceId(), platform, channel.channel(), digest,
                Messages.of(channel.language()), key, now, now.plus(Duration.ofHours(6)));
        if (result != Outbox.Result.ENQUEUED) {
            return false;
        }
        if (token != null && platform == app.pacer.core.org.Platform.SLACK) {
            // a second after the digest, so the chart follows it in the channel
            outbox.chartToChannel(channel.workspaceId(), platform, channel.channel(), token, "pacer-" + day + ".png", title,
                    "chart:" + key, now.plusSeconds(1), now.plus(Duration.ofHours(6)));
        }
        channel.sent(now);
        return true;
    }

    /** Whether the member answered today's standup round. */
    public boolean answered(Member member, LocalDate day) {
        return !em.createNativeQuery("SELECT 1 FROM standup_answer WHERE member_id = ?1 AND local_date = ?2")
                .setParameter(1, member.id()).setParameter(2, day).getResultList().isEmpty();
    }
}
