package app.pacer.core.time;

import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.testing.SlackRequests;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** workweek, away and holiday through Slack, in both languages, with their refusals. */
@QuarkusTest
class CalendarCommandsTest {

    @Test
    void holidaysAreAdminsToAddAndEveryonesToSee() {
        String team = SlackRequests.newTeam();
        String admin = SlackRequests.newUser();
        String rep = SlackRequests.newUser();
        String added = SlackRequests.command(team, admin, "holiday add 2027-10-01..2027-10-07 国庆节").toString();
        assertTrue(added.contains("国庆节") && added.contains("2027-10-01..2027-10-07"), added);
        String refused = SlackRequests.command(team, rep, "holiday add 2027-05-01 Labour Day").toString();
        assertTrue(refused.contains("Only a *admin*"), refused);
        String listed = SlackRequests.command(team, rep, "假期").toString();
        assertTrue(listed.contains("国庆节") && !listed.contains("Labour Day"), listed);
        String removed = SlackRequests.command(team, admin, "holiday remove 2027-10-03").toString();
        assertTrue(removed.contains("Removed: 国庆节"), removed);
        String none = SlackRequests.command(team, rep, "holiday list").toString();
        assertTrue(none.contains("No holidays set"), none);
    }

    @Test
    void awayDaysAreValidatedListedAndCancelled() {
        String team = SlackRequests.newTeam();
        String user = SlackRequests.newUser();
        String backwards = SlackRequests.command(team, user, "away 2027-01-10..2027-01-05").toString();
        assertTrue(backwards.contains("ends before it starts"), backwards);
        String past = SlackRequests.command(team, user, "away 2020-01-01").toString();
        assertTrue(past.contains("already over"), past);
        String set = SlackRequests.command(team, user, "away 2027-01-04..2027-01-08").toString();
        assertTrue(set.contains("Welcome back on 2027-01-11"), set);
        assertTrue(SlackRequests.command(team, user, "away list").toString().contains("2027-01-04..2027-01-08"));
        assertTrue(SlackRequests.command(team, user, "away cancel 2027-01-06").toString().contains("Cancelled"));
        assertTrue(SlackRequests.command(team, user, "away list").toString().contains("no away days"));
    }

    @Test
    void workWeekForMeAndForTheTeam() {
        String team = SlackRequests.newTeam();
        String admin = SlackRequests.newUser();
        String rep = SlackRequests.newUser();
        SlackRequests.command(team, admin, "help"); // the first member is the admin
        assertTrue(SlackRequests.command(team, rep, "workweek").toString().contains("*mon-fri* (team default: mon-fri)"));
        assertTrue(SlackRequests.command(team, admin, "workweek sun-thu team").toString().contains("default work week is now *sun-thu*"));
        assertTrue(SlackRequests.command(team, rep, "workweek mon-sat team").toString().contains("Only a *admin*"));
        assertTrue(SlackRequests.command(team, rep, "workweek").toString().contains("*sun-thu*"));
        SlackRequests.command(team, rep, "settings language zh");
        String chinese = SlackRequests.command(team, rep, "工作日 mon-sat").toString();
        assertTrue(chinese.contains("你的工作日已设为 *mon-sat*"), chinese);
        String bad = SlackRequests.command(team, rep, "工作日 tue-wed").toString();
        assertTrue(bad.contains("不在可选范围内"), bad);
    }

    @Test
    void nudgeTimeAndSnoozeButton() {
        String team = SlackRequests.newTeam();
        String user = SlackRequests.newUser();
        assertTrue(SlackRequests.command(team, user, "nudge time 8点半").toString().contains("*08:30*"));
        assertTrue(SlackRequests.command(team, user, "nudge time 25:00").toString().contains("isn't a time"));
        String status = SlackRequests.command(team, user, "nudge").toString();
        assertTrue(status.contains("*08:30*"), status);
        String snoozed = SlackRequests.command(team, user, "nudge snooze").toString();
        assertTrue(snoozed.contains("no more reminders today"), snoozed);
    }
}
