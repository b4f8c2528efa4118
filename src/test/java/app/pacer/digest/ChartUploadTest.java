package app.pacer.digest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.core.org.Platform;
import app.pacer.core.org.WorkspaceRepository;
import app.pacer.core.reply.Language;
import app.pacer.delivery.Outbox;
import app.pacer.testing.FakePlatforms;
import app.pacer.testing.SlackRequests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A digest chart uploaded into a Slack channel through the outbox, against the fake Slack API. */
@QuarkusTest
class ChartUploadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Outbox outbox;

    @Inject
    ChartImages images;

    @Inject
    TeamChart chart;

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @AfterEach
    void noFaultsLeft() {
        FakePlatforms.UPLOAD_FAULTS.clear();
    }

    private record Enqueued(String key, String channel, byte[] png) {
    }

    private Enqueued enqueue(String channelPrefix, boolean storeImage) {
        String team = SlackRequests.newTeam();
        String channel = channelPrefix + UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase();
        String key = "digest-chart:" + UUID.randomUUID();
        byte[] png = chart.png(new ChartData("Team progress", LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31), List.of(),
                List.of(new ChartData.Bar("Ann", 80), new ChartData.Bar("李雷", 45))), Language.EN);
        Outbox.Result result = QuarkusTransaction.requiringNew().call(() -> {
            Long ws = workspaces.findOrCreate(Platform.SLACK, team, "Acme").id();
            String token = storeImage ? images.store(ws, png, clock.instant()) : "B".repeat(43);
            return outbox.chartToChannel(ws, Platform.SLACK, channel, token, "pacer-chart-2026-12-17.png", "Team progress",
                    key, clock.instant(), clock.instant().plus(Duration.ofHours(6)));
        });
        assertEquals(Outbox.Result.ENQUEUED, result);
        return new Enqueued(key, channel, png);
    }

    private String state(String key) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT state FROM outbox WHERE idempotency_key = ?1").setParameter(1, key).getSingleResult());
    }

    private int attempts(String key) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT attempts FROM outbox WHERE idempotency_key = ?1").setParameter(1, key).getSingleResult()).intValue());
    }

    private static List<FakePlatforms.Call> completions(String channel) {
        return FakePlatforms.calls("POST", "/api/files.completeUploadExternal").stream()
                .filter(c -> channel.equals(c.body().path("channel_id").asText())).toList();
    }

    private static long shares(String channel) {
        return FakePlatforms.SLACK_HISTORY.getOrDefault(channel, List.of()).stream().filter(m -> m.has("files")).count();
    }

    @Test
    void aChartIsUploadedIntoTheChannelWithItsBytesAndTitle() throws Exception {
        Enqueued e = enqueue("C", true);
        await().atMost(Duration.ofSeconds(20)).until(() -> !completions(e.channel()).isEmpty());
        FakePlatforms.Call completion = completions(e.channel()).get(0);
        JsonNode files = JSON.readTree(completion.body().path("files").asText());
        String fileId = files.get(0).path("id").asText();
        assertEquals("Team progress", files.get(0).path("title").asText());
        assertArrayEquals(e.png(), FakePlatforms.UPLOADS.get(fileId), "the uploaded bytes are the chart");
        assertEquals("pacer-chart-2026-12-17.png", FakePlatforms.FILE_NAMES.get(fileId));
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(state(e.key())));
        assertEquals(1, completions(e.channel()).size());
    }

    @Test
    void aLostAnswerIsNotUploadedTwiceAndAServerErrorIsRetried() {
        FakePlatforms.UPLOAD_FAULTS.add("share-then-500");
        Enqueued lost = enqueue("C", true);
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(state(lost.key())));
        assertEquals(1, shares(lost.channel()), "shared once, although Slack's answer was lost");
        assertEquals(2, attempts(lost.key()), "the retry found the share in the channel's history");

        FakePlatforms.UPLOAD_FAULTS.add("500");
        Enqueued failed = enqueue("C", true);
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(state(failed.key())));
        assertEquals(1, shares(failed.channel()));
        assertEquals(2, completions(failed.channel()).size(), "refused once, then shared");
    }

    @Test
    void aMissingChannelOrImageFailsAtOnce() {
        Enqueued gone = enqueue("CGONE", true);
        Enqueued noImage = enqueue("C", false);
        await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(state(gone.key())) && "FAILED".equals(state(noImage.key())));
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "SELECT attempts, last_error FROM outbox WHERE idempotency_key = ?1").setParameter(1, gone.key()).getSingleResult());
        assertEquals(1, ((Number) row[0]).intValue(), "no retry storm");
        assertTrue(row[1].toString().contains("channel_not_found"), row[1].toString());
        assertTrue(completions(noImage.channel()).isEmpty(), "nothing uploaded without an image");
        assertEquals(1, attempts(noImage.key()));
    }

    @Test
    void teamsTakesNoUploads() {
        assertThrows(IllegalArgumentException.class, () -> outbox.chartToChannel(1L, Platform.TEAMS, "19:abc", "t", "f.png", "t",
                "k:" + UUID.randomUUID(), Instant.now(), null));
    }
}
