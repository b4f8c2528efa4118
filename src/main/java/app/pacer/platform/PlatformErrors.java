package app.pacer.platform;

import app.pacer.core.command.DatabaseUnavailable;
import app.pacer.core.command.Overloaded;
import app.pacer.core.org.Platform;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one error path of the platform endpoints ({@code /slack/events}, {@code /api/messages}): the resources
 * throw {@link MalformedPayload} and {@link PlatformRequestFailed}, and this turns them into each platform's
 * answer. A refusal Pacer can recover from (overload, the database unreachable) is a 503 with
 * {@code Retry-After}, which Slack and the Bot Framework retry — except where the member reads the answer
 * (a Slack slash command), who gets a 200 saying so in both languages (theirs would need the database).
 * A malformed payload is a 400 with no body; only a failure of ours is a 500, and it is logged.
 */
public class PlatformErrors {

    private static final Logger LOG = Logger.getLogger(PlatformErrors.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Seconds a platform should wait before it sends a refused request again. */
    static final String RETRY_AFTER = "2";

    @ServerExceptionMapper
    public Response malformed(MalformedPayload e) {
        // not yet authenticated (or nothing to authenticate): anyone can send these, so no louder than debug
        LOG.debugf("Unreadable %s request refused: %s", e.platform(), e.getMessage());
        return Response.status(Response.Status.BAD_REQUEST).build();
    }

    @ServerExceptionMapper
    public Response failed(PlatformRequestFailed e) {
        Throwable cause = e.getCause();
        if (causedBy(cause, Overloaded.class)) {
            // nothing was stored (RequestWork has logged the refusal): the request can simply come again
            return refused(e, Overloaded.BUSY);
        }
        if (DatabaseUnavailable.is(cause)) {
            LOG.warnf("Database unavailable: a %s request was refused (%s)", e.platform(), cause.getClass().getSimpleName());
            return refused(e, DatabaseUnavailable.saidToMembers());
        }
        if (malformed(e.platform(), cause)) {
            // authenticated, but not a shape the platform sends (wrong types, missing ids): retrying cannot help
            LOG.warnf("Malformed %s payload refused: %s", e.platform(), cause.getClass().getSimpleName());
            return Response.status(Response.Status.BAD_REQUEST).build();
        }
        LOG.errorf(cause, "%s request failed", e.platform());
        return Response.serverError().build();
    }

    private static Response refused(PlatformRequestFailed e, String text) {
        if (e.answerShownToMember()) {
            return Response.ok(JSON.createObjectNode().put("text", text).toString())
                    .type(MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8")).build();
        }
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", RETRY_AFTER).build();
    }

    /**
     * Whether the platform's SDK or our handlers failed on the payload's shape. Slack: Gson could not bind a
     * field, or Bolt met a null inside its own payload classes. Teams: a null or an illegal value where the
     * Bot Framework schema allows it but Teams never sends it (a null member in membersAdded, …).
     */
    static boolean malformed(Platform platform, Throwable cause) {
        if (causedBy(cause, MalformedPayload.class)) {
            return true;
        }
        if (platform == Platform.TEAMS) {
            return cause instanceof NullPointerException || cause instanceof IllegalArgumentException;
        }
        for (Throwable t = cause; t != null; t = next(t)) {
            if (t instanceof com.google.gson.JsonParseException) {
                return true;
            }
            if (t instanceof NullPointerException && t.getStackTrace().length > 0
                    && t.getStackTrace()[0].getClassName().startsWith("com.slack.api.")) {
                return true;
            }
        }
        return false;
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = next(t)) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable next(Throwable t) {
        return t.getCause() == t ? null : t.getCause();
    }
}
