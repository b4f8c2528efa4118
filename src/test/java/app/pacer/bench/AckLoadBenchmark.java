package app.pacer.bench;

import app.pacer.it.BenchSupport;
import app.pacer.it.PacerProcess;
import app.pacer.testing.FakePlatforms;
import app.pacer.testing.TeamsRequests;
import com.slack.api.app_backend.SlackSignature;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * How fast Pacer acknowledges, under load: signed {@code /pacer log 1 calls} slash commands and JWT-signed Teams
 * messages at fixed rates (an open model: latency counts from when a request was due, so a stall is not hidden;
 * after each rate, how long until everything sent was answered), then the commands completed per second (answered,
 * not just acknowledged) by 32 clients in a closed loop — next to a bare Bolt app on the same JVM settings, which
 * only acknowledges.
 * Also: startup to ready (external and embedded database) and resident memory idle and after load.
 */
class AckLoadBenchmark {

    static final int[] RATES = java.util.Arrays.stream(System.getProperty("bench.rates", "50,100,200,300,400,500").split(","))
            .mapToInt(r -> Integer.parseInt(r.strip())).toArray();
    static final Duration STEP = Duration.ofSeconds(Integer.getInteger("bench.stepSeconds", 10));
    static final int USERS = 50;
    /** {@code -Dbench.startup=false}: only the load, when working on it. */
    static final boolean STARTUP = !"false".equals(System.getProperty("bench.startup"));

    @Test
    void acknowledgementUnderLoad() throws Exception {
        String jdbcUrl = BenchSupport.database();
        Map<String, String> fake = new FakePlatforms().start();
        Map<String, String> env = BenchSupport.pacerEnv(jdbcUrl, fake, "off");
        env.put("PACER_TEAMS_APP_ID", fake.get("pacer.teams.app-id"));
        env.put("PACER_TEAMS_APP_PASSWORD", fake.get("pacer.teams.app-password"));
        env.put("PACER_TEAMS_OPENID_METADATA_URL", fake.get("pacer.teams.openid-metadata-url"));
        env.put("PACER_TEAMS_TOKEN_URL", fake.get("pacer.teams.token-url"));
        env.put("PACER_TEAMS_ALLOWED_TENANTS", fake.get("pacer.teams.allowed-tenants"));
        List<String> rows = new ArrayList<>();
        FakePlatforms.record = false; // nothing here reads the calls back (restored for the benchmarks that do)
        try {
            acknowledgement(fake, env, rows);
        } finally {
            FakePlatforms.record = true;
        }
        if (STARTUP) {
            rows.addAll(embeddedStartup(fake));
        }
        Path report = Path.of("target", "bench", "report.md");
        Files.createDirectories(report.getParent());
        String table = "\n| acknowledgement and footprint | p50 | p99 | max | errors | achieved |\n| --- | --- | --- | --- | --- | --- |\n"
                + String.join("\n", rows) + "\n";
        Files.writeString(report, table, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.print(table);
    }

    private static void acknowledgement(Map<String, String> fake, Map<String, String> env, List<String> rows) throws Exception {
        // HTTP/1.1, as Slack and the Bot Framework call Pacer (the JDK client would otherwise upgrade to HTTP/2 and
        // carry every request over one connection), and as the bare Bolt app on the JDK server is called
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Executors.newFixedThreadPool(16)).build();

        if (STARTUP) {
            rows.addAll(externalStartups(env));
        }
        try (PacerProcess pacer = PacerProcess.start(env, "bench-ack")) {
            long idle = rssKb(pacer.pid());
            String team = "TACK" + System.nanoTime();
            IntFunction<HttpRequest> slack = i -> slash(pacer.port(), team, "U" + (100000 + i % USERS), "log 1 calls");
            // every user exists before measuring: first contact does more work than the steady state
            for (int i = 0; i < USERS; i++) {
                http.send(slack.apply(i), HttpResponse.BodyHandlers.discarding());
            }
            Thread.sleep(2000);
            openLoop(http, slack, 100, Duration.ofSeconds(5)); // warm-up
            rows.addAll(rates("Slack /pacer log 1 calls", http, slack, () -> slackProbe(pacer.port(), team)));
            CpuMeter before = CpuMeter.read(pacer.pid());
            double pacerThroughput = completed(http, (client, seq) -> {
                String id = UUID.randomUUID().toString();
                return new Keyed(id, slash(pacer.port(), team, "U" + (100000 + client % USERS), "log 1 calls", id));
            }, 32, STEP);
            String slackCpu = CpuMeter.read(pacer.pid()).perRequest(before, Math.round(pacerThroughput * STEP.toSeconds()));

            String tenant = FakePlatforms.ALLOWED_TENANTS.get(0);
            String token = TeamsRequests.token();
            IntFunction<HttpRequest> teams = i -> teams(pacer.port(), tenant, "29:bench-" + (i % USERS), token);
            for (int i = 0; i < USERS; i++) {
                http.send(teams.apply(i), HttpResponse.BodyHandlers.discarding());
            }
            Thread.sleep(2000);
            openLoop(http, teams, 50, Duration.ofSeconds(5));
            rows.addAll(rates("Teams message log 1 calls", http, teams,
                    () -> new Keyed("a:personal-29:bench-probe", teams(pacer.port(), tenant, "29:bench-probe", token))));
            before = CpuMeter.read(pacer.pid());
            double teamsThroughput = completed(http, (client, seq) -> new Keyed("a:personal-29:bench-" + client,
                    teams(pacer.port(), tenant, "29:bench-" + client, token)), 32, STEP);
            String teamsCpu = CpuMeter.read(pacer.pid()).perRequest(before, Math.round(teamsThroughput * STEP.toSeconds()));
            Thread.sleep(3000);
            long loaded = rssKb(pacer.pid());

            String bolt;
            String ratio;
            String boltCpu = "—";
            try {
                String[] cpu = new String[1];
                double boltThroughput = bareBolt(http, fake, cpu);
                bolt = String.format(Locale.ROOT, "bare Bolt %.0f req/s", boltThroughput);
                ratio = String.format(Locale.ROOT, "ratio %.2f", pacerThroughput / boltThroughput);
                boltCpu = cpu[0];
            } catch (Exception e) {
                bolt = "bare Bolt failed: " + e.getMessage();
                ratio = "—";
            }
            rows.add(row("closed loop, 32 clients, answered: Slack", String.format(Locale.ROOT, "%.0f commands/s", pacerThroughput), bolt, ratio,
                    "", ""));
            rows.add(row("closed loop, 32 clients, answered: Teams", String.format(Locale.ROOT, "%.0f commands/s", teamsThroughput), "", "", "", ""));
            rows.add(row("processor time per request (server / PostgreSQL / load generator and fakes): Slack", slackCpu,
                    "Teams " + teamsCpu, "bare Bolt " + boltCpu, "", ""));
            rows.add(row("resident memory (RSS)", "idle " + idle / 1024 + " MB", "after load " + loaded / 1024 + " MB",
                    "deploy/jvm.options", "", ""));
        }
    }

    record Result(String p50, String p99, String max, String errors, String achieved, long p99Nanos) {
    }

    /** A row per rate, and the highest rate whose p99 stayed under 100 ms with no errors. */
    static List<String> rates(String what, HttpClient http, IntFunction<HttpRequest> request, java.util.function.Supplier<Keyed> probe) throws Exception {
        List<String> rows = new ArrayList<>();
        int held = 0;
        for (int rate : RATES) {
            Result r = openLoop(http, request, rate, STEP);
            double drained = answered(http, probe.get(), Duration.ofSeconds(120));
            rows.add(row(what + " at " + rate + "/s", r.p50(), r.p99(), r.max(), r.errors(),
                    r.achieved() + String.format(Locale.ROOT, "; all answered %.1f s after the last", drained)));
            if (r.errors().equals("0") && r.p99Nanos() < 100_000_000L) {
                held = rate;
            }
        }
        rows.add(row(what + ": highest rate tried with p99 under 100 ms", held == 0 ? "none" : held + "/s", "", "", "", ""));
        return rows;
    }

    static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    /** Requests due at a fixed rate; latency from when each was due to its answer. */
    static Result openLoop(HttpClient http, IntFunction<HttpRequest> request, int rate, Duration length) throws Exception {
        int total = (int) (rate * length.toSeconds());
        long interval = 1_000_000_000L / rate;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> slow = new ConcurrentLinkedQueue<>(); // when the slowest were due, to find causes
        Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> inFlight = new ArrayList<>(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.add(http.sendAsync(request.apply(i), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                if (error != null || response.statusCode() >= 300) {
                    String kind = error != null ? rootCause(error).getClass().getSimpleName() : "HTTP " + response.statusCode();
                    errors.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
                } else {
                    long latency = System.nanoTime() - due;
                    latencies.add(latency);
                    if (latency > 50_000_000L) {
                        slow.add(java.time.LocalTime.now().minusNanos(latency) + " " + latency / 1_000_000 + " ms");
                    }
                }
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get(60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!slow.isEmpty()) {
            System.out.println("over 50 ms at " + rate + "/s (due at, took): " + slow.stream().sorted().toList());
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        int failed = errors.values().stream().mapToInt(AtomicInteger::get).sum();
        String why = errors.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " ×" + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
        return new Result(ms(sorted, 0.50), ms(sorted, 0.99), sorted.isEmpty() ? "—" : fmt(sorted.get(sorted.size() - 1)),
                failed == 0 ? "0" : failed + " (" + why + ")", String.format(Locale.ROOT, "%.0f/s", total / seconds),
                sorted.isEmpty() ? Long.MAX_VALUE : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(0.99 * sorted.size()) - 1)));
    }

    /** A request and the key its answer arrives under at the fake platform (see {@link FakePlatforms#answerAt}). */
    record Keyed(String key, HttpRequest request) {
    }

    /** Seconds until Pacer answers this request: queued work runs in order, so everything sent before is done. */
    static double answered(HttpClient http, Keyed probe, Duration timeout) throws Exception {
        var answer = FakePlatforms.answerAt(probe.key());
        long start = System.nanoTime();
        while (http.send(probe.request(), HttpResponse.BodyHandlers.discarding()).statusCode() >= 300) {
            Thread.sleep(100); // refused while the queue is full: retried, as Slack and Teams would
        }
        answer.get(timeout.toSeconds(), TimeUnit.SECONDS);
        return (System.nanoTime() - start) / 1e9;
    }

    /** One client's next request: whether it counted (answered in time). */
    interface Exchange {
        boolean run(int client, int seq) throws Exception;
    }

    /**
     * Commands completed per second, end to end: each client sends one, waits for Pacer's answer (not just the
     * acknowledgement), then sends the next.
     */
    static double completed(HttpClient http, java.util.function.BiFunction<Integer, Integer, Keyed> request, int clients,
            Duration length) throws Exception {
        return closedLoop(clients, length, (client, seq) -> {
            Keyed next = request.apply(client, seq);
            var answer = FakePlatforms.answerAt(next.key());
            if (http.send(next.request(), HttpResponse.BodyHandlers.discarding()).statusCode() >= 300) {
                return false;
            }
            answer.get(30, TimeUnit.SECONDS);
            return true;
        });
    }

    /** The most acknowledged per second by {@code clients} clients each sending as soon as the last answer came. */
    static double closedLoop(HttpClient http, IntFunction<HttpRequest> request, int clients, Duration length) throws Exception {
        AtomicInteger sequence = new AtomicInteger();
        return closedLoop(clients, length, (client, seq) ->
                http.send(request.apply(sequence.incrementAndGet()), HttpResponse.BodyHandlers.discarding()).statusCode() < 300);
    }

    /** {@code clients} threads running exchanges back to back for {@code length}: those that counted, per second. */
    static double closedLoop(int clients, Duration length, Exchange exchange) throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + length.toNanos();
        var pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            pool.submit(() -> {
                for (int seq = 0; System.nanoTime() < end; seq++) {
                    try {
                        if (exchange.run(client, seq) && System.nanoTime() < end) {
                            done.incrementAndGet();
                        }
                    } catch (Exception e) {
                        // counted as not done
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(length.toSeconds() + 60, TimeUnit.SECONDS);
        return done.get() / (double) length.toSeconds();
    }

    /** The bare Bolt app, same JVM settings, same load. */
    static double bareBolt(HttpClient http, Map<String, String> fake, String[] cpu) throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(PacerProcess.jvm());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BareBoltApp.class.getName(), String.valueOf(port),
                FakePlatforms.SIGNING_SECRET, fake.get("pacer.slack.api-url"), "xoxb-bench-0000000000-barebolt"));
        Process bolt = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "bench-bare-bolt.log").toFile())).start();
        try {
            IntFunction<HttpRequest> slack = i -> slash(port, "TBARE", "U" + (100000 + i % USERS), "log 1 calls");
            long deadline = System.nanoTime() + 30_000_000_000L;
            String last = "no answer";
            while (true) {
                try {
                    HttpResponse<String> probe = http.send(slack.apply(0), HttpResponse.BodyHandlers.ofString());
                    if (probe.statusCode() == 200) {
                        break;
                    }
                    last = "HTTP " + probe.statusCode() + " " + probe.body();
                } catch (java.io.IOException notYet) {
                    last = notYet.toString();
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the bare Bolt app did not answer 200 (" + last + "); see target/bench-bare-bolt.log");
                }
                Thread.sleep(200);
            }
            openLoop(http, slack, 100, Duration.ofSeconds(5));
            CpuMeter before = CpuMeter.read(bolt.pid());
            double throughput = closedLoop(http, slack, 32, STEP);
            cpu[0] = CpuMeter.read(bolt.pid()).perRequest(before, Math.round(throughput * STEP.toSeconds()));
            return throughput;
        } finally {
            bolt.destroy();
            bolt.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Startup with the embedded PostgreSQL: the first (the cluster is created) and a second one. */
    /**
     * Startup to ready with an external database, three times each (the median, then the range): as the image
     * runs Pacer (with the class archive of a training run, {@link PacerProcess#train}) and without the archive.
     */
    static List<String> externalStartups(Map<String, String> env) throws Exception {
        PacerProcess.train(env);
        Map<String, String> plain = new HashMap<>(env);
        plain.put(PacerProcess.WITHOUT_ARCHIVE, "yes");
        List<String> rows = new ArrayList<>();
        for (var run : List.of(Map.entry("startup to ready, external PostgreSQL", env),
                Map.entry("startup to ready, external PostgreSQL, without the class archive", plain))) {
            double[] seconds = new double[3];
            for (int i = 0; i < seconds.length; i++) {
                long starting = System.nanoTime();
                try (PacerProcess pacer = PacerProcess.start(run.getValue(), "bench-startup")) {
                    seconds[i] = (System.nanoTime() - starting) / 1e9;
                }
            }
            java.util.Arrays.sort(seconds);
            rows.add(row(run.getKey(), String.format(Locale.ROOT, "%.2f s", seconds[1]),
                    String.format(Locale.ROOT, "%.2f–%.2f s", seconds[0], seconds[2]), "", "", "median of 3, then the range"));
        }
        return rows;
    }

    static List<String> embeddedStartup(Map<String, String> fake) throws Exception {
        Path dir = Files.createTempDirectory("pacer-bench-embedded");
        Map<String, String> env = new HashMap<>();
        env.put("PACER_DATA_DIR", dir.toString());
        env.put("PACER_EMBEDDED_DB_PORT", String.valueOf(freePort()));
        env.put("PACER_SLACK_SIGNING_SECRET", FakePlatforms.SIGNING_SECRET);
        env.put("PACER_SLACK_API_URL", fake.get("pacer.slack.api-url"));
        for (String tick : List.of("PACER_NUDGE_TICK", "PACER_DIGEST_TICK", "PACER_SURVEY_TICK", "PACER_REVIEW_TICK")) {
            env.put(tick, "off");
        }
        List<String> rows = new ArrayList<>();
        for (String which : List.of("first start", "restart")) {
            long starting = System.nanoTime();
            try (PacerProcess pacer = PacerProcess.start(env, "bench-embedded")) {
                rows.add(row("startup to ready, embedded PostgreSQL (" + which + ")",
                        String.format(Locale.ROOT, "%.2f s", (System.nanoTime() - starting) / 1e9), "", "", "", ""));
            }
        }
        return rows;
    }

    static int freePort() throws java.io.IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static HttpRequest slash(int port, String team, String user, String text) {
        return slash(port, team, user, text, UUID.randomUUID().toString());
    }

    static HttpRequest slash(int port, String team, String user, String text, String responseId) {
        String body = "team_id=" + team + "&team_domain=bench&channel_id=C0BENCH&channel_name=bench&user_id=" + user
                + "&user_name=" + user.toLowerCase(Locale.ROOT) + "&command=%2Fpacer&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
                + "&response_url=" + URLEncoder.encode(FakePlatforms.responseUrl(responseId), StandardCharsets.UTF_8)
                + "&trigger_id=1.2.3";
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        String signature = new SlackSignature.Generator(FakePlatforms.SIGNING_SECRET).generate(timestamp, body);
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static Keyed slackProbe(int port, String team) {
        String id = UUID.randomUUID().toString();
        return new Keyed(id, slash(port, team, "U100000", "log 1 calls", id));
    }

    static HttpRequest teams(int port, String tenant, String user, String token) {
        var activity = TeamsRequests.message(tenant, user, "log 1 calls");
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/messages"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(activity.toString())).build();
    }

    static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    static long rssKb(long pid) throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    static String ms(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return "—";
        }
        return fmt(sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)));
    }

    static String fmt(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
