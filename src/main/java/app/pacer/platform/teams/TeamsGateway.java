package app.pacer.platform.teams;

import app.pacer.config.PacerConfig;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.connector.ConnectorClient;
import com.microsoft.bot.connector.rest.RestConnectorClient;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Attachment;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationParameters;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.ConversationResourceResponse;
import com.microsoft.bot.schema.ResourceResponse;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Pacer's outbound calls to the Bot Connector — the only class that sends through the Bot Framework SDK, so
 * the retired SDK can be replaced here alone.
 */
@Singleton
public class TeamsGateway {

    private final Map<String, ConnectorClient> clients = new ConcurrentHashMap<>();
    private final PacerConfig config;
    private final TeamsTokens tokens;

    public TeamsGateway(PacerConfig config, TeamsTokens tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    /** Replies in the conversation of {@code incoming}, threaded under it. */
    public String reply(Activity incoming, ObjectNode card, String summary) {
        Activity reply = cardActivity(card, summary);
        reply.setReplyToId(incoming.getId());
        ResourceResponse response = join(client(incoming.getServiceUrl()).getConversations()
                .replyToActivity(incoming.getConversation().getId(), incoming.getId(), reply));
        return response == null ? null : response.getId();
    }

    /** Sends to a stored conversation (proactive messages). */
    public String send(ConversationReference reference, ObjectNode card, String summary) {
        Activity activity = cardActivity(card, summary);
        ResourceResponse response = join(client(reference.getServiceUrl()).getConversations()
                .sendToConversation(reference.getConversation().getId(), activity));
        return response == null ? null : response.getId();
    }

    /**
     * The personal (1:1) chat between Pacer and the sender of {@code incoming}, as a reference to send to: created
     * through the Bot Connector ({@code POST /v3/conversations} with the member, the bot and the tenant), as the Bot
     * Framework does for proactive 1:1 messages. Teams answers with the existing chat when there is one.
     */
    public ConversationReference personalChat(Activity incoming, String tenantId) {
        ConversationParameters parameters = new ConversationParameters();
        parameters.setIsGroup(false);
        parameters.setBot(incoming.getRecipient());
        parameters.setMembers(List.of(new ChannelAccount(incoming.getFrom().getId())));
        parameters.setTenantId(tenantId);
        // a JSON tree, not a Map: the SDK's mapper reads fields, and the JDK's immutable maps do not open theirs
        ObjectNode channelData = TeamsResource.ACTIVITIES.createObjectNode();
        channelData.putObject("tenant").put("id", tenantId);
        parameters.setChannelData(channelData);
        ConversationResourceResponse created = join(client(incoming.getServiceUrl()).getConversations()
                .createConversation(parameters));
        if (created == null || created.getId() == null || created.getId().isBlank()) {
            throw new IllegalStateException("The Bot Connector created no conversation");
        }
        ConversationAccount chat = new ConversationAccount(created.getId());
        chat.setConversationType("personal");
        chat.setTenantId(tenantId);
        ConversationReference reference = new ConversationReference();
        reference.setChannelId(incoming.getChannelId());
        reference.setServiceUrl(created.getServiceUrl() == null ? incoming.getServiceUrl() : created.getServiceUrl());
        reference.setBot(incoming.getRecipient());
        reference.setUser(incoming.getFrom());
        reference.setConversation(chat);
        reference.setLocale(incoming.getLocale());
        return reference;
    }

    /** Replaces a card Pacer sent earlier (a form shown again with its errors). */
    public void update(Activity incoming, String activityId, ObjectNode card, String summary) {
        Activity activity = cardActivity(card, summary);
        activity.setId(activityId);
        join(client(incoming.getServiceUrl()).getConversations()
                .updateActivity(incoming.getConversation().getId(), activityId, activity));
    }

    private static Activity cardActivity(ObjectNode card, String summary) {
        Activity activity = Activity.createMessageActivity();
        Attachment attachment = new Attachment();
        attachment.setContentType(AdaptiveCardRenderer.CONTENT_TYPE);
        attachment.setContent(card);
        activity.setAttachments(List.of(attachment));
        activity.setSummary(summary);
        return activity;
    }

    private ConnectorClient client(String serviceUrl) {
        return clients.computeIfAbsent(serviceUrl, url -> new RestConnectorClient(url,
                new TeamsCredentials(config.teams().appId().orElse(""), tokens)));
    }

    private static <T> T join(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling the Bot Connector", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Bot Connector call failed: " + e.getMessage(), e);
        }
    }
}
