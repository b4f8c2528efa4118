package app.pacer.digest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.config.PacerConfig;
import app.pacer.core.org.Platform;
import app.pacer.core.org.WorkspaceRepository;
import app.pacer.core.reply.Language;
import app.pacer.testing.SlackRequests;
import app.pacer.testing.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Chart images through the real endpoint: served while fresh, 404 for anything else, never a 500. */
@QuarkusTest
class ChartImagesTest {

    @Inject
    ChartImages images;

    @Inject
    TeamChart chart;

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    TestClock clock;

    @Inject
    PacerConfig config;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private long workspace() {
        String team = SlackRequests.newTeam();
        return QuarkusTransaction.requiringNew().call(() -> workspaces.findOrCreate(Platform.SLACK, team, "Acme").id());
    }

    private byte[] png() {
        return chart.png(new ChartData("本月累计进度", LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31),
                List.of(new ChartData.Line("通话", List.of(0.0, 10.0, 25.0))), List.of()), Language.ZH);
    }

    private static String path(String url) {
        return url.substring(url.indexOf("/charts/"));
    }

    @Test
    void aStoredChartIsServedAsPngFromItsUrl() {
        byte[] png = png();
        String token = images.store(workspace(), png, clock.instant());
        assertTrue(ChartImages.wellFormed(token), token);
        String url = images.url(token);
        assertEquals(config.publicUrl() + "/charts/" + token + ".png", url);

        Response response = RestAssured.given().get(path(url));
        assertEquals(200, response.statusCode());
        assertEquals("image/png", response.contentType());
        assertArrayEquals(png, response.asByteArray());
        assertEquals("nosniff", response.header("X-Content-Type-Options"));
        String cache = response.header("Cache-Control");
        assertTrue(cache.startsWith("private, max-age="), cache);
        long maxAge = Long.parseLong(cache.substring("private, max-age=".length()));
        assertTrue(maxAge > 0 && maxAge <= ChartResource.MAX_CACHE.toSeconds(), cache);
        assertArrayEquals(png, images.load(token, clock.instant()).orElseThrow());
    }

    @Test
    void tokensAreRandomAndUnguessable() {
        long ws = workspace();
        byte[] png = png();
        String a = images.store(ws, png, clock.instant());
        String b = images.store(ws, png, clock.instant());
        assertNotEquals(a, b);
        assertEquals(43, a.length(), "256 random bits, base64url");
    }

    @Test
    void unknownMalformedAndHostileTokensAre404NeverAnError() {
        String unknown = "A".repeat(43);
        for (String path : List.of("/charts/" + unknown + ".png", "/charts/" + unknown, "/charts/garbage.png", "/charts/.png",
                "/charts/%00.png", "/charts/%27%20OR%201=1%20--.png", "/charts/" + "x".repeat(1000) + ".png", "/charts/..%2F..%2Fetc.png",
                "/charts/" + unknown + ".png.png", "/charts/%E6%9C%AC%E6%9C%88.png")) {
            Response response = RestAssured.given().urlEncodingEnabled(false).get(path);
            assertEquals(404, response.statusCode(), path);
        }
        assertTrue(images.load(null, clock.instant()).isEmpty());
        assertTrue(images.load("", clock.instant()).isEmpty());
    }

    @Test
    void anExpiredChartIsNotServedAndIsPurged() {
        long ws = workspace();
        byte[] png = png();
        Instant stored = clock.instant();
        String token = images.store(ws, png, stored);
        String path = path(images.url(token));

        clock.set(stored.plus(ChartImages.KEEP).minus(Duration.ofMinutes(1)));
        Response nearlyGone = RestAssured.given().get(path);
        assertEquals(200, nearlyGone.statusCode());
        String cache = nearlyGone.header("Cache-Control");
        assertTrue(cache.equals("private, max-age=60") || cache.equals("private, max-age=59"), "never cached past its expiry: " + cache);

        clock.set(stored.plus(ChartImages.KEEP).plusSeconds(1));
        assertEquals(404, RestAssured.given().get(path).statusCode());
        assertTrue(images.load(token, clock.instant()).isEmpty());

        clock.reset();
        String old = images.store(ws, png, Instant.now().minus(Duration.ofDays(15)));
        String fresh = images.store(ws, png, Instant.now());
        assertTrue(images.purgeExpired(Instant.now()) >= 1);
        assertTrue(images.load(old, Instant.now().minus(Duration.ofDays(15))).isEmpty(), "the row is gone, not just expired");
        assertTrue(images.load(fresh, Instant.now()).isPresent());
    }

    @Test
    void onlyPngsAreStored() {
        long ws = workspace();
        assertThrows(IllegalArgumentException.class, () -> images.store(ws, "<svg onload=alert(1)>".getBytes(), clock.instant()));
        assertThrows(IllegalArgumentException.class, () -> images.store(ws, new byte[0], clock.instant()));
    }
}
