package app.pacer.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.core.org.Platform;
import app.pacer.core.org.WorkspaceRepository;
import app.pacer.testing.FakePlatforms;
import app.pacer.testing.SlackRequests;
import app.pacer.testing.TeamsRequests;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bodies over 1 MB are refused with 413 by the HTTP layer ({@code quarkus.http.limits.max-body-size}), before
 * Pacer reads them — so before any signature or token work — and nothing is stored. Just under the limit
 * still reaches the endpoint (and is refused there for its own reasons, never a 500).
 */
@QuarkusTest
class BodySizeLimitTest {

    private static final int MB = 1024 * 1024;

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    EntityManager em;

    private static String slackBody(String team, String responseId, int size) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("team_id", team);
        form.put("user_id", SlackRequests.newUser());
        form.put("command", "/pacer");
        form.put("response_url", FakePlatforms.responseUrl(responseId));
        form.put("trigger_id", "1.2.3");
        form.put("text", "lead note 1 ");
        String head = SlackRequests.formBody(form);
        return head + "x".repeat(Math.max(0, size - head.length()));
    }

    /**
     * Sends the request head announcing {@code length} bytes (or chunked when negative), then up to
     * {@code send} bytes of body, and returns the status line. Raw, because the server answers 413 and closes
     * while an ordinary client is still writing.
     */
    private static String rawPost(String path, String headers, long length, int send) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n" + headers
                    + (length >= 0 ? "Content-Length: " + length + "\r\n" : "Transfer-Encoding: chunked\r\n") + "\r\n";
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.flush();
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'a');
            try {
                for (int sent = 0; sent < send; sent += chunk.length) {
                    if (length < 0) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.UTF_8));
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.UTF_8));
                    } else {
                        out.write(chunk);
                    }
                }
                out.flush();
            } catch (java.io.IOException refusedWhileWriting) {
                // the server has answered and closed: read what it said
            }
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    @Test
    void slackBodiesOverOneMegabyteAreRefusedBeforeTheyAreRead() throws Exception {
        String team = SlackRequests.newTeam();
        String responseId = UUID.randomUUID().toString();
        String body = slackBody(team, responseId, MB + 1);
        long now = Instant.now().getEpochSecond();
        String signed = "X-Slack-Request-Timestamp: " + now + "\r\nX-Slack-Signature: " + SlackRequests.SIGN.sign(now, body)
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\n";
        // correctly signed, and not one byte of the body sent: the announced length alone refuses it
        long start = System.nanoTime();
        String status = rawPost("/slack/events", signed, body.length(), 0);
        System.out.printf("BodySizeLimitTest: %s for a signed 1 MB + 1 slash command, body unsent, in %d ms%n", status,
                (System.nanoTime() - start) / 1_000_000);
        assertTrue(status.startsWith("HTTP/1.1 413"), status);
        assertTrue(rawPost("/slack/events", "Content-Type: application/json\r\n", 8L * MB, 8 * MB).startsWith("HTTP/1.1 413"));
        // chunked, no length to refuse up front: cut off while reading
        assertTrue(rawPost("/slack/events", signed, -1, 2 * MB).startsWith("HTTP/1.1 413"));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> workspaces.find(Platform.SLACK, team)).isEmpty());
        assertTrue(FakePlatforms.calls("POST", "/slack/response/" + responseId).isEmpty());
    }

    @Test
    void teamsBodiesOverOneMegabyteAreRefusedBeforeTheyAreRead() throws Exception {
        String auth = "Authorization: Bearer " + TeamsRequests.token() + "\r\nContent-Type: application/json\r\n";
        assertTrue(rawPost("/api/messages", auth, MB + 1, 0).startsWith("HTTP/1.1 413"));
        assertTrue(rawPost("/api/messages", auth, -1, 2 * MB).startsWith("HTTP/1.1 413"));
    }

    @Test
    void teamsActivitiesOverOneMegabyteAreRefusedEarlyEvenWithAValidToken() {
        String user = TeamsRequests.newUser();
        ObjectNode activity = TeamsRequests.message(FakePlatforms.SECURITY_TENANT, user, "kb " + "q".repeat(MB));
        int status;
        try {
            status = TeamsRequests.post(activity).statusCode();
        } catch (RuntimeException brokenPipe) {
            status = 413; // answered and closed while the client was still writing; the raw tests read the status
        }
        assertEquals(413, status);
        Number count = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                "SELECT count(*) FROM member WHERE platform_user_id = ?1").setParameter(1, user).getSingleResult());
        assertEquals(0, count.intValue());
        assertTrue(FakePlatforms.calls("POST", "a:personal-" + user).isEmpty());
    }

    @Test
    void justUnderTheLimitReachesTheEndpointAndIsNeverA500() {
        String team = SlackRequests.newTeam();
        // unsigned: the endpoint itself refuses it
        int status = RestAssured.given().contentType("application/x-www-form-urlencoded")
                .body(slackBody(team, "u", MB - 4096)).post("/slack/events").statusCode();
        assertEquals(401, status);
        // signed: a slash command of almost 1 MB is answered (its text is refused by the command, not the server)
        String responseId = UUID.randomUUID().toString();
        String body = slackBody(team, responseId, MB - 4096);
        SlackRequests.post(body, "application/x-www-form-urlencoded", Instant.now().getEpochSecond(), SlackRequests.SIGN)
                .then().statusCode(200);
        String reply = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> FakePlatforms.calls("POST", "/slack/response/" + responseId), l -> !l.isEmpty()).get(0).body().toString();
        assertTrue(!reply.contains("something went wrong"), reply.length() > 500 ? reply.substring(0, 500) : reply);
        assertTrue(reply.length() < 50_000, "the reply does not echo a megabyte back: " + reply.length());
    }
}
