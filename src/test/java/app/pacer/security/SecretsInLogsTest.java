package app.pacer.security;

import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.testing.FakePlatforms;
import app.pacer.testing.LogCapture;
import app.pacer.testing.SlackRequests;
import app.pacer.testing.SlackTeam;
import app.pacer.testing.TeamsRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No secret ever reaches a log line: the Slack signing secret and bot token, the Teams app password, inbound
 * bearer tokens and the outbound connector token, feedback link tokens and export tokens. Two nets: a handler
 * on the root logger for the flows this class drives (every secret used, right and wrong), and the test
 * profile's log file ({@code target/pacer-test.log}), which holds everything the test JVM logged before —
 * all the other test classes that ran first, at DEBUG for Pacer's own categories.
 */
@QuarkusTest
class SecretsInLogsTest {

    private static LogCapture logs;

    /** Issued JWTs start with a base64url JSON header; Slack tokens with xox?-. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}");
    private static final Pattern FEEDBACK_LINK = Pattern.compile("/f/([0-9a-f]{32}\\.[A-Za-z0-9_-]{43})");
    private static final Pattern EXPORT_LINK = Pattern.compile("/exports/([0-9a-f]{64})");

    @BeforeAll
    static void capture() {
        logs = LogCapture.start();
    }

    @AfterAll
    static void release() {
        logs.close();
    }

    @Test
    void noSecretIsEverLogged() throws IOException {
        List<String> secrets = new ArrayList<>(List.of(FakePlatforms.SIGNING_SECRET, FakePlatforms.BOT_TOKEN,
                FakePlatforms.TEAMS_PASSWORD, "connector-token-1"));

        // Slack: good and bad signatures, commands that make a feedback link and an export
        SlackTeam t = SlackTeam.withManager();
        SlackRequests.command(t.id(), t.rep(), "lead add \"Secret Log Co\" email=a@b.example");
        String link = SlackRequests.command(t.id(), t.rep(), "feedback link 1").toString();
        Matcher feedback = FEEDBACK_LINK.matcher(link);
        assertTrue(feedback.find(), link);
        secrets.add(feedback.group(1));
        RestAssured.given().get("/f/" + feedback.group(1)).then().statusCode(200);
        RestAssured.given().contentType("application/x-www-form-urlencoded").formParam("score", "5").formParam("comment", "ok")
                .post("/f/" + feedback.group(1)).then().statusCode(org.hamcrest.Matchers.lessThan(500));
        RestAssured.given().get("/f/" + feedback.group(1)).then().statusCode(org.hamcrest.Matchers.lessThan(500));
        RestAssured.given().get("/f/" + feedback.group(1).substring(0, 40) + "x".repeat(35)).then().statusCode(404);

        String tenant = FakePlatforms.SECURITY_TENANT;
        String teamsUser = TeamsRequests.newUser();
        TeamsRequests.post(TeamsRequests.message(tenant, teamsUser, "lead add \"Teams Secret Co\"")).then().statusCode(200);
        String exportLink = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> {
            TeamsRequests.post(TeamsRequests.message(tenant, teamsUser, "lead export")).then().statusCode(200);
            return FakePlatforms.calls("POST", "a:personal-" + teamsUser).stream().map(c -> c.body().toString())
                    .filter(b -> EXPORT_LINK.matcher(b).find()).findFirst();
        }, java.util.Optional::isPresent).get();
        Matcher export = EXPORT_LINK.matcher(exportLink);
        assertTrue(export.find());
        secrets.add(export.group(1));
        RestAssured.given().get("/exports/" + export.group(1)).then().statusCode(200);

        long now = Instant.now().getEpochSecond();
        SlackRequests.post("text=help", "application/x-www-form-urlencoded", now, (ts, b) -> "v0=" + "1".repeat(64)).then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        SlackRequests.post("text=help", "application/x-www-form-urlencoded", now - 900, SlackRequests.SIGN).then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        String bearer = TeamsRequests.token();
        String expired = TeamsRequests.token(FakePlatforms.SIGNING_KEY, FakePlatforms.KEY_ID, FakePlatforms.TEAMS_APP_ID,
                FakePlatforms.serviceUrl(), Instant.now().minusSeconds(900));
        String otherApp = TeamsRequests.token(FakePlatforms.SIGNING_KEY, FakePlatforms.KEY_ID, "another-app",
                FakePlatforms.serviceUrl(), Instant.now().plusSeconds(900));
        secrets.addAll(List.of(bearer, expired, otherApp));
        TeamsRequests.post(TeamsRequests.message(tenant, TeamsRequests.newUser(), "help"), "Bearer " + bearer).then().statusCode(200);
        TeamsRequests.post(TeamsRequests.message(tenant, TeamsRequests.newUser(), "help"), "Bearer " + expired).then().statusCode(401);
        TeamsRequests.post(TeamsRequests.message(tenant, TeamsRequests.newUser(), "help"), "Bearer " + otherApp).then().statusCode(401);
        TeamsRequests.post(TeamsRequests.message("tenant-evil", TeamsRequests.newUser(), "help"), "Bearer " + bearer).then().statusCode(401);
        SlackRequests.event(SlackRequests.JSON.createObjectNode().put("type", "event_callback").put("team_id", t.id()), Map.of());
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }

        List<String> lines = new ArrayList<>(logs.lines());
        Path file = Path.of("target/pacer-test.log");
        if (Files.exists(file)) {
            lines.addAll(Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream()
                    .map(l -> new String(l.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)).toList());
        }
        System.out.printf("SecretsInLogsTest: %d captured log records + %d lines in %s checked against %d secrets and 3 patterns%n",
                logs.lines().size(), lines.size() - logs.lines().size(), file, secrets.size());
        assertTrue(logs.lines().size() > 0, "the capture saw nothing: the handler is not attached");
        List<String> leaks = new ArrayList<>();
        for (String line : lines) {
            for (String secret : secrets) {
                if (line.contains(secret)) {
                    leaks.add("secret " + secret.substring(0, Math.min(8, secret.length())) + "… in: " + CommandFuzzTest.abbreviate(line));
                }
            }
            for (Pattern p : List.of(JWT, FEEDBACK_LINK, EXPORT_LINK)) {
                if (p.matcher(line).find()) {
                    leaks.add(p.pattern() + " in: " + CommandFuzzTest.abbreviate(line));
                }
            }
        }
        leaks.stream().distinct().limit(20).forEach(l -> System.out.println("  LEAK: " + l));
        assertTrue(leaks.isEmpty(), () -> leaks.size() + " leaks, first: " + leaks.get(0));
    }
}
