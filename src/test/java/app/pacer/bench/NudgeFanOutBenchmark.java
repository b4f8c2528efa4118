package app.pacer.bench;


import app.pacer.it.BenchSupport;
import app.pacer.testing.FakePlatforms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Nudge fan-out: 10,000 members' nudges through a fake Slack that allows 1 message a second per channel and
 * 100 a second per workspace (answering 429 with Retry-After above that). Ideal: 10,000 / 100 = 100 s.
 * Run with {@code ./mvnw -Pbench verify}; the figures go to {@code target/bench/report.md}.
 */
class NudgeFanOutBenchmark {

    static final int MEMBERS = Integer.getInteger("bench.members", 10_000);
    static final double WORKSPACE_RATE = 100;

    @Test
    void tenThousandNudges() throws Exception {
        // a database of its own: Pacer nudges every workspace it holds, and the other benchmarks' teams (with a
        // million log entries) would share its senders and its cores with the fan-out being measured
        String jdbcUrl = app.pacer.it.BenchSupport.freshDatabase(app.pacer.it.BenchSupport.database(), "pacer_bench_nudges");
        Map<String, String> fake = new FakePlatforms().start();
        FakePlatforms.SLACK_WORKSPACE_LIMIT = WORKSPACE_RATE;
        BenchSupport.Result result = BenchSupport.nudgeFanOut(jdbcUrl, fake, MEMBERS, WORKSPACE_RATE);
        double ideal = MEMBERS / WORKSPACE_RATE;
        String row = String.format(Locale.ROOT, "| nudge fan-out | %,d members | %.1f s | %.1f s | %.2f× | %d | %d | %d |%n",
                MEMBERS, result.seconds(), ideal, result.seconds() / ideal, result.duplicates(), result.lost(),
                FakePlatforms.RATE_LIMITED.get());
        Path report = Path.of("target", "bench", "report.md");
        Files.createDirectories(report.getParent());
        if (!Files.exists(report)) {
            Files.writeString(report, "# Pacer benchmarks\n\n| benchmark | size | time | ideal | ratio | duplicates | lost | 429s seen |\n"
                    + "| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        }
        Files.writeString(report, row, StandardOpenOption.APPEND);
        System.out.print(row);
    }
}
