package app.pacer.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.db.EmbeddedDatabase;
import app.pacer.testing.FakePlatforms;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pacer is SIGKILLed in the middle of sending 500 nudges, then started again: every nudge must arrive, and
 * none twice (Slack messages carry their key, and a retried row checks the history before resending).
 */
class CrashRecoveryIT {

    static final int MEMBERS = 500;

    @Test
    void killedMidSendAndRestartedDeliversEveryNudgeOnce() throws Exception {
        String jdbcUrl = database();
        Map<String, String> fake = fake();
        Map<String, String> env = BenchSupport.pacerEnv(jdbcUrl, fake, "1s");
        env.put("PACER_DELIVERY_LEASE", "5s");
        env.put("PACER_DELIVERY_SLACK_WORKSPACE_RATE", "100");

        NudgeFixture fixture = new NudgeFixture(jdbcUrl);
        PacerProcess first = PacerProcess.start(env, "crash-first");
        String workspace = fixture.seed("TCRASH", MEMBERS);
        // let it get some way in, then pull the plug
        await().atMost(Duration.ofSeconds(60)).until(() -> sent(fixture, workspace) >= 100);
        first.kill();
        long atKill = sent(fixture, workspace);
        assertTrue(atKill < MEMBERS, "killed mid-send, not after: " + atKill);

        try (PacerProcess second = PacerProcess.start(env, "crash-second")) {
            await().atMost(Duration.ofSeconds(120)).until(() -> fixture.outbox(workspace).stream()
                    .filter(r -> r[1].equals("SENT")).count() == MEMBERS);
        }
        List<String[]> rows = fixture.outbox(workspace);
        assertEquals(MEMBERS, rows.size(), "one nudge per member enqueued");
        long lost = rows.stream().filter(r -> FakePlatforms.postsWithKey(r[0]) == 0).count();
        long duplicated = rows.stream().filter(r -> FakePlatforms.postsWithKey(r[0]) > 1).count();
        assertEquals(0, lost, "lost");
        assertEquals(0, duplicated, "duplicated");
    }

    /**
     * Two replicas share the work; one is SIGKILLed mid-run, then the other is stopped with SIGTERM (gracefully)
     * before the end, and a third finishes: every nudge arrives, none twice.
     */
    @Test
    void oneOfTwoReplicasKilledTheOtherStoppedGracefullyEveryNudgeOnce() throws Exception {
        String jdbcUrl = database();
        Map<String, String> env = BenchSupport.pacerEnv(jdbcUrl, fake(), "1s");
        env.put("PACER_DELIVERY_LEASE", "5s");
        env.put("PACER_DELIVERY_SLACK_WORKSPACE_RATE", "50");
        NudgeFixture fixture = new NudgeFixture(jdbcUrl);
        PacerProcess a = PacerProcess.start(env, "replica-a");
        PacerProcess b = PacerProcess.start(env, "replica-b");
        String workspace = fixture.seed("TREPLICA", MEMBERS);
        await().atMost(Duration.ofSeconds(60)).until(() -> sent(fixture, workspace) >= 100);
        a.kill();
        await().atMost(Duration.ofSeconds(60)).until(() -> sent(fixture, workspace) >= 250);
        b.close(); // SIGTERM: in-flight sends finish, nothing is left half-done
        assertTrue(sent(fixture, workspace) < MEMBERS, "stopped before the end");
        try (PacerProcess c = PacerProcess.start(env, "replica-c")) {
            await().atMost(Duration.ofSeconds(120)).until(() -> sent(fixture, workspace) == MEMBERS);
        }
        List<String[]> rows = fixture.outbox(workspace);
        assertEquals(MEMBERS, rows.size());
        assertEquals(0, rows.stream().filter(r -> FakePlatforms.postsWithKey(r[0]) == 0).count(), "lost");
        assertEquals(0, rows.stream().filter(r -> FakePlatforms.postsWithKey(r[0]) > 1).count(), "duplicated");
    }

    private static long sent(NudgeFixture fixture, String workspace) throws Exception {
        return fixture.outbox(workspace).stream().filter(r -> r[1].equals("SENT")).count();
    }

    private static String jdbcUrl;
    private static Map<String, String> fake;

    /** One fresh database for the class: member ids (and so nudge keys) never repeat between its tests. */
    private static synchronized String database() {
        if (jdbcUrl == null) {
            jdbcUrl = EmbeddedDatabase.start(Path.of("target", "it-postgres").toAbsolutePath(), 54349, true)
                    .jdbcUrlWithCredentials();
        }
        return jdbcUrl;
    }

    private static synchronized Map<String, String> fake() {
        if (fake == null) {
            fake = new FakePlatforms().start();
        }
        return fake;
    }

}
