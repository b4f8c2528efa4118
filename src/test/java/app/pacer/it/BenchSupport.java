package app.pacer.it;

import static org.awaitility.Awaitility.await;

import app.pacer.testing.FakePlatforms;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs Pacer as a process against a fake Slack and a seeded database, for the benchmarks. */
public final class BenchSupport {

    private BenchSupport() {
    }

    public record Result(double seconds, long duplicates, long lost) {
    }

    private static String database;

    /** The benchmarks' database: {@code BENCH_JDBC_URL}, else an embedded one started fresh once per run. */
    public static synchronized String database() {
        if (database == null) {
            database = System.getenv("BENCH_JDBC_URL") != null ? System.getenv("BENCH_JDBC_URL")
                    : app.pacer.db.EmbeddedDatabase.start(java.nio.file.Path.of("target", "bench-postgres").toAbsolutePath(),
                            54359, true);
        }
        return database;
    }

    public static Result nudgeFanOut(String jdbcUrl, Map<String, String> fake, int members, double workspaceRate)
            throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("PACER_SLACK_SIGNING_SECRET", FakePlatforms.SIGNING_SECRET);
        env.put("PACER_SLACK_BOT_TOKEN", FakePlatforms.BOT_TOKEN);
        env.put("PACER_SLACK_API_URL", fake.get("pacer.slack.api-url"));
        env.put("PACER_NUDGE_TICK", "1s");
        env.put("PACER_DELIVERY_SLACK_WORKSPACE_RATE", String.valueOf(workspaceRate));
        NudgeFixture fixture = new NudgeFixture(jdbcUrl);
        try (PacerProcess pacer = PacerProcess.start(env, "bench-nudges")) {
            String workspace = fixture.seed("TBENCH" + System.nanoTime(), members);
            await().atMost(Duration.ofSeconds((long) (members / workspaceRate * 3) + 120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> fixture.outbox(workspace).stream().filter(r -> r[1].equals("SENT")).count() == members);
            List<String[]> rows = fixture.outbox(workspace);
            long duplicates = rows.stream().filter(r -> FakePlatforms.postsWithKey(r[0]) > 1).count();
            long lost = members - rows.stream().filter(r -> FakePlatforms.postsWithKey(r[0]) >= 1).count();
            return new Result(fixture.deliverySeconds(workspace), duplicates, lost);
        }
    }
}
