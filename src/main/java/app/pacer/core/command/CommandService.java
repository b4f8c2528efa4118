package app.pacer.core.command;

import app.pacer.core.section.HomeSections;
import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.org.NotServed;
import app.pacer.core.org.OrgService;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Form;
import app.pacer.core.reply.Language;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The one path every request takes, whatever the platform: find the member, find the command, bind its
 * arguments, check the role, run the handler in a transaction, and turn anything that goes wrong into a
 * friendly reply in the member's language.
 */
@ApplicationScoped
public class CommandService {

    private static final Logger LOG = Logger.getLogger(CommandService.class);
    /**
     * Typed text longer than this is refused before it is read. Slack allows 40,000 characters in a slash command and
     * Teams about as many in a message; no command needs that: the longest typed free text is a note or comment of at
     * most 3,000 characters (the largest form field, and Slack's limit for one text block) plus the command's words
     * and options. Long-form content comes through forms, whose inputs have their own limits.
     */
    public static final int MAX_TYPED = 4_000;

    private final CommandRegistry registry;
    private final OrgService org;
    private final MemberRepository members;
    private final Clock clock;
    private final HomeSections homeSections;
    private final CommandDeadlines deadlines;

    public CommandService(CommandRegistry registry, OrgService org, MemberRepository members, Clock clock,
            HomeSections homeSections, CommandDeadlines deadlines) {
        this.registry = registry;
        this.org = org;
        this.members = members;
        this.clock = clock;
        this.homeSections = homeSections;
        this.deadlines = deadlines;
    }

    /** Runs a typed, clicked or submitted command within {@code pacer.command.timeout}. */
    public Outcome handle(Inbound inbound) {
        try (CommandDeadlines.Deadline deadline = deadlines.start()) {
            return handle(inbound, deadline);
        }
    }

    private Outcome handle(Inbound inbound, CommandDeadlines.Deadline deadline) {
        try {
            return handleWith(inbound, deadline);
        } catch (RuntimeException e) {
            if (deadline.passed()) {
                // before the member was read: both languages, since we cannot know theirs
                LOG.warnf("Timed out: a command from %s ran longer than %s and was stopped (%s)", inbound.platform(),
                        deadlines.timeout(), rootMessage(e));
                return new Outcome(Reply.text(Messages.of(Language.EN).get("error.timeout") + "\n"
                        + Messages.of(Language.ZH).get("error.timeout")), Language.EN);
            }
            if (!DatabaseUnavailable.is(e)) {
                throw e;
            }
            // not even the member could be read: both languages, since we cannot know theirs
            LOG.warnf("Database unavailable: a command from %s was not run (%s)", inbound.platform(), rootMessage(e));
            return new Outcome(Reply.text(DatabaseUnavailable.saidToMembers()), Language.EN);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private Outcome handleWith(Inbound inbound, CommandDeadlines.Deadline deadline) {
        Inbound.Sender sender = inbound.sender();
        if (sender.fromAnotherTeam()) {
            return refusal(NotServed.Why.STRANGER); // nothing read, nothing written
        }
        Asker asker = new Asker();
        // the usual case, a known member with a fresh profile: found and served in one transaction
        Outcome outcome = guarded(asker, deadline, () -> {
            Member known = org.known(inbound.platform(), sender.workspaceId(), sender.userId()).orElse(null);
            return known == null ? null : run(inbound, asker.is(known));
        });
        if (outcome != null) {
            return outcome;
        }
        // first contact or a stale profile: the member is written in a transaction of its own, then served
        Long memberId;
        try {
            memberId = org.resolve(inbound.platform(), sender.workspaceId(), sender.workspaceName(), sender.userId(),
                    sender.displayName(), sender.profiles()).id();
        } catch (NotServed refused) {
            return refusal(refused.why());
        }
        return guarded(asker, deadline, () -> run(inbound, asker.is(members.findById(memberId))));
    }

    private Outcome run(Inbound inbound, Member member) {
        Reply reply = dispatch(inbound, member);
        // the command may have changed the member's language: answer in the new one
        return new Outcome(reply, member.language());
    }

    /** Who is asking, and in which language, as read before the command ran (a rollback undoes what it changed). */
    private static final class Asker {
        private Member member;
        private Language language;

        Member is(Member member) {
            this.member = member;
            this.language = member.language();
            return member;
        }
    }

    /**
     * Runs a command in a transaction of its own; what goes wrong is rolled back and answered in the asker's
     * language. Before the member is read, a failure goes to {@link #handle}, which answers in both. What is not done
     * within the deadline is rolled back too, even when it finished late: "took too long" then means "nothing changed".
     */
    private Outcome guarded(Asker asker, CommandDeadlines.Deadline deadline, java.util.concurrent.Callable<Outcome> command) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                // SQL waits in the database, where an interrupt does not reach: bound each statement by what is left
                members.getEntityManager().createNativeQuery("SELECT set_config('statement_timeout', ?1, true)")
                        .setParameter(1, String.valueOf(deadline.remainingMillis())).getSingleResult();
                Outcome outcome = command.call();
                if (deadline.passed()) {
                    throw new TimedOut();
                }
                return outcome;
            });
        } catch (RuntimeException e) {
            if (asker.member == null) {
                throw e;
            }
            Language language = asker.language;
            Messages messages = Messages.of(language);
            if (e instanceof FormFailure failure) {
                return new Outcome(failure.reply, language);
            } else if (e instanceof ArgError error) {
                return new Outcome(errorReply(error, messages, null), language);
            } else if (e instanceof UsageError usage) {
                return new Outcome(errorReply(usage.error(), messages, usage.usage()), language);
            } else if (deadline.passed()) {
                LOG.warnf("Timed out: a command of member %d ran longer than %s and was stopped (%s)", asker.member.id(),
                        deadlines.timeout(), rootMessage(e));
                return new Outcome(Reply.text(messages.get("error.timeout")), language);
            } else if (DatabaseUnavailable.is(e)) {
                LOG.warnf("Database unavailable: command of member %d not run (%s)", asker.member.id(), rootMessage(e));
                return new Outcome(Reply.text(messages.get("error.unavailable")), language);
            }
            String incident = UUID.randomUUID().toString().substring(0, 8);
            LOG.errorf(e, "Command failed (incident %s) for member %d", incident, asker.member.id());
            return new Outcome(Reply.text(messages.get("error.internal", incident)), language);
        }
    }

    /** What Pacer says when it meets someone: App Home in Slack, the install greeting in Teams. */
    public Outcome welcome(Inbound inbound) {
        if (inbound.sender().fromAnotherTeam()) {
            return refusal(NotServed.Why.STRANGER);
        }
        Member member;
        try {
            member = org.resolve(inbound.platform(), inbound.sender().workspaceId(),
                    inbound.sender().workspaceName(), inbound.sender().userId(), inbound.sender().displayName(),
                    inbound.sender().profiles());
        } catch (NotServed refused) {
            return refusal(refused.why());
        }
        return home(member.id());
    }

    /**
     * The short answer to someone Pacer does not serve here, in both languages (they are no member: their language is
     * not known), private to them; nothing of the workspace in it.
     */
    private static Outcome refusal(NotServed.Why why) {
        return new Outcome(Reply.text(Messages.of(Language.EN).get(why.messageKey()) + "\n"
                + Messages.of(Language.ZH).get(why.messageKey())), Language.EN);
    }

    /** A member's home: a greeting, what each feature has for them (their progress, …), then help. */
    public Outcome home(Long memberId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Member member = members.findById(memberId);
            Messages messages = Messages.of(member.language());
            Reply.Message help = HelpCommands.overview(registry, messages, member, true);
            List<Block> blocks = new ArrayList<>();
            blocks.add(help.blocks().get(0));
            LocalDate today = clock.instant().atZone(member.zone()).toLocalDate();
            blocks.addAll(homeSections.blocks(member, today, messages));
            blocks.addAll(help.blocks().subList(1, help.blocks().size()));
            return new Outcome(Reply.message(help.summary(), blocks), member.language());
        });
    }

    private Reply dispatch(Inbound inbound, Member member) {
        Instant now = clock.instant();
        LocalDate today = now.atZone(member.zone()).toLocalDate();
        Inbound.Input input = inbound.input();
        if (input instanceof Inbound.Typed typed) {
            return typed(inbound, member, typed, now, today);
        }
        if (input instanceof Inbound.Submitted submitted) {
            return submitted(inbound, member, submitted, now, today);
        }
        Inbound.Clicked clicked = (Inbound.Clicked) input;
        CommandSpec spec = specFor(clicked.action().commandId());
        ParseContext context = new ParseContext(today, member.zone(), member.platformUserId(), Map.of());
        ArgBinder.FormBinding binding = ArgBinder.bindValues(spec, clicked.action().args(), context);
        checkRole(spec, member);
        Invocation invocation = invocation(spec, binding.args(), member, inbound, Invocation.Source.BUTTON, now, today);
        boolean onlyMissing = binding.errors().values().stream().allMatch(e -> e.key().equals("error.required_field"));
        if (spec.form() != null && (binding.args().isEmpty() || (!binding.valid() && onlyMissing))) {
            // a button that names only part of what the command needs opens its form for the rest
            return new Reply.OpenForm(spec.form().apply(invocation));
        }
        if (!binding.valid()) {
            throw binding.errors().values().iterator().next();
        }
        return spec.handler().handle(invocation);
    }

    private Reply typed(Inbound inbound, Member member, Inbound.Typed typed, Instant now, LocalDate today) {
        if (typed.text() != null && typed.text().length() > MAX_TYPED) {
            throw new ArgError("error.typed.too_long", typed.text().length(), MAX_TYPED);
        }
        List<Token> tokens = Tokenizer.tokenize(typed.text());
        if (tokens.isEmpty()) {
            return HelpCommands.overview(registry, Messages.of(member.language()), member, false);
        }
        CommandRegistry.Resolution resolution = registry.resolve(tokens);
        CommandSpec spec = resolution.spec();
        checkRole(spec, member);
        List<Token> rest = tokens.subList(resolution.consumed(), tokens.size());
        if (rest.isEmpty() && spec.form() != null) {
            // the command alone opens its form (even when its arguments are required when typed)
            Invocation invocation = invocation(spec, Map.of(), member, inbound, Invocation.Source.TYPED, now, today);
            return new Reply.OpenForm(spec.form().apply(invocation));
        }
        ParseContext context = new ParseContext(today, member.zone(), member.platformUserId(), typed.mentions());
        Map<String, Object> args;
        try {
            args = ArgBinder.bind(spec, rest, context);
        } catch (ArgError e) {
            throw new UsageError(e, registry.usage(spec, Messages.of(member.language())));
        }
        return spec.handler().handle(invocation(spec, args, member, inbound, Invocation.Source.TYPED, now, today));
    }

    private Reply submitted(Inbound inbound, Member member, Inbound.Submitted submitted, Instant now, LocalDate today) {
        CommandSpec spec = specFor(submitted.action().commandId());
        checkRole(spec, member);
        Map<String, String> values = new LinkedHashMap<>(submitted.action().args());
        values.putAll(submitted.values());
        ParseContext context = new ParseContext(today, member.zone(), member.platformUserId(), Map.of());
        ArgBinder.FormBinding binding = ArgBinder.bindValues(spec, values, context);
        Invocation invocation = invocation(spec, binding.args(), member, inbound, Invocation.Source.FORM, now, today);
        Messages messages = Messages.of(member.language());
        if (!binding.valid()) {
            Map<String, String> errors = new LinkedHashMap<>();
            binding.errors().forEach((name, error) -> errors.put(name, error.message(messages)));
            Form form = spec.form() != null ? spec.form().apply(invocation).withValues(submitted.values()) : null;
            return new Reply.FormErrors(form, errors);
        }
        try {
            return spec.handler().handle(invocation);
        } catch (ArgError e) {
            if (e.field() == null || spec.form() == null) {
                throw e;
            }
            // about one input: show it on the form; thrown on, so the transaction rolls back
            throw new FormFailure(new Reply.FormErrors(spec.form().apply(invocation).withValues(submitted.values()),
                    Map.of(e.field(), e.message(messages))));
        }
    }

    private Invocation invocation(CommandSpec spec, Map<String, Object> args, Member member, Inbound inbound,
            Invocation.Source source, Instant now, LocalDate today) {
        Map<String, String> values = inbound.input() instanceof Inbound.Submitted submitted ? submitted.values() : Map.of();
        return new Invocation(spec, args, member, inbound.platform(), inbound.conversation(), source, now, today,
                inbound.sender().profiles(), values);
    }

    private CommandSpec specFor(String commandId) {
        return registry.byId(commandId).orElseThrow(() -> new ArgError("error.stale_action"));
    }

    private static void checkRole(CommandSpec spec, Member member) {
        if (!member.role().atLeast(spec.role())) {
            throw new ArgError("error.role_required", new ArgError.Key("role." + spec.role().name().toLowerCase()));
        }
    }

    private static Reply errorReply(ArgError error, Messages messages, String usage) {
        String text = "⚠️ " + error.message(messages);
        if (usage != null) {
            return Reply.message(error.message(messages), List.of(new Block.Text(text),
                    new Block.Context(messages.get("error.usage", "`" + usage + "`", "`help`"))));
        }
        return Reply.message(error.message(messages), List.of(new Block.Text(text)));
    }

    /** A handler's error about one input of a submitted form, carried out of the (rolled back) transaction. */
    private static final class FormFailure extends RuntimeException {
        private final transient Reply.FormErrors reply;

        FormFailure(Reply.FormErrors reply) {
            super("form errors", null, false, false);
            this.reply = reply;
        }
    }

    /** A command that finished after its deadline: thrown so that its transaction rolls back. */
    private static final class TimedOut extends RuntimeException {
        TimedOut() {
            super("finished after its deadline", null, false, false);
        }
    }

    /** An argument error together with the usage line of the command it was for. */
    private static final class UsageError extends RuntimeException {
        private final ArgError error;
        private final String usage;

        UsageError(ArgError error, String usage) {
            super(error.key(), null, false, false);
            this.error = error;
            this.usage = usage;
        }

        ArgError error() {
            return error;
        }

        String usage() {
            return usage;
        }
    }
}
