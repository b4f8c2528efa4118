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
        String jdbcUrl = EmbeddedDatabase.start(Path.of("target", "it-postgres").toAbsolutePath(), 54349, true);
        Map<String, String> fake = new FakePlatforms().start();
        Map<String, String> env = BenchSupport.pacerEnv(jdbcUrl, fake, "1s");
        env.put("PACER_DELIVERY_LEASE", "5s");
        env.put("PACER_DELIVERY_SLACK_WORKSPACE_RATE", "100");

        NudgeFixture fixture = new NudgeFixture(jdbcUrl);
        PacerProcess first = PacerProcess.start(env, "crash-first");
        String workspace = fixture.seed("TCRASH", MEMBERS);
        // let it get some way in, then pull the plug
        await().atMost(Duration.ofSeconds(60)).until(() -> sentCount(workspace) >= 100);
        first.kill();
        long atKill = sentCount(workspace);
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

    private static long sentCount(String workspace) {
        return FakePlatforms.SLACK_HISTORY.values().stream().flatMap(List::stream)
                .filter(m -> m.path("metadata").path("event_payload").path("key").asText().startsWith("nudge:")).count();
    }
}
