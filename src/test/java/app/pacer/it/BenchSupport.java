package app.pacer.it;

import static org.awaitility.Awaitility.await;

import app.pacer.testing.FakePlatforms;
import com.slack.api.app_backend.SlackSignature;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
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
                            54359, true).jdbcUrlWithCredentials();
        }
        return database;
    }

    /** An empty database {@code name} on the server of {@code jdbcUrl} (dropped first if it is there), and its URL. */
    public static String freshDatabase(String jdbcUrl, String name) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl, "postgres", "");
                java.sql.Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        }
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        return base.substring(0, base.lastIndexOf('/') + 1) + name + (query < 0 ? "" : jdbcUrl.substring(query));
    }

    /** The environment of a Pacer process talking to the fake Slack and the given database. */
    public static Map<String, String> pacerEnv(String jdbcUrl, Map<String, String> fake, String nudgeTick) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("PACER_SLACK_SIGNING_SECRET", FakePlatforms.SIGNING_SECRET);
        env.put("PACER_SLACK_BOT_TOKEN", FakePlatforms.BOT_TOKEN);
        env.put("PACER_SLACK_API_URL", fake.get("pacer.slack.api-url"));
        env.put("PACER_NUDGE_TICK", nudgeTick);
        if (nudgeTick.equals("off")) {
            // the other ticks stop with it; otherwise they keep their own (minute) pace
            for (String tick : List.of("PACER_DIGEST_TICK", "PACER_SURVEY_TICK", "PACER_REVIEW_TICK")) {
                env.put(tick, "off");
            }
        }
        return env;
    }

    public static Result nudgeFanOut(String jdbcUrl, Map<String, String> fake, int members, double workspaceRate)
            throws Exception {
        Map<String, String> env = pacerEnv(jdbcUrl, fake, "1s");
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

    /** p50, p95, max in ms of the time from a signed request to the answer at the response_url. */
    public static double[] measure(int port, String team, String user, String command, int runs, int warmUp) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<Double> times = new ArrayList<>();
        for (int run = 0; run < runs + warmUp; run++) {
            String responseId = UUID.randomUUID().toString();
            String body = "team_id=" + team + "&team_domain=bench&channel_id=C0BENCH&channel_name=bench&user_id=U00000001"
                    + "&user_name=rep1&command=%2Fpacer&text=" + URLEncoder.encode(command, StandardCharsets.UTF_8)
                    + "&response_url=" + URLEncoder.encode(FakePlatforms.responseUrl(responseId), StandardCharsets.UTF_8)
                    + "&trigger_id=1.2.3";
            String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
            String signature = new SlackSignature.Generator(FakePlatforms.SIGNING_SECRET).generate(timestamp, body);
            var answer = FakePlatforms.answerAt(responseId);
            long start = System.nanoTime();
            HttpResponse<String> ack = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("X-Slack-Request-Timestamp", timestamp)
                    .header("X-Slack-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (ack.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + ack.statusCode());
            }
            FakePlatforms.Call answered;
            try {
                answered = answer.get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("no answer to " + command);
            }
            if (run >= warmUp) {
                times.add((answered.receivedNanos() - start) / 1e6);
            }
        }
        times.sort(Double::compare);
        if (times.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        return new double[] {times.get(times.size() / 2), times.get((int) Math.ceil(times.size() * 0.95) - 1),
            times.get(times.size() - 1)};
    }

    /** The cumulative buckets of a Prometheus histogram at {@code /q/metrics}: upper bound in seconds → count. */
    public static java.util.TreeMap<Double, Double> histogram(int port, String metric) throws Exception {
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        var pattern = java.util.regex.Pattern.compile("^" + metric + "_bucket\\{.*le=\"([^\"]+)\".*\\} ([0-9.eE+-]+)$",
                java.util.regex.Pattern.MULTILINE);
        var buckets = new java.util.TreeMap<Double, Double>();
        var m = pattern.matcher(text);
        while (m.find()) {
            buckets.merge(m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1)),
                    Double.parseDouble(m.group(2)), Double::sum);
        }
        return buckets;
    }

    /**
     * The upper bound (ms) of the bucket holding the given quantile of what was observed between two readings of
     * one histogram: "at most this", as exact as the buckets.
     */
    public static double quantileBound(java.util.TreeMap<Double, Double> before, java.util.TreeMap<Double, Double> after, double q) {
        double total = after.lastEntry().getValue() - before.getOrDefault(after.lastKey(), 0.0);
        for (var bucket : after.entrySet()) {
            double seen = bucket.getValue() - before.getOrDefault(bucket.getKey(), 0.0);
            if (total > 0 && seen >= q * total) {
                return bucket.getKey() * 1000;
            }
        }
        return Double.NaN;
    }
}
