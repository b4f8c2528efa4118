package app.pacer.playground;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;

/** The playground's Bot Framework: OpenID metadata and keys, the token endpoint and the Bot Connector. */
@Path(PlaygroundPaths.FAKE + "/teams")
@Produces(MediaType.APPLICATION_JSON)
public class FakeTeamsResource {

    private final Playground playground;
    private final PlaygroundTeams teams;

    public FakeTeamsResource(Playground playground, PlaygroundTeams teams) {
        this.playground = playground;
        this.teams = teams;
    }

    @GET
    @Path("openid/.well-known/openidconfiguration")
    public String metadata() {
        playground.requireActive();
        return teams.openidMetadata().toString();
    }

    @GET
    @Path("openid/keys")
    public String keys() {
        playground.requireActive();
        return teams.keys().toString();
    }

    @POST
    @Path("oauth2/token")
    @Consumes(MediaType.WILDCARD)
    public Response token(byte[] body) {
        playground.requireActive();
        var form = FakeSlackWebApi.form(body == null ? "" : new String(body, StandardCharsets.UTF_8));
        return teams.grant(form).map(token -> Response.ok(token.toString()).build())
                .orElse(Response.status(401).entity("{\"error\":\"invalid_client\"}").build());
    }

    /** Creates (finds) a member's personal chat, where Pacer answers what was asked in the channel for them alone. */
    @POST
    @Path("v3/conversations")
    @Consumes(MediaType.WILDCARD)
    public Response create(@HeaderParam("Authorization") String auth, byte[] body) {
        playground.requireActive();
        if (!teams.authorized(auth)) {
            return unauthorized();
        }
        return teams.personalChat(json(body)).map(id -> Response.status(201).entity("{\"id\":\"" + id + "\"}").build())
                .orElse(Response.status(400).entity("{\"error\":{\"code\":\"BadArgument\"}}").build());
    }

    @POST
    @Path("v3/conversations/{conversation}/activities")
    @Consumes(MediaType.WILDCARD)
    public Response send(@PathParam("conversation") String conversation, @HeaderParam("Authorization") String auth,
            byte[] body) {
        return received(conversation, null, auth, body);
    }

    @POST
    @Path("v3/conversations/{conversation}/activities/{activity}")
    @Consumes(MediaType.WILDCARD)
    public Response reply(@PathParam("conversation") String conversation, @PathParam("activity") String replyTo,
            @HeaderParam("Authorization") String auth, byte[] body) {
        return received(conversation, replyTo, auth, body);
    }

    @PUT
    @Path("v3/conversations/{conversation}/activities/{activity}")
    @Consumes(MediaType.WILDCARD)
    public Response update(@PathParam("conversation") String conversation, @PathParam("activity") String activity,
            @HeaderParam("Authorization") String auth, byte[] body) {
        playground.requireActive();
        if (!teams.authorized(auth)) {
            return unauthorized();
        }
        return teams.updated(conversation, activity, json(body))
                ? Response.ok("{\"id\":\"" + activity.replaceAll("[\"\\\\]", "") + "\"}").build() : notFound();
    }

    private Response received(String conversation, String replyTo, String auth, byte[] body) {
        playground.requireActive();
        if (!teams.authorized(auth)) {
            return unauthorized();
        }
        return teams.received(conversation, replyTo, json(body))
                .map(id -> Response.ok("{\"id\":\"" + id + "\"}").build()).orElse(notFound());
    }

    private static JsonNode json(byte[] body) {
        return FakeSlackWebApi.params("application/json", body);
    }

    private static Response unauthorized() {
        return Response.status(401).entity("{\"error\":{\"code\":\"Unauthorized\"}}").build();
    }

    private static Response notFound() {
        return Response.status(404).entity("{\"error\":{\"code\":\"ConversationNotFound\"}}").build();
    }
}
