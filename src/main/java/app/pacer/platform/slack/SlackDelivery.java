package app.pacer.platform.slack;

import app.pacer.core.org.Member;
import app.pacer.core.org.Platform;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.digest.ChartImages;
import app.pacer.delivery.DeliveryConfig;
import app.pacer.delivery.Outbox;
import app.pacer.delivery.OutboxRow;
import app.pacer.delivery.PlatformDelivery;
import app.pacer.delivery.SendResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsOpenResponse;
import com.slack.api.model.Message;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Delivers outbox rows to Slack: {@code conversations.open} once per member (the DM channel is kept), then
 * {@code chat.postMessage} with message metadata carrying the idempotency key. A retried row first looks for
 * that metadata in the conversation's recent history, so a message that arrived before a crash or a timeout
 * is recorded instead of sent again.
 */
@Singleton
public class SlackDelivery implements PlatformDelivery {

    static final String METADATA_EVENT = "pacer_outbox";
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Errors no retry can fix for this message. Token and scope problems are not among them: they are the
     * operator's to fix, and the messages should go out once they are (backoff, up to the attempt limit).
     */
    private static final Set<String> PERMANENT = Set.of("channel_not_found", "user_not_found", "not_in_channel",
            "is_archived", "account_inactive", "cannot_dm_bot", "user_disabled", "msg_too_long", "invalid_blocks",
            "no_text", "restricted_action", "users_not_found", "channel_is_archived");

    private final SlackGateway gateway;
    private final DeliveryConfig config;
    private final EntityManager em;
    private final ChartImages charts;
    private final Clock clock;

    public SlackDelivery(SlackGateway gateway, DeliveryConfig config, EntityManager em, ChartImages charts, Clock clock) {
        this.gateway = gateway;
        this.config = config;
        this.em = em;
        this.charts = charts;
        this.clock = clock;
    }

    @Override
    public boolean uploads() {
        return true;
    }

    @Override
    public Platform platform() {
        return Platform.SLACK;
    }

    @Override
    public String render(Reply.Message message, Messages messages) {
        ArrayNode parts = JSON.createArrayNode();
        BlockKitRenderer.messages(message, messages).forEach(parts::add);
        return parts.toString();
    }

    @Override
    public Optional<String> directTarget(Member member) {
        // someone only ever named in others' commands has not met Pacer: no unprompted DMs
        return member.contacted() ? Optional.of(member.platformUserId()) : Optional.empty();
    }

    @Override
    public List<Rate> rates(OutboxRow row) {
        return List.of(new Rate("slack:" + row.workspaceId() + ":" + row.target(), config.slack().channelRate()),
                new Rate("slack:" + row.workspaceId(), config.slack().workspaceRate()));
    }

    @Override
    public SendResult send(OutboxRow row, Gate gate) {
        if (row.payload().startsWith("{")) {
            // an object is an upload (Outbox.chartToChannel); messages are arrays of parts
            return sendUpload(row, gate);
        }
        List<String> sent = new java.util.ArrayList<>();
        SendResult result = sendParts(row, gate, sent);
        if (!sent.isEmpty() && !(result instanceof SendResult.Sent)) {
            // part of it arrived: retry as a retry (attempt counted), so the history check skips those parts
            return new SendResult.Transient("stopped after part " + sent.size() + ": " + result);
        }
        return result;
    }

    private SendResult sendParts(OutboxRow row, Gate gate, List<String> sent) {
        try {
            String channel = row.kind() == OutboxRow.TargetKind.MEMBER ? dmChannel(row) : row.target();
            JsonNode parts = JSON.readTree(row.payload());
            for (int i = 0; i < parts.size(); i++) {
                JsonNode part = parts.get(i);
                String ts = null;
                if (row.retried()) {
                    History found = alreadyPosted(channel, row, i);
                    if (found.unknown() != null) {
                        // an earlier attempt may have arrived and we cannot tell: wait rather than risk a duplicate
                        return found.unknown();
                    }
                    ts = found.ts();
                }
                if (ts == null) {
                    if (!gate.pass()) {
                        return new SendResult.Transient("lease lost before posting");
                    }
                    int index = i;
                    ChatPostMessageResponse response = gateway.methods().chatPostMessage(r -> r.channel(channel)
                            .text(part.path("text").asText()).blocksAsString(part.path("blocks").toString())
                            .metadata(new Message.Metadata(METADATA_EVENT,
                                    Map.of("key", row.idempotencyKey(), "part", index))));
                    if (!response.isOk()) {
                        return failure(response.getError());
                    }
                    ts = response.getTs();
                }
                sent.add(ts);
            }
            return new SendResult.Sent(sent.isEmpty() ? null : sent.get(0));
        } catch (SlackApiException e) {
            return httpFailure(e);
        } catch (IOException | RuntimeException e) {
            return new SendResult.Transient(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (PermanentFailure e) {
            return new SendResult.Permanent(e.getMessage());
        } catch (RateLimit e) {
            return new SendResult.RateLimited(e.delay);
        }
    }

    /**
     * Uploads a stored chart image into the row's channel. Slack keeps no metadata on a file share, so a retried
     * row looks in the channel's recent history for a file of the same name and title before uploading again.
     */
    private SendResult sendUpload(OutboxRow row, Gate gate) {
        try {
            JsonNode upload = JSON.readTree(row.payload()).path(Outbox.UPLOAD);
            String token = upload.path("chart").asText(null);
            String filename = upload.path("filename").asText("chart.png");
            String title = upload.path("title").asText(filename);
            if (token == null) {
                return new SendResult.Permanent("unknown upload payload");
            }
            Optional<byte[]> png = charts.load(token, clock.instant());
            if (png.isEmpty()) {
                return new SendResult.Permanent("chart image expired or missing");
            }
            String channel = row.kind() == OutboxRow.TargetKind.MEMBER ? dmChannel(row) : row.target();
            if (row.retried()) {
                History found = alreadyUploaded(channel, row, filename, title);
                if (found.unknown() != null) {
                    return found.unknown();
                }
                if (found.ts() != null) {
                    return new SendResult.Sent(found.ts());
                }
            }
            if (!gate.pass()) {
                return new SendResult.Transient("lease lost before uploading");
            }
            return new SendResult.Sent(gateway.upload(channel, filename, png.get(), title));
        } catch (SlackApiException e) {
            return httpFailure(e);
        } catch (SlackGateway.ApiError e) {
            SendResult result = failure(e.error());
            return result instanceof SendResult.Transient ? new SendResult.Transient(e.getMessage()) : result;
        } catch (IOException | RuntimeException e) {
            return new SendResult.Transient(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (PermanentFailure e) {
            return new SendResult.Permanent(e.getMessage());
        } catch (RateLimit e) {
            return new SendResult.RateLimited(e.delay);
        }
    }

    /** Whether a file with this name and title was shared in the channel since shortly before the row was made. */
    private History alreadyUploaded(String channel, OutboxRow row, String filename, String title) {
        try {
            long oldest = row.createdAt().getEpochSecond() - 60;
            ConversationsHistoryResponse history = gateway.methods().conversationsHistory(r -> r.channel(channel)
                    .oldest(oldest + ".000000").limit(200));
            if ("missing_scope".equals(history.getError())) {
                return new History(null, null);
            }
            if (!history.isOk() || history.getMessages() == null) {
                return new History(null, failure(history.getError()));
            }
            for (Message message : history.getMessages()) {
                if (message.getFiles() == null) {
                    continue;
                }
                for (com.slack.api.model.File file : message.getFiles()) {
                    if (filename.equals(file.getName()) && title.equals(file.getTitle())) {
                        return new History(file.getId() != null ? file.getId() : message.getTs(), null);
                    }
                }
            }
            return new History(null, null);
        } catch (SlackApiException e) {
            return new History(null, httpFailure(e));
        } catch (IOException | RuntimeException e) {
            return new History(null, new SendResult.Transient("history check: " + e.getMessage()));
        }
    }

    /** The DM channel with a member: remembered, else opened once. */
    private String dmChannel(OutboxRow row) throws IOException, SlackApiException, PermanentFailure, RateLimit {
        List<?> found = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "SELECT channel_id FROM slack_dm WHERE workspace_id = ?1 AND user_id = ?2")
                .setParameter(1, row.workspaceId()).setParameter(2, row.target()).getResultList());
        String known = found.isEmpty() ? null : found.get(0).toString();
        if (known != null) {
            return known;
        }
        ConversationsOpenResponse opened;
        try {
            opened = gateway.methods().conversationsOpen(r -> r.users(List.of(row.target())).returnIm(true));
        } catch (SlackApiException e) {
            SendResult result = httpFailure(e);
            if (result instanceof SendResult.RateLimited limited) {
                throw new RateLimit(limited.delay());
            }
            throw e;
        }
        if (!opened.isOk() || opened.getChannel() == null) {
            if (PERMANENT.contains(opened.getError())) {
                throw new PermanentFailure(opened.getError());
            }
            throw new IOException("conversations.open: " + opened.getError());
        }
        String channel = opened.getChannel().getId();
        QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                INSERT INTO slack_dm (workspace_id, user_id, channel_id) VALUES (?1, ?2, ?3)
                ON CONFLICT (workspace_id, user_id) DO UPDATE SET channel_id = EXCLUDED.channel_id""")
                .setParameter(1, row.workspaceId()).setParameter(2, row.target()).setParameter(3, channel).executeUpdate());
        return channel;
    }

    /** What the history says about one part: its ts when it arrived, or why we could not tell. */
    private record History(String ts, SendResult unknown) {
    }

    /** Whether this part already reached the channel (its metadata carries the key). */
    private History alreadyPosted(String channel, OutboxRow row, int part) {
        try {
            long oldest = row.createdAt().getEpochSecond() - 60;
            ConversationsHistoryResponse history = gateway.methods().conversationsHistory(r -> r.channel(channel)
                    .oldest(oldest + ".000000").limit(200).includeAllMetadata(true));
            if ("missing_scope".equals(history.getError())) {
                // this install cannot read history at all: send, and the window stays as the README says
                return new History(null, null);
            }
            if (!history.isOk() || history.getMessages() == null) {
                return new History(null, failure(history.getError()));
            }
            for (Message message : history.getMessages()) {
                Message.Metadata metadata = message.getMetadata();
                if (metadata != null && METADATA_EVENT.equals(metadata.getEventType()) && metadata.getEventPayload() != null
                        && row.idempotencyKey().equals(Objects.toString(metadata.getEventPayload().get("key")))
                        && String.valueOf(part).equals(numberText(metadata.getEventPayload().get("part")))) {
                    return new History(message.getTs(), null);
                }
            }
            return new History(null, null);
        } catch (SlackApiException e) {
            return new History(null, httpFailure(e));
        } catch (IOException | RuntimeException e) {
            return new History(null, new SendResult.Transient("history check: " + e.getMessage()));
        }
    }

    private static String numberText(Object value) {
        if (value instanceof Number n) {
            return String.valueOf(n.longValue());
        }
        return Objects.toString(value);
    }

    private static SendResult failure(String error) {
        if ("ratelimited".equals(error) || "rate_limited".equals(error)) {
            return new SendResult.RateLimited(Duration.ofSeconds(1));
        }
        return PERMANENT.contains(error) ? new SendResult.Permanent(error) : new SendResult.Transient(error);
    }

    static SendResult httpFailure(SlackApiException e) {
        int status = e.getResponse() == null ? 0 : e.getResponse().code();
        if (status == 429) {
            return new SendResult.RateLimited(app.pacer.delivery.RetryAfter.parse(e.getResponse().header("Retry-After")));
        }
        String error = e.getError() != null ? e.getError().getError() : null;
        if (error != null && PERMANENT.contains(error)) {
            return new SendResult.Permanent(error);
        }
        return new SendResult.Transient("HTTP " + status + (error == null ? "" : " " + error));
    }

    private static final class PermanentFailure extends Exception {
        PermanentFailure(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final class RateLimit extends Exception {
        private final Duration delay;

        RateLimit(Duration delay) {
            super("rate limited", null, false, false);
            this.delay = delay;
        }
    }
}
