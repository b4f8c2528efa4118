package app.pacer.playground;

import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.reply.Language;
import app.pacer.core.reply.Messages;
import app.pacer.core.time.BusinessCalendar;
import app.pacer.core.time.ClockShift;
import app.pacer.nudge.NudgeTick;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * What the playground does besides passing messages: it sets up the demo team once per platform (with ordinary
 * commands, so the roles are real), and it travels in time to the next morning so scheduled messages arrive.
 */
@Singleton
public class PlaygroundService {

    private static final Logger LOG = Logger.getLogger(PlaygroundService.class);
    private static final Duration SETUP_WAIT = Duration.ofSeconds(20);

    private final PlaygroundSlack slack;
    private final PlaygroundTeams teams;
    private final PlaygroundFeed feed;
    private final ClockShift shift;
    private final Clock clock;
    private final NudgeTick nudges;
    private final EntityManager em;
    private final MemberRepository members;
    private final BusinessCalendar calendar;
    private final Set<String> ready = ConcurrentHashMap.newKeySet();

    public PlaygroundService(PlaygroundSlack slack, PlaygroundTeams teams, PlaygroundFeed feed, ClockShift shift,
            Clock clock, NudgeTick nudges, EntityManager em, MemberRepository members, BusinessCalendar calendar) {
        this.slack = slack;
        this.teams = teams;
        this.feed = feed;
        this.shift = shift;
        this.clock = clock;
        this.nudges = nudges;
        this.em = em;
        this.members = members;
        this.calendar = calendar;
    }

    boolean platformOn(String platform) {
        return PlaygroundSlack.PLATFORM.equals(platform) ? slack.enabled()
                : PlaygroundTeams.PLATFORM.equals(platform) && teams.enabled();
    }

    /**
     * The demo team, set up as a newcomer would: the admin speaks first (the first member of a workspace is its
     * admin), everyone says hello, the admin makes Sam a manager, and Sam becomes the reps' manager. The answers
     * stay off the page. Idempotent: commands that change nothing are harmless on a second start.
     */
    synchronized void ensureReady(String platform) throws InterruptedException {
        if (ready.contains(platform)) {
            return;
        }
        DemoMember admin = DemoMember.admin();
        run(platform, admin, "settings");
        for (DemoMember member : DemoMember.ALL) {
            if (member != admin) {
                run(platform, member, "settings");
            }
        }
        for (DemoMember member : DemoMember.ALL) {
            if (member.role().equals("manager")) {
                run(platform, admin, "role @" + member.handle() + " manager");
                for (DemoMember rep : DemoMember.ALL) {
                    if (rep.role().equals("rep")) {
                        run(platform, member, "manager @" + rep.handle() + " @" + member.handle());
                    }
                }
            }
        }
        ready.add(platform);
        LOG.infof("Playground: the demo team on %s is ready", platform);
    }

    private void run(String platform, DemoMember member, String command) throws InterruptedException {
        String ref = PlaygroundSlack.PLATFORM.equals(platform) ? slack.say(member, command, true)
                : teams.say(member, command, true);
        if (!feed.awaitHidden(ref, SETUP_WAIT)) {
            LOG.warnf("Playground set-up: no answer to \"%s\" from %s on %s", command, member.name(), platform);
        }
    }

    void say(String platform, DemoMember member, String text) {
        feed.add(platform, member, "you", null, PlaygroundFeed.JSON.createObjectNode().put("text", text));
        if (PlaygroundSlack.PLATFORM.equals(platform)) {
            slack.say(member, text, false);
        } else {
            teams.say(member, text, false);
        }
    }

    /**
     * Moves Pacer's clock to one minute past {@code member}'s nudge time on their next working day (after the
     * last day they were nudged), then runs the nudge tick at once instead of waiting up to a minute for it.
     * Returns the notice shown on the page.
     */
    ObjectNode travel(String platform, DemoMember demo) {
        String userId = PlaygroundSlack.PLATFORM.equals(platform) ? demo.slackUserId() : demo.teamsUserId();
        String workspace = PlaygroundSlack.PLATFORM.equals(platform) ? PlaygroundSlack.TEAM : PlaygroundTeams.TENANT;
        Instant now = clock.instant();
        Target target = QuarkusTransaction.requiringNew().call(() -> target(platform, workspace, userId, now));
        if (target.at().isAfter(now)) {
            shift.advance(Duration.between(now, target.at()));
        }
        Instant arrived = clock.instant();
        NudgeTick.Stats stats = nudges.enqueueDue(arrived);
        LOG.infof("Playground: time travel to %s (%d nudges enqueued)", arrived, stats.enqueued());
        Messages messages = Messages.of(Language.fromTag(demo.locale()).orElse(Language.EN));
        String local = arrived.atZone(target.zone()).format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM,
                FormatStyle.SHORT).withLocale(messages.language().locale()));
        ObjectNode body = PlaygroundFeed.JSON.createObjectNode()
                .put("text", messages.get("playground.time_travel", local, demo.name()))
                .put("now", arrived.toString());
        feed.add(platform, demo, "notice", null, body);
        return body;
    }

    private record Target(Instant at, java.time.ZoneId zone) {
    }

    private Target target(String platform, String workspace, String userId, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT m.id, m.nudged_on FROM member m JOIN workspace w ON w.id = m.workspace_id
                WHERE w.platform = ?1 AND w.external_id = ?2 AND m.platform_user_id = ?3""")
                .setParameter(1, platform.toUpperCase(java.util.Locale.ROOT)).setParameter(2, workspace)
                .setParameter(3, userId).getResultList();
        if (rows.isEmpty()) {
            // not set up yet: simply the next morning at nine where they are
            java.time.ZoneId zone = java.time.ZoneId.of(DemoMember.bySlackUser(userId).or(() -> DemoMember.ALL.stream()
                    .filter(m -> m.teamsUserId().equals(userId)).findFirst()).map(DemoMember::timeZone).orElse("UTC"));
            LocalDate day = now.atZone(zone).toLocalDate().plusDays(1);
            return new Target(ZonedDateTime.of(day, Member.DEFAULT_NUDGE_TIME.plusMinutes(1), zone).toInstant(), zone);
        }
        Member member = members.findById(((Number) rows.get(0)[0]).longValue());
        Object nudgedOn = rows.get(0)[1];
        LocalDate last = nudgedOn == null ? null : nudgedOn instanceof java.sql.Date d ? d.toLocalDate()
                : LocalDate.parse(nudgedOn.toString());
        java.time.ZoneId zone = member.zone();
        LocalDate day = now.atZone(zone).toLocalDate().plusDays(1);
        if (last != null && !day.isAfter(last)) {
            day = last.plusDays(1);
        }
        var cal = calendar.forMember(member);
        for (int i = 0; i < 30 && !cal.isWorkingDay(day); i++) {
            day = day.plusDays(1);
        }
        LocalTime at = (member.nudgeTime() == null ? Member.DEFAULT_NUDGE_TIME : member.nudgeTime()).plusMinutes(1);
        return new Target(ZonedDateTime.of(day, at, zone).toInstant(), zone);
    }
}
