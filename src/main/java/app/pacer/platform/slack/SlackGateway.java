package app.pacer.platform.slack;

import app.pacer.config.PacerConfig;
import app.pacer.core.org.Profile;
import app.pacer.core.org.ProfileSource;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.User;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Pacer's outbound calls to Slack: the Web API (base URL from configuration) and {@code response_url}s. */
@Singleton
public class SlackGateway {

    private static final Logger LOG = Logger.getLogger(SlackGateway.class);

    private final Slack slack;
    private final String botToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SlackGateway(PacerConfig config) {
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(config.slack().apiUrl());
        slackConfig.setPrettyResponseLoggingEnabled(false);
        slackConfig.setStatsEnabled(false);
        // a hung call must end: the outbox retries it (and checks first whether it arrived)
        int timeout = (int) config.slack().timeout().toMillis();
        slackConfig.setHttpClientReadTimeoutMillis(timeout);
        slackConfig.setHttpClientWriteTimeoutMillis(timeout);
        slackConfig.setHttpClientCallTimeoutMillis(timeout + timeout / 2);
        this.slack = Slack.getInstance(slackConfig);
        this.botToken = config.slack().botToken().orElse(null);
    }

    public Slack slack() {
        return slack;
    }

    MethodsClient methods() {
        return slack.methods(botToken);
    }

    /** Answers through a {@code response_url} (valid 30 minutes, 5 uses). */
    public void respond(String responseUrl, ObjectNode message, boolean inChannel) {
        ObjectNode body = message.deepCopy();
        body.put("response_type", inChannel ? "in_channel" : "ephemeral");
        HttpRequest request = HttpRequest.newBuilder(URI.create(responseUrl))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                LOG.warnf("Slack response_url answered %d", response.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Posts to a channel, a DM, or (with a user id) the app's DM with that user. */
    public void postMessage(String channel, String threadTs, ObjectNode message) {
        call("chat.postMessage", () -> methods().chatPostMessage(r -> r.channel(channel).threadTs(threadTs)
                .text(message.path("text").asText()).blocksAsString(message.path("blocks").toString())));
    }

    /** Visible only to {@code user}, in a channel (or thread) Pacer is in. */
    public void postEphemeral(String channel, String user, String threadTs, ObjectNode message) {
        call("chat.postEphemeral", () -> methods().chatPostEphemeral(r -> r.channel(channel).user(user).threadTs(threadTs)
                .text(message.path("text").asText()).blocksAsString(message.path("blocks").toString())));
    }

    /** Uploads a file into the app's DM with {@code userId} (files.getUploadURLExternal + completeUploadExternal). */
    public void uploadToDm(String userId, String filename, byte[] content, String title) {
        var opened = call("conversations.open", () -> methods().conversationsOpen(r -> r.users(java.util.List.of(userId))));
        if (!opened.isOk() || opened.getChannel() == null) {
            throw new IllegalStateException("Could not open a DM for the export: " + opened.getError());
        }
        uploadToChannel(opened.getChannel().getId(), filename, content, title);
    }

    /** Uploads a file into a channel (or DM) the bot is in; throws when Slack refuses or cannot be reached. */
    public void uploadToChannel(String channel, String filename, byte[] content, String title) {
        try {
            upload(channel, filename, content, title);
        } catch (IOException e) {
            throw new UncheckedIOException("Slack file upload failed", e);
        } catch (SlackApiException e) {
            throw new IllegalStateException("Slack file upload failed: HTTP " + e.getResponse().code(), e);
        } catch (ApiError e) {
            throw new IllegalStateException("Slack " + e.method() + ": " + e.error(), e);
        }
    }

    /**
     * The three steps of a file upload, done by hand: the SDK's filesUploadV2 needs an OkHttp newer than the one
     * the Bot SDK pins. Returns the file id. Failures are left for the caller to classify (the outbox retries some).
     */
    String upload(String channel, String filename, byte[] content, String title) throws IOException, SlackApiException, ApiError {
        var url = methods().filesGetUploadURLExternal(r -> r.filename(filename).length(content.length));
        if (!url.isOk()) {
            throw new ApiError("files.getUploadURLExternal", url.getError());
        }
        HttpRequest upload = HttpRequest.newBuilder(URI.create(url.getUploadUrl())).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build();
        try {
            HttpResponse<String> response = http.send(upload, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("Slack file upload answered HTTP " + response.statusCode());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during the file upload", e);
        }
        var complete = methods().filesCompleteUploadExternal(r -> r.channelId(channel)
                .files(java.util.List.of(com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest.FileDetails
                        .builder().id(url.getFileId()).title(title).build())));
        if (!complete.isOk()) {
            throw new ApiError("files.completeUploadExternal", complete.getError());
        }
        return url.getFileId();
    }

    /** Slack answered {@code ok: false}. */
    static final class ApiError extends Exception {
        private final String method;
        private final String error;

        ApiError(String method, String error) {
            super(method + ": " + error, null, false, false);
            this.method = method;
            this.error = error;
        }

        String method() {
            return method;
        }

        String error() {
            return error;
        }
    }

    public void openView(String triggerId, ObjectNode view) {
        call("views.open", () -> methods().viewsOpen(r -> r.triggerId(triggerId).viewAsString(view.toString())));
    }

    public void publishHome(String userId, ObjectNode view) {
        call("views.publish", () -> methods().viewsPublish(r -> r.userId(userId).viewAsString(view.toString())));
    }

    /** {@code users.info} with the locale: name, locale, time zone, home team and whether they are a guest. */
    public ProfileSource profiles() {
        return userId -> {
            UsersInfoResponse response = call("users.info", () -> methods().usersInfo(r -> r.user(userId).includeLocale(true)));
            User user = response.getUser();
            if (!response.isOk() || user == null) {
                return Optional.empty();
            }
            String name = user.getProfile() != null && notBlank(user.getProfile().getDisplayName())
                    ? user.getProfile().getDisplayName() : notBlank(user.getRealName()) ? user.getRealName() : user.getName();
            // team_id is the user's home team (another organisation's for a Slack Connect user); guests are restricted
            return Optional.of(new Profile(name, user.getLocale(), user.getTz(), user.getTeamId(),
                    user.isRestricted() || user.isUltraRestricted()));
        };
    }

    private interface ApiCall<T extends SlackApiTextResponse> {
        T call() throws IOException, SlackApiException;
    }

    private static <T extends SlackApiTextResponse> T call(String method, ApiCall<T> call) {
        try {
            T response = call.call();
            if (!response.isOk()) {
                LOG.warnf("Slack %s failed: %s", method, response.getError());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException("Slack " + method + " failed", e);
        } catch (SlackApiException e) {
            throw new IllegalStateException("Slack " + method + " failed: HTTP " + e.getResponse().code(), e);
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
