package app.pacer.platform.teams;

import app.pacer.core.org.Platform;
import app.pacer.platform.MalformedPayload;
import app.pacer.platform.PlatformRequestFailed;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.bot.schema.Activity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

/**
 * Bot Framework activities from Teams. Nothing is read or stored before the channel (Teams only), the JWT and the
 * tenant check out.
 * What fails on the way is thrown, typed, and answered by {@link app.pacer.platform.PlatformErrors}.
 */
@Path("/api/messages")
public class TeamsResource {

    private static final Logger LOG = Logger.getLogger(TeamsResource.class);
    static final ObjectMapper ACTIVITIES = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .findAndRegisterModules();

    /** The Bot Framework channel id of Microsoft Teams. */
    static final String TEAMS_CHANNEL = "msteams";

    private final TeamsPlatform platform;
    private final TeamsHandlers handlers;

    public TeamsResource(TeamsPlatform platform, TeamsHandlers handlers) {
        this.platform = platform;
        this.handlers = handlers;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response post(byte[] body, @HeaderParam("Authorization") String authorization) {
        if (!platform.enabled()) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        Activity activity = MalformedPayload.whileReading(Platform.TEAMS, () -> ACTIVITIES.readValue(body, Activity.class));
        if (activity.getType() == null || activity.getServiceUrl() == null) {
            throw new MalformedPayload(Platform.TEAMS, "no type or service URL");
        }
        if (!TEAMS_CHANNEL.equals(activity.getChannelId())) {
            // the Bot Framework signs Web Chat's and Direct Line's activities with the same keys, and their clients
            // write the body (tenant included) themselves: only Teams is served
            LOG.debug("Activity from a channel other than Teams refused");
            return Response.status(Response.Status.UNAUTHORIZED).build();
        }
        try {
            platform.authenticate(activity, authorization);
        } catch (Exception e) {
            LOG.debugf("Teams activity refused: %s", rootMessage(e));
            return Response.status(Response.Status.UNAUTHORIZED).build();
        }
        String tenant = TeamsHandlers.tenantOf(activity);
        if (!platform.tenantAllowed(tenant)) {
            LOG.infof("Teams activity from a tenant not in PACER_TEAMS_ALLOWED_TENANTS refused");
            return Response.status(Response.Status.UNAUTHORIZED).build();
        }
        if (tenant == null || !addressable(activity)) {
            throw new MalformedPayload(Platform.TEAMS, "no tenant, sender or conversation");
        }
        // overload (nothing stored; the Bot Framework may deliver it again) and shapes Teams does not send
        // are answered by PlatformErrors
        PlatformRequestFailed.whileHandling(Platform.TEAMS, false, () -> {
            handlers.accept(activity);
            return null;
        });
        return Response.ok().build();
    }

    /** Teams always names the sender and the conversation; without them nothing can be stored or answered. */
    private static boolean addressable(Activity activity) {
        String from = activity.getFrom() == null ? null : activity.getFrom().getId();
        String conversation = activity.getConversation() == null ? null : activity.getConversation().getId();
        return from != null && !from.isBlank() && from.length() <= 128 && conversation != null && !conversation.isBlank();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
