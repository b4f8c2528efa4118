package app.pacer.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The playground's page and the small JSON API behind it. Every request is checked here (unknown platform or
 * member, missing text) so bad input is a 400 with a reason, never a 500.
 */
@Path(PlaygroundPaths.PAGE)
public class PlaygroundResource {

    private static final Logger LOG = Logger.getLogger(PlaygroundResource.class);
    private static final Map<String, String> ASSETS = Map.of(
            "playground.js", "text/javascript; charset=utf-8",
            "playground.css", "text/css; charset=utf-8",
            "pacer.svg", "image/svg+xml");
    private static final int MAX_TEXT = 4_000;
    private static final String BAD_CONVERSATION = "conversation is dm or channel";

    private final Playground playground;
    private final PlaygroundService service;
    private final PlaygroundFeed feed;
    private final PlaygroundSlack slack;
    private final PlaygroundTeams teams;
    private final Clock clock;

    public PlaygroundResource(Playground playground, PlaygroundService service, PlaygroundFeed feed,
            PlaygroundSlack slack, PlaygroundTeams teams, Clock clock) {
        this.playground = playground;
        this.service = service;
        this.feed = feed;
        this.slack = slack;
        this.teams = teams;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        playground.requireActive();
        return asset("index.html", "text/html; charset=utf-8");
    }

    @GET
    @Path("{asset: [a-z]+\\.(js|css|svg)}")
    public Response asset(@PathParam("asset") String name) {
        playground.requireActive();
        String type = ASSETS.get(name);
        return type == null ? Response.status(404).build() : asset(name, type);
    }

    private static Response asset(String name, String type) {
        try (InputStream in = PlaygroundResource.class.getResourceAsStream("/playground/" + name)) {
            if (in == null) {
                return Response.status(404).build();
            }
            return Response.ok(in.readAllBytes(), type).header("Cache-Control", "no-cache").build();
        } catch (IOException e) {
            return Response.status(404).build();
        }
    }

    @GET
    @Path("api/state")
    @Produces(MediaType.APPLICATION_JSON)
    public String state() {
        playground.requireActive();
        ObjectNode state = PlaygroundFeed.JSON.createObjectNode();
        state.putObject("platforms").put("slack", slack.enabled()).put("teams", teams.enabled());
        ArrayNode list = state.putArray("members");
        for (DemoMember m : DemoMember.ALL) {
            list.addObject().put("key", m.key()).put("name", m.name()).put("role", m.role())
                    .put("locale", m.locale()).put("timeZone", m.timeZone());
        }
        state.putObject("channel").put("slack", DemoChannel.label(PlaygroundSlack.PLATFORM))
                .put("teams", DemoChannel.label(PlaygroundTeams.PLATFORM)).put("team", DemoChannel.TEAMS_TEAM_NAME);
        state.put("now", clock.instant().toString());
        return state.toString();
    }

    @POST
    @Path("api/ready")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response ready(byte[] body) {
        playground.requireActive();
        JsonNode request = json(body);
        String platform = request.path("platform").asText();
        if (!service.platformOn(platform)) {
            return bad("unknown or switched-off platform");
        }
        return act(() -> service.ensureReady(platform));
    }

    @GET
    @Path("api/feed")
    @Produces(MediaType.APPLICATION_JSON)
    public Response feed(@QueryParam("platform") String platform, @QueryParam("member") String member,
            @QueryParam("after") String after, @QueryParam("wait") String wait) {
        playground.requireActive();
        DemoMember who = member(platform, member);
        long since;
        try {
            since = after == null || after.isBlank() ? 0 : Long.parseLong(after.trim());
        } catch (NumberFormatException e) {
            return bad("after must be a number");
        }
        try {
            Duration timeout = "0".equals(wait) || wait == null ? Duration.ZERO : Duration.ofSeconds(10);
            ObjectNode out = PlaygroundFeed.JSON.createObjectNode();
            out.putArray("items").addAll(feed.await(platform, who, since, timeout));
            out.put("now", clock.instant().toString());
            return Response.ok(out.toString()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Response.status(503).build();
        }
    }

    @POST
    @Path("api/say")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response say(byte[] body) {
        playground.requireActive();
        JsonNode request = json(body);
        String platform = request.path("platform").asText();
        DemoMember who = member(platform, request.path("member").asText());
        Where where = where(request);
        String text = request.path("text").asText("").strip();
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            return bad("type a command of 1 to " + MAX_TEXT + " characters");
        }
        return act(() -> service.say(platform, who, where, text));
    }

    /**
     * A button: on Slack {@code action} (action_id, block_id, value), on Teams {@code card} (the card's activity
     * id) and {@code data} (the Action.Submit data with the card's input values merged in); {@code conversation}
     * says where the message with the button is.
     */
    @POST
    @Path("api/click")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response click(byte[] body) {
        playground.requireActive();
        JsonNode request = json(body);
        String platform = request.path("platform").asText();
        DemoMember who = member(platform, request.path("member").asText());
        Where where = where(request);
        String label = request.path("label").asText("");
        if (PlaygroundSlack.PLATFORM.equals(platform)) {
            JsonNode action = request.path("action");
            if (!action.isObject() || !action.path("action_id").isTextual()) {
                return bad("action.action_id is missing");
            }
            return act(() -> {
                service.clicked(platform, who, where, label);
                slack.click(who, where, action);
            });
        }
        JsonNode data = request.path("data");
        if (!data.isObject()) {
            return bad("data is missing");
        }
        return act(() -> {
            service.clicked(platform, who, where, label);
            teams.submit(who, where, request.path("card").asText(null), data);
        });
    }

    /** A Slack modal submitted: {@code view} (its id) and {@code values} (block id → element state). */
    @POST
    @Path("api/submit")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response submit(byte[] body) {
        playground.requireActive();
        JsonNode request = json(body);
        Optional<DemoMember> who = DemoMember.byKey(request.path("member").asText());
        String view = request.path("view").asText("");
        if (who.isEmpty() || !slack.enabled() || view.isEmpty()) {
            return bad("unknown member or form");
        }
        try {
            Map<String, String> errors = slack.submit(who.get(), view, request.path("values"));
            ObjectNode out = PlaygroundFeed.JSON.createObjectNode().put("ok", errors.isEmpty());
            ObjectNode errorNode = out.putObject("errors");
            errors.forEach(errorNode::put);
            return Response.ok(out.toString()).build();
        } catch (IllegalArgumentException e) {
            return bad(e.getMessage());
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    @POST
    @Path("api/time-travel")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response timeTravel(byte[] body) {
        playground.requireActive();
        JsonNode request = json(body);
        String platform = request.path("platform").asText();
        DemoMember who = member(platform, request.path("member").asText());
        return answer(() -> service.travel(platform, who).toString());
    }

    private interface Action {
        void run() throws Exception;
    }

    private static Response act(Action action) {
        return answer(() -> {
            action.run();
            return "{\"ok\":true}";
        });
    }

    /** Runs what the page asked for; its JSON answer, or why not (400 bad input, 502 Pacer failed). */
    private static Response answer(java.util.concurrent.Callable<String> action) {
        try {
            return Response.ok(action.call()).build();
        } catch (IllegalArgumentException e) {
            return bad(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Response.status(503).build();
        } catch (Exception e) {
            return failed(e);
        }
    }

    /** Pacer itself (the adapters) failed to take the request: a gateway error, with the reason for the page. */
    private static Response failed(Exception e) {
        LOG.warnf("Playground request failed: %s", e.getMessage());
        return Response.status(502).entity(PlaygroundFeed.JSON.createObjectNode().put("ok", false)
                .put("error", String.valueOf(e.getMessage())).toString()).type(MediaType.APPLICATION_JSON).build();
    }

    private static Response bad(String reason) {
        return Response.status(400).entity(PlaygroundFeed.JSON.createObjectNode().put("ok", false).put("error", reason)
                .toString()).type(MediaType.APPLICATION_JSON).build();
    }

    /** The demo member on a platform that is on; anything else ends the request with a 400. */
    private DemoMember member(String platform, String key) {
        Optional<DemoMember> who = DemoMember.byKey(key);
        if (who.isEmpty() || !service.platformOn(platform)) {
            throw new WebApplicationException(bad("unknown member or platform"));
        }
        return who.get();
    }

    /** {@code conversation}: {@code dm} (also when missing) or {@code channel}; anything else ends the request with a 400. */
    private static Where where(JsonNode request) {
        JsonNode conversation = request.path("conversation");
        Optional<Where> where = conversation.isMissingNode() || conversation.isNull() ? Optional.of(Where.DM)
                : conversation.isTextual() ? Where.parse(conversation.asText()) : Optional.empty();
        return where.orElseThrow(() -> new WebApplicationException(bad(BAD_CONVERSATION)));
    }

    private static JsonNode json(byte[] body) {
        return FakeSlackWebApi.params("application/json", body);
    }
}
