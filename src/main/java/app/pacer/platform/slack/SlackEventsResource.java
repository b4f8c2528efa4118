package app.pacer.platform.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.util.SlackRequestParser;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Slack's one Request URL. The raw body goes to Bolt unchanged, so the signature (verified by Bolt on every
 * request: HMAC of the exact bytes, timestamp within 5 minutes) holds; a bad one is a 401 with nothing done.
 */
@Path("/slack/events")
public class SlackEventsResource {

    private static final Logger LOG = Logger.getLogger(SlackEventsResource.class);

    private final SlackPlatform platform;

    public SlackEventsResource(SlackPlatform platform) {
        this.platform = platform;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response post(byte[] body, @Context HttpHeaders headers, @Context UriInfo uri) {
        if (platform.app().isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        App app = platform.app().get();
        Map<String, List<String>> headerMap = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> headerMap.put(name.toLowerCase(), values));
        if (!fresh(headerMap.get("x-slack-request-timestamp"))) {
            // Bolt only refuses timestamps older than 5 minutes; one far ahead would stay replayable for longer
            return Response.status(Response.Status.UNAUTHORIZED).build();
        }
        Request<?> request;
        try {
            request = platform.parser().parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(uri.getPath())
                    .queryString(new HashMap<>(uri.getQueryParameters()))
                    .requestBody(new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8))
                    .headers(new RequestHeaders(headerMap))
                    .build());
        } catch (RuntimeException e) {
            LOG.debugf("Unreadable Slack request: %s", e.getMessage());
            return Response.status(Response.Status.BAD_REQUEST).build();
        }
        if (request == null) {
            return Response.status(Response.Status.BAD_REQUEST).build();
        }
        com.slack.api.bolt.response.Response response;
        try {
            response = app.run(request);
        } catch (Exception e) {
            if (busy(e)) {
                return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "2").build();
            }
            if (malformed(e)) {
                // signed, but not a shape Slack sends (wrong types, missing ids): retrying cannot help
                LOG.warnf("Malformed Slack payload refused: %s", e.getClass().getSimpleName());
                return Response.status(Response.Status.BAD_REQUEST).build();
            }
            LOG.error("Slack request failed", e);
            return Response.serverError().build();
        }
        Response.ResponseBuilder out = Response.status(response.getStatusCode());
        if (response.getBody() != null) {
            out.entity(response.getBody());
        }
        if (response.getContentType() != null) {
            out.type(response.getContentType());
        }
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, values) -> values.forEach(v -> out.header(name, v)));
        }
        return out.build();
    }

    /** Pacer's work queue is full (see {@link app.pacer.core.command.Overloaded}): a 503, which Slack retries. */
    static boolean busy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof app.pacer.core.command.Overloaded) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether Bolt or our handlers failed on the payload's shape: Gson could not bind a field, a field Slack
     * always sends is missing, or Bolt met a null inside its own payload classes.
     */
    static boolean malformed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.google.gson.JsonParseException || t instanceof SlackHandlers.MalformedPayload) {
                return true;
            }
            if (t instanceof NullPointerException && t.getStackTrace().length > 0
                    && t.getStackTrace()[0].getClassName().startsWith("com.slack.api.")) {
                return true;
            }
        }
        return false;
    }

    /** One timestamp (repeated headers must agree), in seconds, within 5 minutes of now either way. */
    static boolean fresh(List<String> timestamps) {
        if (timestamps == null || timestamps.isEmpty() || timestamps.stream().distinct().count() != 1) {
            return false;
        }
        String value = timestamps.get(0);
        if (value == null || !value.matches("\\d{1,12}")) {
            return false;
        }
        long skew = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(value));
        return skew <= MAX_SKEW_SECONDS;
    }

    private static final long MAX_SKEW_SECONDS = 300;
}
