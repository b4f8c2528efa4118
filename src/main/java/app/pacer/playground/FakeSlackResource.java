package app.pacer.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The playground's Slack Web API, response URLs and file uploads, on Pacer's own HTTP server. */
@Path(PlaygroundPaths.FAKE + "/slack")
public class FakeSlackResource {

    private final Playground playground;
    private final PlaygroundSlack slack;

    public FakeSlackResource(Playground playground, PlaygroundSlack slack) {
        this.playground = playground;
        this.slack = slack;
    }

    @POST
    @Path("api/{method}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public String api(@PathParam("method") String method, @HeaderParam("Content-Type") String type,
            @HeaderParam("Authorization") String authorization, byte[] body) {
        playground.requireActive();
        JsonNode params = params(type, body);
        String token = params.path("token").asText(authorization == null ? "" : authorization.replaceFirst("^Bearer ", ""));
        if (!slack.validToken(token)) {
            return "{\"ok\":false,\"error\":\"invalid_auth\"}";
        }
        return slack.api(method, params).toString();
    }

    @POST
    @Path("response/{id}")
    @Consumes(MediaType.WILDCARD)
    public Response respond(@PathParam("id") String id, @HeaderParam("Content-Type") String type, byte[] body) {
        playground.requireActive();
        return slack.respond(id, params(type, body)) ? Response.ok("ok", MediaType.TEXT_PLAIN).build()
                : Response.status(404).entity("no such response_url").type(MediaType.TEXT_PLAIN).build();
    }

    @POST
    @Path("upload/{id}")
    @Consumes(MediaType.WILDCARD)
    public Response upload(@PathParam("id") String id, byte[] body) {
        playground.requireActive();
        slack.upload(id, body == null ? new byte[0] : body);
        return Response.ok("OK - " + (body == null ? 0 : body.length), MediaType.TEXT_PLAIN).build();
    }

    @GET
    @Path("files/{id}")
    public Response file(@PathParam("id") String id) {
        playground.requireActive();
        String name = slack.fileName(id).orElse(id).replaceAll("[^\\w.\\-]", "_");
        // the digest's chart is shown on the page; an export is downloaded
        boolean chart = name.endsWith(".png");
        return slack.file(id).map(bytes -> Response.ok(bytes, chart ? "image/png" : "text/csv; charset=utf-8")
                .header("Content-Disposition", (chart ? "inline" : "attachment") + "; filename=\"" + name + "\"").build())
                .orElse(Response.status(404).build());
    }

    /** Form fields (what the Slack SDK sends) or a JSON body (response URLs) as one JSON object. */
    static JsonNode params(String type, byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        if (type != null && type.contains("x-www-form-urlencoded")) {
            ObjectNode node = PlaygroundFeed.JSON.createObjectNode();
            form(text).forEach(node::put);
            return node;
        }
        try {
            JsonNode parsed = text.isBlank() ? null : PlaygroundFeed.JSON.readTree(text);
            return parsed != null && parsed.isObject() ? parsed : PlaygroundFeed.JSON.createObjectNode();
        } catch (Exception e) {
            return PlaygroundFeed.JSON.createObjectNode();
        }
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                form.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed escape: skip the field
            }
        }
        return form;
    }
}
