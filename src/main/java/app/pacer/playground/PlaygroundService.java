package app.pacer.playground;

import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.reply.Language;
import app.pacer.core.reply.Messages;
import app.pacer.core.time.BusinessCalendar;
import app.pacer.core.time.ClockShift;
import app.pacer.core.time.MemberCalendar;
import app.pacer.delivery.Outbox;
import app.pacer.digest.DigestService;
import app.pacer.digest.DigestTick;
import app.pacer.nudge.NudgeTick;
import app.pacer.targets.ProgressService;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * What the playground does besides passing messages: it sets up the demo team once per platform (with ordinary
 * commands, so the roles and the digest channel are real), and it travels in time to the next morning so
 * scheduled messages — the member's nudge and the team's digest — arrive.
 */
@Singleton
public class PlaygroundService {

    private static final Logger LOG = Logger.getLogger(PlaygroundService.class);
    private static final Duration SETUP_WAIT = Duration.ofSeconds(20);
    /** Two scheduled sends this close are reached in one jump: the earlier one is still well within its late window. */
    private static final Duration ONE_JUMP = Duration.ofHours(1);
    /** The digest stop is the team's next digest from this long before the member's morning on. */
    private static final Duration DIGEST_REACH = Duration.ofHours(12);
    /** How long time travel waits for the first stop's messages to go out before it jumps on (they would expire). */
    private static final Duration DELIVERY_WAIT = Duration.ofSeconds(15);

    private final PlaygroundSlack slack;
    private final PlaygroundTeams teams;
    private final PlaygroundFeed feed;
    private final ClockShift shift;
    private final Clock clock;
    private final NudgeTick nudges;
    private final DigestTick digestTick;
    private final DigestService digests;
    private final Outbox outbox;
    private final EntityManager em;
    private final MemberRepository members;
    private final BusinessCalendar calendar;
    private final ProgressService progress;
    private final Set<String> ready = ConcurrentHashMap.newKeySet();

    public PlaygroundService(PlaygroundSlack slack, PlaygroundTeams teams, PlaygroundFeed feed, ClockShift shift,
            Clock clock, NudgeTick nudges, DigestTick digestTick, DigestService digests, Outbox outbox, EntityManager em,
            MemberRepository members, BusinessCalendar calendar, ProgressService progress) {
        this.slack = slack;
        this.teams = teams;
        this.feed = feed;
        this.shift = shift;
        this.clock = clock;
        this.nudges = nudges;
        this.digestTick = digestTick;
        this.digests = digests;
        this.outbox = outbox;
        this.em = em;
        this.members = members;
        this.calendar = calendar;
        this.progress = progress;
    }

    boolean platformOn(String platform) {
        return PlaygroundSlack.PLATFORM.equals(platform) ? slack.enabled()
                : PlaygroundTeams.PLATFORM.equals(platform) && teams.enabled();
    }

    private static boolean isSlack(String platform) {
        return PlaygroundSlack.PLATFORM.equals(platform);
    }

    /**
     * The demo team, set up as a newcomer would: the admin speaks first (the first member of a workspace is its
     * admin), everyone says hello, the admin makes Sam a manager, and Sam becomes the reps' manager; then
     * {@link #seed} gives the team a digest channel and a little progress. The answers stay off the page.
     * Idempotent: commands that change nothing are harmless on a second start.
     */
    synchronized void ensureReady(String platform) throws InterruptedException {
        if (ready.contains(platform)) {
            return;
        }
        DemoMember admin = DemoMember.admin();
        run(platform, admin, Where.DM, "settings");
        for (DemoMember member : DemoMember.ALL) {
            if (member != admin) {
                run(platform, member, Where.DM, "settings");
            }
        }
        for (DemoMember member : DemoMember.ALL) {
            if (member.role().equals("manager")) {
                run(platform, admin, Where.DM, "role @" + member.handle() + " manager");
                for (DemoMember rep : DemoMember.ALL) {
                    if (rep.role().equals("rep")) {
                        run(platform, member, Where.DM, "manager @" + rep.handle() + " @" + member.handle());
                    }
                }
            }
        }
        seed(platform);
        ready.add(platform);
        LOG.infof("Playground: the demo team on %s is ready", platform);
    }

    /** What a workspace has already: the database outlives a restart, and a second seeding would log twice. */
    private record Seeded(boolean digestChannel, boolean targets) {
    }

    /**
     * So the digest has somewhere to go and something to say: the admin types {@code digest channel} in the team
     * channel, the manager sets the team's weekly target, and each rep sets one and logs some progress. Each
     * part only where the workspace has none yet (a visitor's own digest channel or targets are left alone).
     */
    private void seed(String platform) throws InterruptedException {
        Seeded seeded = QuarkusTransaction.requiringNew().call(() -> seeded(platform));
        if (!seeded.digestChannel()) {
            run(platform, DemoMember.admin(), Where.CHANNEL, "digest channel");
        }
        if (seeded.targets()) {
            return;
        }
        int deals = 2;
        for (DemoMember member : DemoMember.ALL) {
            if (member.role().equals("manager")) {
                run(platform, member, Where.DM, "target set deals 12 week team");
            } else if (member.role().equals("rep")) {
                run(platform, member, Where.DM, "target set deals 6 week");
                run(platform, member, Where.DM, "log " + deals++ + " deals");
            }
        }
    }

    private Seeded seeded(String platform) {
        Optional<Long> workspace = workspaceId(platform);
        if (workspace.isEmpty()) {
            return new Seeded(false, false);
        }
        return new Seeded(digests.hasChannel(workspace.get()), progress.hasTargets(workspace.get()));
    }

    private Optional<Long> workspaceId(String platform) {
        List<?> rows = em.createNativeQuery("SELECT id FROM workspace WHERE platform = ?1 AND external_id = ?2")
                .setParameter(1, platform.toUpperCase(Locale.ROOT)).setParameter(2, externalId(platform)).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(((Number) rows.get(0)).longValue());
    }

    /** The playground's Slack team or Teams tenant. */
    private static String externalId(String platform) {
        return isSlack(platform) ? PlaygroundSlack.TEAM : PlaygroundTeams.TENANT;
    }

    private void run(String platform, DemoMember member, Where where, String command) throws InterruptedException {
        String ref = isSlack(platform) ? slack.say(member, where, command, true) : teams.say(member, where, command, true);
        if (!feed.awaitHidden(ref, SETUP_WAIT)) {
            LOG.warnf("Playground set-up: no answer to \"%s\" from %s on %s", command, member.name(), platform);
        }
    }

    /**
     * What the visitor typed, shown where they typed it: a post in a Teams channel is seen by everyone; a Slack
     * slash command only by whoever typed it (Slack shows it to others only with an answer posted in the channel).
     */
    void say(String platform, DemoMember member, Where where, String text) {
        boolean everyone = where == Where.CHANNEL && !isSlack(platform);
        feed.add(platform, where, member, everyone, "you", null, PlaygroundFeed.JSON.createObjectNode().put("text", text));
        if (isSlack(platform)) {
            slack.say(member, where, text, false);
        } else {
            teams.say(member, where, text, false);
        }
    }

    /** A click shows to whoever clicked, where the button was. */
    void clicked(String platform, DemoMember member, Where where, String label) {
        feed.add(platform, where, member, false, "you", null, PlaygroundFeed.JSON.createObjectNode().put("clicked", label));
    }

    /**
     * Moves Pacer's clock to the next morning and runs the nudge and digest ticks at once instead of waiting up
     * to a minute for them. Two stops: one minute past {@code member}'s nudge time on their next working day
     * (after the last day they were nudged), and one minute past the team's next digest on a working day of
     * the workspace that has not been posted yet — from {@link #DIGEST_REACH} before that morning on, so the
     * two belong together even when the member lives half a world from the digest's time zone. Stops less
     * than {@link #ONE_JUMP} apart are one jump to the later; otherwise the clock stops at the earlier first,
     * and moves on once its messages have gone out (a nudge sent hours late would expire instead). Two presses
     * at once (two tabs) travel one after the other. Returns the notice shown on the page.
     */
    synchronized ObjectNode travel(String platform, DemoMember demo) throws InterruptedException {
        String userId = isSlack(platform) ? demo.slackUserId() : demo.teamsUserId();
        Instant now = clock.instant();
        Morning morning = QuarkusTransaction.requiringNew().call(() -> morning(platform, userId, now));
        Optional<Morning> digest = QuarkusTransaction.requiringNew().call(() -> nextDigest(platform, morning.at(), now));
        List<Instant> stops = stops(morning.at(), digest.map(Morning::at));
        for (int i = 0; i < stops.size(); i++) {
            Instant current = clock.instant();
            if (stops.get(i).isAfter(current)) {
                shift.advance(Duration.between(current, stops.get(i)));
            }
            Instant arrived = clock.instant();
            NudgeTick.Stats nudged = nudges.enqueueDue(arrived);
            DigestTick.Stats posted = digestTick.run(arrived);
            LOG.infof("Playground: time travel to %s (%d nudges, %d digests enqueued)", arrived, nudged.enqueued(),
                    posted.digests());
            if (i < stops.size() - 1) {
                awaitDelivery(arrived);
            }
        }
        Instant arrived = clock.instant();
        Messages messages = Messages.of(Language.fromTag(demo.locale()).orElse(Language.EN));
        String text = messages.get("playground.time_travel", dayAndTime(arrived.atZone(morning.zone()), messages),
                demo.name());
        if (digest.isPresent()) {
            String channel = DemoChannel.label(platform);
            text += " " + messages.get("playground.time_travel.digest_in", channel);
            ZonedDateTime digestAt = digest.get().at().atZone(digest.get().zone());
            feed.add(platform, Where.CHANNEL, demo, false, "notice", null, PlaygroundFeed.JSON.createObjectNode()
                    .put("text", messages.get("playground.time_travel.digest", dayAndTime(digestAt, messages),
                            digestAt.getZone().getId()))
                    .put("now", arrived.toString()));
        }
        ObjectNode body = PlaygroundFeed.JSON.createObjectNode().put("text", text).put("now", arrived.toString());
        feed.add(platform, demo, "notice", null, body);
        return body;
    }

    /** The weekday too: "next morning" may be Monday. */
    private static String dayAndTime(ZonedDateTime at, Messages messages) {
        return at.format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT)
                .withLocale(messages.language().locale()));
    }

    /** The instants time travel stops at, in order: one jump when they are close, else the earlier first. */
    static List<Instant> stops(Instant morning, Optional<Instant> digest) {
        List<Instant> stops = new ArrayList<>(List.of(morning));
        digest.ifPresent(stops::add);
        stops.sort(null);
        if (stops.size() == 2 && Duration.between(stops.get(0), stops.get(1)).compareTo(ONE_JUMP) <= 0) {
            stops.remove(0);
        }
        return stops;
    }

    /** Waits (a while at most) until nothing due by {@code at} is still waiting in the outbox. */
    private void awaitDelivery(Instant at) throws InterruptedException {
        // a few seconds more: the Slack chart follows its digest a second later
        Instant upTo = at.plusSeconds(10);
        long end = System.nanoTime() + DELIVERY_WAIT.toNanos();
        while (System.nanoTime() < end) {
            long waiting = QuarkusTransaction.requiringNew().call(() -> outbox.waiting(upTo));
            if (waiting == 0) {
                return;
            }
            Thread.sleep(100);
        }
        LOG.warnf("Playground: time travel moves on with messages due by %s not yet sent", at);
    }

    /** A stop of time travel: when, and the time zone it is told in. */
    private record Morning(Instant at, ZoneId zone) {
    }

    /** One minute past the team's next digest on a working day, not posted yet, from {@code morning - reach} on. */
    private Optional<Morning> nextDigest(String platform, Instant morning, Instant now) {
        Instant from = morning.minus(DIGEST_REACH).isAfter(now) ? morning.minus(DIGEST_REACH) : now;
        return workspaceId(platform).flatMap(ws -> digests.nextUnsent(ws, from))
                .map(next -> new Morning(next.at().plus(Duration.ofMinutes(1)), next.zone()));
    }

    /** One minute past the member's nudge time on their next working day after the last one they were nudged on. */
    private Morning morning(String platform, String userId, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT m.id, m.nudged_on FROM member m JOIN workspace w ON w.id = m.workspace_id
                WHERE w.platform = ?1 AND w.external_id = ?2 AND m.platform_user_id = ?3""")
                .setParameter(1, platform.toUpperCase(Locale.ROOT)).setParameter(2, externalId(platform))
                .setParameter(3, userId).getResultList();
        if (rows.isEmpty()) {
            // not set up yet: simply the next morning at nine where they are
            ZoneId zone = ZoneId.of(DemoMember.bySlackUser(userId).or(() -> DemoMember.ALL.stream()
                    .filter(m -> m.teamsUserId().equals(userId)).findFirst()).map(DemoMember::timeZone).orElse("UTC"));
            LocalDate day = now.atZone(zone).toLocalDate().plusDays(1);
            return new Morning(ZonedDateTime.of(day, Member.DEFAULT_NUDGE_TIME.plusMinutes(1), zone).toInstant(), zone);
        }
        Member member = members.findById(((Number) rows.get(0)[0]).longValue());
        Object nudgedOn = rows.get(0)[1];
        LocalDate last = nudgedOn == null ? null : nudgedOn instanceof java.sql.Date d ? d.toLocalDate()
                : LocalDate.parse(nudgedOn.toString());
        ZoneId zone = member.zone();
        LocalDate day = now.atZone(zone).toLocalDate().plusDays(1);
        if (last != null && !day.isAfter(last)) {
            day = last.plusDays(1);
        }
        var cal = calendar.forMember(member);
        for (int i = 0; i < 30 && !cal.isWorkingDay(day); i++) {
            day = day.plusDays(1);
        }
        LocalTime at = (member.nudgeTime() == null ? Member.DEFAULT_NUDGE_TIME : member.nudgeTime()).plusMinutes(1);
        return new Morning(ZonedDateTime.of(day, at, zone).toInstant(), zone);
    }
}
