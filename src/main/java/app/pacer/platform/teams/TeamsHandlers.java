package app.pacer.platform.teams;

import app.pacer.core.command.CommandService;
import app.pacer.core.command.Conversation;
import app.pacer.core.command.Inbound;
import app.pacer.core.command.Outcome;
import app.pacer.core.command.RequestWork;
import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.org.OrgService;
import app.pacer.core.org.Platform;
import app.pacer.core.org.Profile;
import app.pacer.core.org.ProfileSource;
import app.pacer.core.reply.ActionRef;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Button;
import app.pacer.core.reply.FormFallbacks;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.platform.MalformedPayload;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.Entity;
import com.microsoft.bot.schema.Mention;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Maps Teams activities to {@link Inbound}s and replies with Adaptive Cards. Messages are handled after the
 * HTTP answer, on {@link RequestWork}; conversation references are stored for proactive messages.
 */
@Singleton
public class TeamsHandlers {

    private static final Logger LOG = Logger.getLogger(TeamsHandlers.class);

    private final CommandService commands;
    private final TeamsGateway gateway;
    private final RequestWork work;
    private final TeamsConversations conversations;

    /**
     * The service URL each conversation is stored with. Rows are never removed, so while a conversation comes with
     * the same service URL its next messages need no lookup (a transaction of its own on every message, before);
     * another URL is stored again. Entries expire, so a change stored by another replica is seen here too.
     */
    private final Cache<String, String> stored = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(java.time.Duration.ofMinutes(10)).build();
    /** Personal chats created for answers asked for in shared conversations, by tenant, member and service URL. */
    private final Cache<String, ConversationReference> personalChats = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(java.time.Duration.ofMinutes(10)).build();
    private final OrgService org;
    private final Clock clock;

    private final app.pacer.core.command.InboundEvents events;

    public TeamsHandlers(CommandService commands, TeamsGateway gateway, RequestWork work,
            TeamsConversations conversations, OrgService org, Clock clock, app.pacer.core.command.InboundEvents events) {
        this.events = events;
        this.commands = commands;
        this.gateway = gateway;
        this.work = work;
        this.conversations = conversations;
        this.org = org;
        this.clock = clock;
    }

    void accept(Activity activity) {
        String type = activity.getType();
        if (ActivityTypes.MESSAGE.equals(type) && activity.getFrom() != null) {
            work.submit("Teams message", () -> message(activity));
        } else if (ActivityTypes.CONVERSATION_UPDATE.equals(type) && botAdded(activity)
                || ActivityTypes.INSTALLATION_UPDATE.equals(type) && "add".equals(activity.getAction())) {
            work.submit("Teams install", () -> installed(activity));
        }
    }

    private void message(Activity activity) {
        Inbound inbound = inbound(activity, input(activity));
        rememberConversation(activity, inbound);
        String once = null;
        if (inbound.input() instanceof Inbound.Submitted submitted && activity.getReplyToId() != null) {
            // a double click submits the same card twice: the second is dropped, the command ran once
            once = app.pacer.core.command.InboundEvents.submissionKey(inbound.sender().workspaceId() + "/"
                    + activity.getReplyToId(), submitted.values());
            if (!events.firstTime(Platform.TEAMS, once)) {
                return;
            }
        }
        Outcome outcome = commands.handle(inbound);
        if (once != null && outcome.reply() instanceof Reply.FormErrors) {
            events.forget(Platform.TEAMS, once);
        }
        deliver(activity, inbound, outcome);
    }

    private void installed(Activity activity) {
        Inbound inbound = inbound(activity, new Inbound.Typed("", Map.of()));
        rememberConversation(activity, inbound);
        Outcome outcome = commands.welcome(inbound);
        deliver(activity, inbound, outcome);
    }

    /**
     * Sends a reply. In a team channel or a group chat, what is for the asker alone (issue 27: a lead card, an
     * export's download link, a form) goes to their personal chat with Pacer, and the conversation gets a one-line
     * pointer; only {@link Reply.Visibility#CHANNEL} messages are answered there. Personal chats are answered in place.
     */
    private void deliver(Activity activity, Inbound inbound, Outcome outcome) {
        Messages messages = Messages.of(outcome.language());
        Destination here = new Destination() {
            @Override
            public void post(ObjectNode card, String summary) {
                gateway.reply(activity, card, summary);
            }

            @Override
            public void replace(ObjectNode card, String summary) {
                try {
                    gateway.update(activity, activity.getReplyToId(), card, summary);
                } catch (RuntimeException e) {
                    // the original card may be gone; show the form with its errors as a new card
                    gateway.reply(activity, card, summary);
                }
            }
        };
        if (!forTheAskerAlone(activity, outcome.reply())) {
            render(outcome.reply(), messages, here);
            return;
        }
        String pointer;
        try {
            ConversationReference chat = personalChat(activity, inbound);
            // a form with errors comes as a new card: the one it came from is in the shared conversation
            render(outcome.reply(), messages, (card, summary) -> gateway.send(chat, card, summary));
            pointer = "teams.private.sent";
        } catch (RuntimeException e) {
            // never fall back to the shared conversation: say where to ask instead
            LOG.warnf("Could not answer a Teams member in their personal chat: %s", e.toString());
            pointer = "teams.private.unreachable";
        }
        render(Reply.text(messages.get(pointer)), messages, here);
    }

    /** Where the cards of one reply go. */
    private interface Destination {
        void post(ObjectNode card, String summary);

        /** A form shown again with its errors, in place of the card it was submitted from where that can be. */
        default void replace(ObjectNode card, String summary) {
            post(card, summary);
        }
    }

    /**
     * Whether a reply asked for in {@code activity}'s conversation must not be shown there: the conversation is a
     * team channel or a group chat, and the reply is anything but a message for everyone there.
     */
    static boolean forTheAskerAlone(Activity activity, Reply reply) {
        ConversationAccount conversation = activity.getConversation();
        boolean shared = conversation != null && ("channel".equals(conversation.getConversationType())
                || "groupChat".equals(conversation.getConversationType()) || conversation.isGroup());
        return shared && !(reply instanceof Reply.Message message && message.visibility() == Reply.Visibility.CHANNEL);
    }

    private static void render(Reply reply, Messages messages, Destination to) {
        reply.match(new Reply.Cases() {
            @Override
            public void message(Reply.Message message) {
                for (ObjectNode card : AdaptiveCardRenderer.cards(message, messages)) {
                    to.post(card, message.summary());
                }
            }

            @Override
            public void openForm(Reply.OpenForm open) {
                to.post(AdaptiveCardRenderer.form(open.form(), Map.of(), messages), open.form().title());
            }

            @Override
            public void formErrors(Reply.FormErrors errors) {
                if (errors.form() == null) {
                    message(FormFallbacks.errorsAsMessage(errors, messages));
                    return;
                }
                to.replace(AdaptiveCardRenderer.form(errors.form(), errors.errors(), messages), errors.form().title());
            }

            @Override
            public void file(Reply.File file) {
                // Teams: the one-time download link the export already carries
                List<Block> blocks = new ArrayList<>(file.message().blocks());
                blocks.add(new Block.Actions(List.of(Button.link(messages.get("export.download", file.filename()),
                        file.downloadUrl()))));
                message(Reply.message(file.message().summary(), blocks));
            }
        });
    }

    /**
     * The asker's personal chat with Pacer, created through the Bot Connector when not known here yet, and stored
     * like any conversation a member wrote in (so nudges and other direct messages find it too).
     */
    private ConversationReference personalChat(Activity activity, Inbound inbound) {
        String key = inbound.sender().workspaceId() + "\n" + inbound.sender().userId() + "\n" + activity.getServiceUrl();
        ConversationReference known = personalChats.getIfPresent(key);
        if (known != null) {
            return known;
        }
        ConversationReference chat = gateway.personalChat(activity, inbound.sender().workspaceId());
        remember(inbound, chat.getConversation().getId(), "personal", chat.getServiceUrl(), chat);
        personalChats.put(key, chat);
        return chat;
    }

    private Inbound inbound(Activity activity, Inbound.Input input) {
        ChannelAccount from = activity.getFrom();
        String tenant = tenantOf(activity);
        ProfileSource profiles = userId -> userId.equals(from.getId())
                ? Optional.of(new Profile(from.getName(), activity.getLocale(), timeZoneOf(activity)))
                : Optional.empty();
        return new Inbound(Platform.TEAMS, new Inbound.Sender(tenant, null, from.getId(), from.getName(), profiles),
                conversation(activity), input);
    }

    /** Typed text (the bot's own mention removed), or a card's Action.Submit data. */
    static Inbound.Input input(Activity activity) {
        Object value = activity.getValue();
        if (value != null) {
            JsonNode data = TeamsResource.ACTIVITIES.valueToTree(value);
            JsonNode pacer = data.path(AdaptiveCardRenderer.DATA_KEY);
            if (pacer.hasNonNull("c")) {
                Map<String, String> args = new LinkedHashMap<>();
                pacer.path("a").fields().forEachRemaining(e -> args.put(e.getKey(), e.getValue().asText()));
                ActionRef action = new ActionRef(pacer.get("c").asText(), args);
                if (pacer.path("f").asBoolean(false)) {
                    Map<String, String> values = new LinkedHashMap<>();
                    data.fields().forEachRemaining(e -> {
                        if (!e.getKey().equals(AdaptiveCardRenderer.DATA_KEY) && !e.getKey().equals("msteams")) {
                            values.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
                        }
                    });
                    return new Inbound.Submitted(action, values);
                }
                return new Inbound.Clicked(action);
            }
        }
        String text = activity.getText() == null ? "" : activity.getText();
        Map<String, String> mentions = new HashMap<>();
        String botId = activity.getRecipient() == null ? null : activity.getRecipient().getId();
        for (Mention mention : mentionsOf(activity)) {
            if (mention.getMentioned() == null || mention.getMentioned().getId() == null || mention.getText() == null) {
                continue;
            }
            if (mention.getMentioned().getId().equals(botId)) {
                // literal removal: the SDK's removeRecipientMention treats the name as a regex
                text = text.replace(mention.getText(), " ");
            } else {
                mentions.put(mention.getText(), mention.getMentioned().getId());
                String inner = mention.getText().replaceAll("(?i)</?at>", "").trim();
                mentions.put(inner, mention.getMentioned().getId());
            }
        }
        return new Inbound.Typed(text.replace("&nbsp;", " ").trim(), mentions);
    }

    private static List<Mention> mentionsOf(Activity activity) {
        if (activity.getEntities() == null) {
            return List.of();
        }
        return activity.getEntities().stream().filter(e -> "mention".equalsIgnoreCase(e.getType()))
                .map(e -> e.getAs(Mention.class)).filter(m -> m != null).toList();
    }

    static String tenantOf(Activity activity) {
        if (activity.getConversation() != null && activity.getConversation().getTenantId() != null) {
            return activity.getConversation().getTenantId();
        }
        Object channelData = activity.getChannelData();
        if (channelData != null) {
            JsonNode tenant = TeamsResource.ACTIVITIES.valueToTree(channelData).path("tenant").path("id");
            if (tenant.isTextual()) {
                return tenant.asText();
            }
        }
        return null;
    }

    static String timeZoneOf(Activity activity) {
        if (activity.getLocalTimezone() != null) {
            return activity.getLocalTimezone();
        }
        if (activity.getEntities() != null) {
            for (Entity entity : activity.getEntities()) {
                if ("clientInfo".equalsIgnoreCase(entity.getType())) {
                    JsonNode info = TeamsResource.ACTIVITIES.valueToTree(entity);
                    if (info.path("timezone").isTextual()) {
                        return info.path("timezone").asText();
                    }
                }
            }
        }
        return null;
    }

    private static Conversation conversation(Activity activity) {
        String type = activity.getConversation() == null ? null : activity.getConversation().getConversationType();
        Conversation.Kind kind = "channel".equals(type) ? Conversation.Kind.CHANNEL
                : "groupChat".equals(type) ? Conversation.Kind.GROUP : Conversation.Kind.DIRECT;
        return new Conversation(activity.getConversation() == null ? null : activity.getConversation().getId(), kind);
    }

    private static boolean botAdded(Activity activity) {
        String botId = activity.getRecipient() == null ? null : activity.getRecipient().getId();
        if (activity.getMembersAdded() == null) {
            return false;
        }
        if (activity.getMembersAdded().contains(null)) {
            throw new MalformedPayload(Platform.TEAMS, "a null member in membersAdded");
        }
        return activity.getMembersAdded().stream().anyMatch(m -> m.getId() != null && m.getId().equals(botId));
    }

    /** Stores where Pacer can write later: the personal chat with this member, a group chat or a channel. */
    private void rememberConversation(Activity activity, Inbound inbound) {
        if (activity.getConversation() == null) {
            return;
        }
        String type = Optional.ofNullable(activity.getConversation().getConversationType()).orElse("personal");
        remember(inbound, activity.getConversation().getId(), type, activity.getServiceUrl(),
                activity.getConversationReference());
    }

    private void remember(Inbound inbound, String conversationId, String type, String serviceUrl,
            ConversationReference reference) {
        try {
            String key = inbound.sender().workspaceId() + "\n" + conversationId;
            if (serviceUrl.equals(stored.getIfPresent(key))) {
                return; // the usual case: stored already, nothing to read or write on every message
            }
            if (QuarkusTransaction.requiringNew().call(() -> conversations.known(inbound.sender().workspaceId(),
                    conversationId, serviceUrl))) {
                stored.put(key, serviceUrl);
                return;
            }
            Member member = org.resolve(Platform.TEAMS, inbound.sender().workspaceId(), null, inbound.sender().userId(),
                    inbound.sender().displayName(), inbound.sender().profiles());
            conversations.remember(member.workspaceId(), conversationId, type,
                    "personal".equals(type) ? member.id() : null, serviceUrl,
                    TeamsResource.ACTIVITIES.writeValueAsString(reference), clock.instant());
            stored.put(key, serviceUrl); // committed: remember is a transaction of its own
        } catch (Exception e) {
            LOG.warnf("Could not store the Teams conversation reference: %s", e.getMessage());
        }
    }
}
