package app.pacer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.testing.FakePlatforms;
import com.slack.api.app_backend.SlackSignature;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The database goes away for 30 seconds while commands arrive: every command is still answered within 3 seconds,
 * with "temporarily unavailable"; readiness goes down and comes back by itself; nothing from the outage is stored.
 */
class DatabaseOutageIT {

    static final Duration OUTAGE = Duration.ofSeconds(Integer.getInteger("fault.outageSeconds", 30));
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void commandsDuringAnOutageAreAnsweredAndNothingIsHalfWritten() throws Exception {
        String jdbcUrl = BenchSupport.database();
        Matcher port = Pattern.compile("//[^:/]+:(\\d+)/").matcher(jdbcUrl);
        assertTrue(port.find(), jdbcUrl);
        Map<String, String> fake = new FakePlatforms().start();
        try (TcpProxy proxy = new TcpProxy(Integer.parseInt(port.group(1)))) {
            String viaProxy = jdbcUrl.replaceFirst("//([^:/]+):\\d+/", "//127.0.0.1:" + proxy.port() + "/");
            try (PacerProcess pacer = PacerProcess.start(BenchSupport.pacerEnv(viaProxy, fake, "off"), "fault-outage")) {
                String team = "TOUT" + System.nanoTime();
                assertTrue(answer(pacer, team, "U1", "log 1 calls").contains("Logged"), "before the outage");

                proxy.down();
                long outageStart = System.nanoTime();
                List<Long> answerMillis = new ArrayList<>();
                boolean readinessWentDown = false;
                int sent = 0;
                while (System.nanoTime() - outageStart < OUTAGE.toNanos()) {
                    String user = sent % 2 == 0 ? "U1" : "U" + (100 + sent); // a known member, and someone new
                    long start = System.nanoTime();
                    String text = answer(pacer, team, user, "log 1 calls");
                    answerMillis.add((System.nanoTime() - start) / 1_000_000);
                    assertTrue(text.contains("temporarily unavailable"), "during the outage: " + text);
                    sent++;
                    readinessWentDown |= ready(pacer) == 503;
                    Thread.sleep(1000);
                }
                long slowest = answerMillis.stream().mapToLong(Long::longValue).max().orElse(0);
                assertTrue(slowest <= 3000, "every command answered within 3 s; slowest " + slowest + " ms of " + answerMillis);
                assertTrue(readinessWentDown, "readiness reports the outage");

                proxy.up();
                long recovering = System.nanoTime();
                while (ready(pacer) != 200) {
                    assertTrue(System.nanoTime() - recovering < 60_000_000_000L, "ready again within a minute");
                    Thread.sleep(500);
                }
                assertTrue(answer(pacer, team, "U1", "log 1 calls").contains("Logged"), "after the outage");
                assertEquals(2, entries(jdbcUrl, team), "the two confirmed entries, none of the " + sent + " from the outage");
                System.out.printf("Outage of %d s: %d commands, all answered 'temporarily unavailable', slowest %d ms; "
                        + "ready again %.1f s after the database came back%n", OUTAGE.toSeconds(), sent, slowest,
                        (System.nanoTime() - recovering) / 1e9);
            }
        }
    }

    private String answer(PacerProcess pacer, String team, String user, String text) throws Exception {
        String responseId = UUID.randomUUID().toString();
        String body = "team_id=" + team + "&team_domain=outage&channel_id=C0OUT&channel_name=outage&user_id=" + user
                + "&user_name=" + user.toLowerCase() + "&command=%2Fpacer&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
                + "&response_url=" + URLEncoder.encode(FakePlatforms.responseUrl(responseId), StandardCharsets.UTF_8)
                + "&trigger_id=1.2.3";
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        HttpResponse<String> ack = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pacer.port() + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", new SlackSignature.Generator(FakePlatforms.SIGNING_SECRET).generate(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ack.statusCode(), "Slack is acknowledged at once, whatever the database does");
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<FakePlatforms.Call> calls;
        while ((calls = FakePlatforms.calls("POST", "/slack/response/" + responseId)).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "no answer to " + text);
            Thread.sleep(20);
        }
        return calls.get(0).body().toString();
    }

    private int ready(PacerProcess pacer) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pacer.port() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static long entries(String jdbcUrl, String team) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM log_entry e JOIN workspace w ON w.id = e.workspace_id "
                     + "WHERE w.external_id = '" + team + "'")) {
            r.next();
            return r.getLong(1);
        }
    }
}
