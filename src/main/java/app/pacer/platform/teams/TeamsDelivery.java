package app.pacer.platform.teams;

import app.pacer.core.org.Member;
import app.pacer.core.org.Platform;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.delivery.DeliveryConfig;
import app.pacer.delivery.OutboxRow;
import app.pacer.delivery.PlatformDelivery;
import app.pacer.delivery.SendResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.connector.rest.ErrorResponseException;
import com.microsoft.bot.schema.ConversationReference;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Delivers outbox rows to Teams proactively, through the conversation reference stored when the member (or
 * channel) first talked to Pacer. Teams has no way to look a sent message up by our key, so a crash between
 * the connector's answer and the outbox update can still duplicate one message (see the README).
 */
@Singleton
public class TeamsDelivery implements PlatformDelivery {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Teams asks to retry these (besides 429) with backoff. */
    private static final Set<Integer> RETRYABLE = Set.of(408, 412, 500, 502, 503, 504);

    private final TeamsGateway gateway;
    private final TeamsConversations conversations;
    private final DeliveryConfig config;

    public TeamsDelivery(TeamsGateway gateway, TeamsConversations conversations, DeliveryConfig config) {
        this.gateway = gateway;
        this.conversations = conversations;
        this.config = config;
    }

    @Override
    public Platform platform() {
        return Platform.TEAMS;
    }

    @Override
    public String render(Reply.Message message, Messages messages) {
        ArrayNode cards = JSON.createArrayNode();
        AdaptiveCardRenderer.cards(message, messages).forEach(cards::add);
        ObjectNode payload = JSON.createObjectNode();
        payload.put("summary", message.summary());
        payload.set("cards", cards);
        return payload.toString();
    }

    @Override
    public Optional<String> directTarget(Member member) {
        return conversations.personal(member.workspaceId(), member.id()).map(TeamsConversation::conversationId);
    }

    @Override
    public List<Rate> rates(OutboxRow row) {
        return List.of(new Rate("teams:" + row.workspaceId() + ":" + row.target(), config.teams().conversationRate()),
                new Rate("teams:" + row.workspaceId(), config.teams().tenantRate()));
    }

    @Override
    public SendResult send(OutboxRow row, Gate gate) {
        try {
            Optional<TeamsConversation> stored = QuarkusTransaction.requiringNew()
                    .call(() -> conversations.find(row.workspaceId(), row.target()));
            if (stored.isEmpty()) {
                return new SendResult.Permanent("no stored conversation reference");
            }
            ConversationReference reference = TeamsResource.ACTIVITIES.readValue(stored.get().referenceJson(),
                    ConversationReference.class);
            JsonNode payload = JSON.readTree(row.payload());
            String first = null;
            for (JsonNode card : payload.path("cards")) {
                if (!gate.pass()) {
                    return new SendResult.Transient("lease lost before posting");
                }
                String id = gateway.send(reference, (ObjectNode) card, payload.path("summary").asText());
                first = first == null ? id : first;
            }
            return new SendResult.Sent(first);
        } catch (Exception e) {
            return classify(e);
        }
    }

    static SendResult classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ErrorResponseException rest && rest.response() != null) {
                int status = rest.response().code();
                if (status == 429) {
                    return new SendResult.RateLimited(app.pacer.delivery.RetryAfter.parse(rest.response().headers().get("Retry-After")));
                }
                if (RETRYABLE.contains(status)) {
                    return new SendResult.Transient("HTTP " + status);
                }
                return new SendResult.Permanent("HTTP " + status);
            }
        }
        return new SendResult.Transient(error.getClass().getSimpleName() + ": " + error.getMessage());
    }
}
