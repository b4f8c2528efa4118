package app.pacer.platform.slack;

import app.pacer.core.command.CommandService;
import app.pacer.core.command.Conversation;
import app.pacer.core.command.Inbound;
import app.pacer.core.command.Mentions;
import app.pacer.core.command.InboundEvents;
import app.pacer.core.command.Outcome;
import app.pacer.core.command.Overloaded;
import app.pacer.core.command.RequestWork;
import app.pacer.core.org.Platform;
import app.pacer.core.reply.FormFallbacks;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.platform.MalformedPayload;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.view.ViewState;
import app.pacer.core.command.HomeChanged;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Maps Slack's requests to {@link Inbound}s and replies back. Everything is acknowledged at once; the work
 * continues on {@link RequestWork} and answers through {@code response_url} or the Web API. Form submissions
 * are the exception: they are validated before the acknowledgement so errors show on the modal.
 */
@Singleton
public class SlackHandlers {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(SlackHandlers.class);


    private final CommandService commands;
    private final SlackGateway gateway;
    private final RequestWork work;
    private final InboundEvents events;
    /** Members whose App Home refresh is queued and not started. */
    private final java.util.Set<Long> homesWaiting = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final SlackHomes homes;

    public SlackHandlers(CommandService commands, SlackGateway gateway, RequestWork work, InboundEvents events,
            SlackHomes homes) {
        this.commands = commands;
        this.gateway = gateway;
        this.work = work;
        this.events = events;
        this.homes = homes;
    }

    void register(App app) {
        app.command("/pacer", (req, ctx) -> {
            SlashCommandPayload p = req.getPayload();
            Inbound inbound = new Inbound(Platform.SLACK, sender(p.getTeamId(), p.getTeamDomain(), p.getUserId(), p.getUserName(), null),
                    conversation(p.getChannelId(), p.getChannelName()), new Inbound.Typed(p.getText(), Map.of()));
            Answer answer = new Answer(p.getResponseUrl(), p.getChannelId(), null, p.getTriggerId(), p.getUserId());
            // when the queue is full, Overloaded goes on to PlatformErrors, which tells the member to try again
            work.submit("/pacer from Slack", () -> deliver(commands.handle(inbound), inbound, answer));
            return ctx.ack();
        });

        app.blockAction(SlackIds.ANY_ACTION, (req, ctx) -> {
            BlockActionPayload p = req.getPayload();
            var action = p.getActions() == null || p.getActions().isEmpty() ? null : p.getActions().get(0);
            if (action == null || !action.getActionId().startsWith(SlackIds.ACTION_PREFIX)) {
                return ctx.ack(); // not one of ours (or a link button): nothing to do, but never a 404
            }
            SlackIds.decodeAction(action.getValue()).ifPresent(ref -> {
                String channelId = p.getChannel() != null ? p.getChannel().getId() : null;
                Inbound inbound = new Inbound(Platform.SLACK,
                        sender(p.getTeam() == null ? null : p.getTeam().getId(), p.getTeam() == null ? null : p.getTeam().getDomain(),
                        p.getUser() == null ? null : p.getUser().getId(), p.getUser() == null ? null : p.getUser().getName(),
                        p.getUser() == null ? null : p.getUser().getTeamId()),
                        conversation(channelId, null), new Inbound.Clicked(ref));
                Answer answer = new Answer(p.getResponseUrl(), channelId, null, p.getTriggerId(), p.getUser().getId());
                boolean inHome = p.getView() != null && "home".equals(p.getView().getType());
                work.submit("Slack button", () -> {
                    deliver(commands.handle(inbound), inbound, answer);
                    if (inHome) {
                        // they are looking at it: the refresh this click may have started (due in 2 s) publishes
                        homes.opened(inbound.sender().workspaceId(), inbound.sender().userId());
                    }
                });
            });
            return ctx.ack();
        });

        app.viewSubmission(SlackIds.FORM_CALLBACK, (req, ctx) -> {
            ViewSubmissionPayload p = req.getPayload();
            var form = SlackIds.FormContext.decode(p.getView().getPrivateMetadata());
            if (form.isEmpty()) {
                return ctx.ack();
            }
            Map<String, String> submitted = values(p.getView().getState());
            Inbound inbound = new Inbound(Platform.SLACK,
                    sender(p.getTeam() == null ? null : p.getTeam().getId(), p.getTeam() == null ? null : p.getTeam().getDomain(),
                        p.getUser() == null ? null : p.getUser().getId(), p.getUser() == null ? null : p.getUser().getName(),
                        p.getUser() == null ? null : p.getUser().getTeamId()),
                    conversation(form.get().channelId(), null),
                    new Inbound.Submitted(form.get().action(), submitted));
            // a double click posts the same view twice: the second is closed without running the command again
            String once = InboundEvents.submissionKey(inbound.sender().workspaceId() + "/" + p.getView().getId(), submitted);
            if (!events.firstTime(Platform.SLACK, once)) {
                return ctx.ack();
            }
            Outcome outcome = commands.handle(inbound);
            if (outcome.reply() instanceof Reply.FormErrors errors) {
                events.forget(Platform.SLACK, once);
                // modal errors are plain text: no Markdown
                Map<String, String> plain = new LinkedHashMap<>();
                errors.errors().forEach((input, message) -> plain.put(input, Markdown.plain(message)));
                return ctx.ackWithErrors(plain);
            }
            Answer answer = new Answer(form.get().responseUrl(), form.get().channelId(), null, null, p.getUser().getId());
            try {
                work.submit("Slack form reply", () -> deliver(outcome, inbound, answer));
            } catch (Overloaded busy) {
                LOG.debugf("Form stored, its confirmation dropped: %s", busy.getMessage()); // the modal closes, the data is in
            }
            return ctx.ack();
        });

        app.viewClosed(SlackIds.FORM_CALLBACK, (req, ctx) -> ctx.ack());

        app.event(AppHomeOpenedEvent.class, (payload, ctx) -> {
            AppHomeOpenedEvent e = payload.getEvent();
            if ("home".equals(e.getTab()) && events.firstTime(Platform.SLACK, payload.getEventId())) {
                Inbound inbound = new Inbound(Platform.SLACK, sender(payload.getTeamId(), null, e.getUser(), null, null),
                        new Conversation(e.getChannel(), Conversation.Kind.DIRECT), new Inbound.Typed("", Map.of()));
                submitOrForget(payload.getEventId(), "Slack App Home", () -> {
                    Outcome outcome = commands.welcome(inbound);
                    homes.opened(payload.getTeamId(), e.getUser());
                    gateway.publishHome(e.getUser(), BlockKitRenderer.home((Reply.Message) outcome.reply(),
                            Messages.of(outcome.language())));
                });
            }
            return ctx.ack();
        });

        app.event(AppMentionEvent.class, (payload, ctx) -> {
            AppMentionEvent e = payload.getEvent();
            if (e.getBotId() == null && events.firstTime(Platform.SLACK, payload.getEventId())) {
                String thread = e.getThreadTs() != null ? e.getThreadTs() : e.getTs();
                // in a Slack Connect channel the event says the user's own team (user_team; older payloads: team)
                String userTeam = e.getUserTeam() != null ? e.getUserTeam() : e.getTeam();
                typedEvent(payload.getEventId(), payload.getTeamId(), e.getUser(), userTeam, e.getChannel(),
                        Conversation.Kind.CHANNEL, e.getText(), thread);
            }
            return ctx.ack();
        });

        app.event(MessageEvent.class, (payload, ctx) -> {
            MessageEvent e = payload.getEvent();
            if ("im".equals(e.getChannelType()) && e.getBotId() == null && e.getUser() != null
                    && events.firstTime(Platform.SLACK, payload.getEventId())) {
                typedEvent(payload.getEventId(), payload.getTeamId(), e.getUser(), e.getTeam(), e.getChannel(),
                        Conversation.Kind.DIRECT, e.getText(), null);
            }
            return ctx.ack();
        });
    }

    /**
     * Slack's App Home shows progress: publish it again shortly after a change has committed, for members who
     * looked at it lately ({@link SlackHomes#WATCHED}; the others get it fresh when they open it). Changes within
     * {@link #HOME_REFRESH_DELAY} of the first share one refresh, rendered with all of them (a member logging
     * several things in a row, a manager setting targets for the team), which keeps each member well inside
     * views.publish's rate limit and spares the work of rendering the home once per change. Under overload the
     * refresh is skipped; the next change brings it up to date.
     */
    void onHomeChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) HomeChanged changed) {
        Long member = changed.memberId();
        if (!homesWaiting.add(member)) {
            return;
        }
        homeTimer.schedule(() -> {
            try {
                work.submit("Slack App Home refresh", () -> {
                    homesWaiting.remove(member); // from here on, a change needs a refresh of its own
                    homes.toRefresh(member).ifPresent(user -> {
                        Outcome outcome = commands.home(member);
                        gateway.publishHome(user, BlockKitRenderer.home((Reply.Message) outcome.reply(), Messages.of(outcome.language())));
                    });
                });
            } catch (RuntimeException busyOrStopping) {
                homesWaiting.remove(member);
            }
        }, HOME_REFRESH_DELAY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How long a member's App Home waits for more changes before it is published again. */
    static final Duration HOME_REFRESH_DELAY = Duration.ofSeconds(2);

    /** Only waits, then hands the refresh to the request workers. */
    private final ScheduledExecutorService homeTimer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "pacer-home-timer");
        thread.setDaemon(true);
        return thread;
    });

    @jakarta.annotation.PreDestroy
    void stop() {
        homeTimer.shutdownNow();
    }

    private void typedEvent(String eventId, String teamId, String userId, String userTeam, String channel, Conversation.Kind kind,
            String text, String thread) {
        String command = withoutFirstMention(text == null ? "" : text).trim();
        command = command.startsWith("/pacer") ? command.substring("/pacer".length()).trim() : command;
        Inbound inbound = new Inbound(Platform.SLACK, sender(teamId, null, userId, null, userTeam), new Conversation(channel, kind),
                new Inbound.Typed(command, Map.of()));
        Answer answer = new Answer(null, channel, thread, null, userId);
        submitOrForget(eventId, "Slack message", () -> deliver(commands.handle(inbound), inbound, answer));
    }

    /** The text without its first mention ({@code <@U1>} or {@code <@U1|name>}). */
    static String withoutFirstMention(String text) {
        int[] mention = Mentions.slack(text).find(0);
        return mention == null ? text : text.substring(0, mention[0]) + text.substring(mention[1]);
    }

    /**
     * An event refused for overload is forgotten, so Slack's retry (it retries what is not acknowledged with a 2xx)
     * is taken as new; the refusal travels on as a 503.
     */
    private void submitOrForget(String eventId, String what, Runnable task) {
        try {
            work.submit(what, task);
        } catch (Overloaded busy) {
            if (eventId != null) {
                events.forget(Platform.SLACK, eventId);
            }
            throw busy;
        }
    }

    /** Where and how to answer one request. */
    private record Answer(String responseUrl, String channelId, String threadTs, String triggerId, String userId) {
    }

    private void deliver(Outcome outcome, Inbound inbound, Answer answer) {
        Messages messages = Messages.of(outcome.language());
        outcome.reply().match(new Reply.Cases() {
            @Override
            public void message(Reply.Message message) {
                send(message, messages, inbound, answer);
            }

            @Override
            public void openForm(Reply.OpenForm open) {
                if (answer.triggerId() != null) {
                    String metadata = new SlackIds.FormContext(open.form().action(), answer.channelId(), answer.responseUrl()).encode();
                    gateway.openView(answer.triggerId(), BlockKitRenderer.modal(open.form(), Map.of(), metadata, messages));
                } else {
                    // typed in a DM or a mention: no trigger id, so offer a button that opens the form
                    send(FormFallbacks.launcher(open.form(), messages), messages, inbound, answer);
                }
            }

            @Override
            public void formErrors(Reply.FormErrors errors) {
                send(FormFallbacks.errorsAsMessage(errors, messages), messages, inbound, answer);
            }

            @Override
            public void file(Reply.File file) {
                gateway.uploadToDm(answer.userId(), file.filename(), file.content(), file.message().summary());
                send(file.message(), messages, inbound, answer);
            }
        });
    }

    private void send(Reply.Message message, Messages messages, Inbound inbound, Answer answer) {
        boolean inChannel = message.visibility() == Reply.Visibility.CHANNEL;
        for (ObjectNode part : BlockKitRenderer.messages(message, messages)) {
            if (answer.responseUrl() != null) {
                gateway.respond(answer.responseUrl(), part, inChannel);
            } else if (!inChannel && answer.channelId() != null && inbound.conversation().kind() != Conversation.Kind.DIRECT) {
                // a mention in a channel: private answers stay private
                gateway.postEphemeral(answer.channelId(), answer.userId(), answer.threadTs(), part);
            } else {
                String channel = answer.channelId() != null ? answer.channelId() : answer.userId();
                gateway.postMessage(channel, answer.threadTs(), part);
            }
        }
    }

    /** {@code userTeam}: the team the user belongs to, where the payload says (null where it does not). */
    private Inbound.Sender sender(String teamId, String teamName, String userId, String userName, String userTeam) {
        if (teamId == null || teamId.isBlank() || userId == null || userId.isBlank()) {
            throw new MalformedPayload(Platform.SLACK, "no team or user id");
        }
        return new Inbound.Sender(teamId, teamName, userId, userName, gateway.profiles(), userTeam);
    }

    private static Conversation conversation(String channelId, String channelName) {
        if (channelId == null) {
            return new Conversation(null, Conversation.Kind.DIRECT);
        }
        Conversation.Kind kind = channelId.startsWith("D") || "directmessage".equals(channelName) ? Conversation.Kind.DIRECT
                : channelId.startsWith("G") || "privategroup".equals(channelName) ? Conversation.Kind.GROUP
                : Conversation.Kind.CHANNEL;
        return new Conversation(channelId, kind);
    }

    /** Input values by input name (the block id); every element uses the action id {@code v}. */
    static Map<String, String> values(ViewState state) {
        Map<String, String> values = new LinkedHashMap<>();
        if (state == null || state.getValues() == null) {
            return values;
        }
        state.getValues().forEach((blockId, actions) -> {
            ViewState.Value v = actions.get(BlockKitRenderer.INPUT_ACTION);
            if (v == null) {
                return;
            }
            String value = v.getValue() != null ? v.getValue()
                    : v.getSelectedDate() != null ? v.getSelectedDate()
                    : v.getSelectedOption() != null ? v.getSelectedOption().getValue() : null;
            if (value != null) {
                values.put(blockId, value);
            }
        });
        return values;
    }

}
