package app.pacer.platform.slack;

import app.pacer.core.org.Platform;
import app.pacer.platform.MalformedPayload;
import app.pacer.platform.PlatformRequestFailed;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.RequestType;
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

/**
 * Slack's one Request URL. The raw body goes to Bolt unchanged, so the signature (verified by Bolt on every
 * request: HMAC of the exact bytes, timestamp within 5 minutes) holds; a bad one is a 401 with nothing done.
 * What fails on the way is thrown, typed, and answered by {@link app.pacer.platform.PlatformErrors}.
 */
@Path("/slack/events")
public class SlackEventsResource {

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
        Request<?> request = MalformedPayload.whileReading(Platform.SLACK, () -> platform.parser().parse(
                SlackRequestParser.HttpRequest.builder()
                        .requestUri(uri.getPath())
                        .queryString(new HashMap<>(uri.getQueryParameters()))
                        .requestBody(new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8))
                        .headers(new RequestHeaders(headerMap))
                        .build()));
        // the member reads a slash command's acknowledgement; of everything else Slack reads only the status
        boolean slashCommand = request.getRequestType() == RequestType.Command;
        com.slack.api.bolt.response.Response response = PlatformRequestFailed.whileHandling(Platform.SLACK, slashCommand,
                () -> app.run(request));
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
