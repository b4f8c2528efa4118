package app.pacer.playground;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

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
    public Response api(@PathParam("method") String method, @HeaderParam("Content-Type") String type,
            @HeaderParam("Authorization") String authorization, byte[] body) {
        playground.requireActive();
        return http(slack.webApi().call(method, FakeSlackWebApi.params(type, body), authorization));
    }

    @POST
    @Path("response/{id}")
    @Consumes(MediaType.WILDCARD)
    public Response respond(@PathParam("id") String id, @HeaderParam("Content-Type") String type, byte[] body) {
        playground.requireActive();
        return http(slack.webApi().respond(id, FakeSlackWebApi.params(type, body)));
    }

    @POST
    @Path("upload/{id}")
    @Consumes(MediaType.WILDCARD)
    public Response upload(@PathParam("id") String id, byte[] body) {
        playground.requireActive();
        return http(slack.webApi().upload(id, body == null ? new byte[0] : body));
    }

    @GET
    @Path("files/{id}")
    public Response file(@PathParam("id") String id) {
        playground.requireActive();
        FakeSlackWebApi webApi = slack.webApi();
        String name = webApi.fileNames().getOrDefault(id, id).replaceAll("[^\\w.\\-]", "_");
        // the digest's chart is shown on the page; an export is downloaded
        boolean chart = name.endsWith(".png");
        return Optional.ofNullable(webApi.uploads().get(id))
                .map(bytes -> Response.ok(bytes, chart ? "image/png" : "text/csv; charset=utf-8")
                        .header("Content-Disposition", (chart ? "inline" : "attachment") + "; filename=\"" + name + "\"").build())
                .orElse(Response.status(404).build());
    }

    private static Response http(FakeSlackWebApi.Answer answer) {
        Response.ResponseBuilder response = Response.status(answer.status()).type(answer.contentType()).entity(answer.body());
        answer.headers().forEach(response::header);
        return response.build();
    }
}
