package app.pacer.core.command;

import static app.pacer.testing.SlackRequests.JSON;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.testing.FakePlatforms;
import app.pacer.testing.SlackRequests;
import app.pacer.testing.TeamsRequests;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When more work is queued than Pacer can take, requests are refused at once and cleanly: a slash command gets
 * "busy, try again" (HTTP 200, as Slack shows it), an event and a Teams activity a 503 that the platform can retry,
 * and nothing of the refused requests is stored. Once the queue drains, everything works again.
 */
@QuarkusTest
class OverloadTest {

    @Inject
    RequestWork work;

    @Inject
    EntityManager em;

    @Test
    void fullQueueRefusesCleanlyAndRecovers() {
        String team = SlackRequests.newTeam();
        String user = SlackRequests.newUser();
        SlackRequests.command(team, user, "help"); // the workspace and member exist before the queue fills
        CountDownLatch release = new CountDownLatch(1);
        try {
            fill(release);

            String busy = SlackRequests.slash(team, user, "log 1 calls", UUID.randomUUID().toString())
                    .then().statusCode(200).extract().asString();
            assertTrue(busy.contains("try again") && busy.contains("稍后再试"), "[" + busy + "]");

            String eventId = "Ev" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
            SlackRequests.event(dm(team, user, eventId, "log 2 calls"), Map.of()).then().statusCode(503).header("Retry-After", "2");

            ObjectNode teams = TeamsRequests.message(FakePlatforms.ALLOWED_TENANTS.get(0), TeamsRequests.newUser(), "log 3 calls");
            TeamsRequests.post(teams).then().statusCode(503).header("Retry-After", "2");

            release.countDown();
            // Slack retries the refused event with the same id: it is taken, not dropped as a duplicate
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                    SlackRequests.event(dm(team, user, eventId, "log 2 calls"), Map.of("X-Slack-Retry-Num", "1",
                            "X-Slack-Retry-Reason", "http_error")).statusCode() == 200);
            await().atMost(Duration.ofSeconds(15)).until(() -> loggedCalls(team, user) == 2);
        } finally {
            release.countDown();
        }
        // the refused slash command stored nothing: only the retried event's 2 calls are logged
        assertEquals(2, loggedCalls(team, user));
        String after = SlackRequests.command(team, user, "log 1 calls").toString();
        assertTrue(after.contains("Logged 1 Calls") && after.contains("this week: 3"), after);
    }

    /** Every worker busy until {@code release} (earlier tests' work done first), and the queue full behind them. */
    private void fill(CountDownLatch release) {
        java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
        Runnable blocker = () -> {
            started.incrementAndGet();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        for (int i = 0; i < work.threads(); i++) {
            work.submit("test blocker", blocker);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> started.get() == work.threads());
        int queued = 0;
        while (true) {
            try {
                work.submit("test blocker", blocker);
                queued++;
            } catch (Overloaded full) {
                break;
            }
        }
        assertEquals(RequestWork.QUEUE, queued);
    }

    private static ObjectNode dm(String team, String user, String eventId, String text) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("token", "x").put("team_id", team).put("api_app_id", "A0PACER").put("type", "event_callback")
                .put("event_id", eventId).put("event_time", Instant.now().getEpochSecond());
        envelope.putObject("event").put("type", "message").put("channel_type", "im").put("user", user)
                .put("channel", "D0OVER" + user).put("text", text).put("ts", "1700000000.000500")
                .put("event_ts", "1700000000.000500");
        return envelope;
    }

    private long loggedCalls(String team, String user) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                SELECT coalesce(sum(l.amount), 0) FROM log_entry l JOIN member m ON m.id = l.member_id
                JOIN workspace w ON w.id = m.workspace_id
                WHERE w.external_id = ?1 AND m.platform_user_id = ?2""").setParameter(1, team).setParameter(2, user)
                .getSingleResult()).longValue());
    }
}
