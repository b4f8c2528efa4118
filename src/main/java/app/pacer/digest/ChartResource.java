package app.pacer.digest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code GET /charts/<token>.png}: a digest chart, for Teams to fetch into its card (and for whoever has the
 * link). Unknown, malformed and expired tokens are the same plain 404 — it tells nobody which tokens exist.
 */
@Path("/charts")
public class ChartResource {

    /** Browsers and Teams' image proxy may keep an image this long (never past its expiry). */
    static final Duration MAX_CACHE = Duration.ofDays(1);

    private final ChartImages images;
    private final Clock clock;

    public ChartResource(ChartImages images, Clock clock) {
        this.images = images;
        this.clock = clock;
    }

    @GET
    @Path("{file}")
    public Response image(@PathParam("file") String file) {
        String token = file != null && file.endsWith(".png") ? file.substring(0, file.length() - ".png".length()) : null;
        Instant now = clock.instant();
        return images.find(token, now).map(stored -> {
            long maxAge = Math.max(0, Math.min(MAX_CACHE.toSeconds(), Duration.between(now, stored.expiresAt()).toSeconds()));
            return Response.ok(stored.png(), "image/png")
                    .header("Cache-Control", "private, max-age=" + maxAge)
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Disposition", "inline; filename=\"chart.png\"")
                    .build();
        }).orElseGet(ChartResource::notFound);
    }

    private static Response notFound() {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .entity("This chart has expired or does not exist.\n此图表已过期或不存在。\n").build();
    }
}
