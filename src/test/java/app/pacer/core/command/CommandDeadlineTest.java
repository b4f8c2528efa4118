package app.pacer.core.command;

import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.testing.FakePlatforms;
import app.pacer.testing.SlackRequests;
import app.pacer.testing.TeamsRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A command that would take a minute is stopped at its budget (3 s here, {@link ShortDeadlineProfile}): the member is
 * told, in their language, and the worker is free again. Bounds are generous: a minute against seconds.
 */
@QuarkusTest
@TestProfile(ShortDeadlineProfile.class)
class CommandDeadlineTest {

    @Test
    void aSlowCommandIsStoppedAndTheWorkerReleased() throws Exception {
        String team = SlackRequests.newTeam();
        String user = SlackRequests.newUser();
        SlackRequests.command(team, user, "help"); // the member exists, the code paths are warm
        SlowCommands.released = new CountDownLatch(1);
        long start = System.nanoTime();
        String answer = SlackRequests.command(team, user, "slow-sleep").toString();
        assertTrue(answer.contains("that took too long and was stopped"), answer);
        assertTrue(SlowCommands.released.await(15, TimeUnit.SECONDS), "the sleeping worker was interrupted");
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "answered long before the minute was up");
        String next = SlackRequests.command(team, user, "help").toString();
        assertTrue(next.contains("help"), next);
    }

    @Test
    void sqlIsBoundedByTheStatementTimeoutAndTheAnswerIsInTheMembersLanguage() {
        String team = SlackRequests.newTeam();
        String user = SlackRequests.newUser();
        SlackRequests.command(team, user, "settings language zh");
        String answer = SlackRequests.command(team, user, "slow-sql").toString();
        assertTrue(answer.contains("处理时间过长，已被中止"), answer);
    }

    @Test
    void teamsIsToldToo() {
        String tenant = FakePlatforms.ALLOWED_TENANTS.get(0);
        String answer = TypedTextCapTest.send(TeamsRequests.message(tenant, TeamsRequests.newUser(), "slow-sql")).toString();
        assertTrue(answer.contains("that took too long and was stopped"), answer);
    }
}
