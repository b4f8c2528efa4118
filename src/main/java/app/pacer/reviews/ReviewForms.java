package app.pacer.reviews;

import app.pacer.core.reply.Markdown;
import app.pacer.core.section.ReviewSnapshot;
import app.pacer.core.command.AmountArg;
import app.pacer.core.command.ArgError;
import app.pacer.core.command.Invocation;
import app.pacer.core.command.ParseContext;
import app.pacer.core.command.Period;
import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.reply.ActionRef;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Form;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.delivery.Outbox;
import app.pacer.targets.Amounts;
import app.pacer.targets.Metric;
import app.pacer.targets.Metrics;
import app.pacer.targets.TargetSetter;
import app.pacer.core.org.WorkspaceRepository;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two forms of a review — the rep's self-assessment and the manager's review — both opened with the
 * period's numbers on top, and what happens when they are submitted; plus the card {@code review show} prints.
 */
@ApplicationScoped
public class ReviewForms {

    static final int MAX_TEXT = 3000;
    static final String RATE = "rate_";
    static final String NEXT = "next_";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReviewService reviews;
    private final MemberRepository members;
    private final Metrics metrics;
    private final TargetSetter targets;
    private final WorkspaceRepository workspaces;
    private final Outbox outbox;

    public ReviewForms(ReviewService reviews, MemberRepository members, Metrics metrics, TargetSetter targets,
            WorkspaceRepository workspaces, Outbox outbox) {
        this.reviews = reviews;
        this.members = members;
        this.metrics = metrics;
        this.targets = targets;
        this.workspaces = workspaces;
        this.outbox = outbox;
    }

    // ---- the rep

    Form selfForm(Invocation invocation, Review review) {
        Messages m = invocation.messages();
        Member manager = members.findById(review.managerId());
        List<Block> intro = new ArrayList<>();
        intro.add(new Block.Text(m.get("review.self.intro", ReviewCommands.typeName(m, review.type()), Markdown.literal(manager.displayName()),
                review.dueOn().toString())));
        intro.addAll(reviews.snapshot(review, invocation.today()).blocks(m));
        return new Form(ActionRef.of("review.self", Map.of("review", String.valueOf(review.number()))),
                m.get("review.self.title", "#" + review.number()), m.get("form.save"), List.of(
                        rating("self_rating", m.get("review.field.self_rating"), true, review.selfRating(), m),
                        text("went_well", m.get("review.field.went_well"), review.selfWentWell()),
                        text("to_improve", m.get("review.field.self_to_improve"), review.selfToImprove())), intro);
    }

    Reply selfSubmitted(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        Review review = reviews.visible(actor, invocation.required("review", Integer.class));
        if (!actor.id().equals(review.repId())) {
            throw new ArgError("error.review.not_found", "#" + review.number());
        }
        requireOpen(review);
        Map<String, String> values = invocation.formValues();
        Map<String, String> errors = new LinkedHashMap<>();
        Integer rating = rating(values, "self_rating", true, errors, m);
        String wentWell = text(values, "went_well", errors, m);
        String toImprove = text(values, "to_improve", errors, m);
        if (!errors.isEmpty()) {
            return new Reply.FormErrors(selfForm(invocation, review).withValues(values), errors);
        }
        review.selfAssess(rating, wentWell, toImprove, invocation.now());
        Member manager = members.findById(review.managerId());
        return Reply.text("✅ " + m.get("review.self.saved", "#" + review.number(), Markdown.literal(manager.displayName())));
    }

    // ---- the manager

    Form managerForm(Invocation invocation, Review review) {
        Messages m = invocation.messages();
        Member rep = members.findById(review.repId());
        ReviewSnapshot snapshot = reviews.snapshot(review, invocation.today());
        List<Block> intro = new ArrayList<>();
        intro.add(new Block.Text(m.get("review.record.intro", ReviewCommands.typeName(m, review.type()), Markdown.literal(rep.displayName()))));
        intro.addAll(snapshot.blocks(m));
        intro.addAll(selfBlocks(review, m));
        List<Form.Input> inputs = new ArrayList<>();
        Map<String, Integer> earlier = ratings(review);
        for (ReviewSnapshot.Fact fact : snapshot.rated()) {
            inputs.add(rating(RATE + fact.id(), m.get("review.field.rate", ReviewSnapshot.in(fact.label(), m.language()),
                    ReviewSnapshot.in(fact.value(), m.language()), fact.percent()), false, earlier.get(fact.id()), m));
        }
        inputs.add(rating("overall", m.get("review.field.overall"), true, review.overallRating(), m));
        inputs.add(text("strengths", m.get("review.field.strengths"), review.strengths()));
        inputs.add(text("improve", m.get("review.field.improve"), review.toImprove()));
        inputs.add(text("goals", m.get("review.field.goals"), review.goals()));
        if (!snapshot.rated().isEmpty()) {
            Period next = nextPeriod(review);
            LocalDate start = nextStart(review);
            for (ReviewSnapshot.Fact fact : snapshot.rated()) {
                inputs.add(new Form.Input(NEXT + fact.id(), m.get("review.field.next_target",
                        ReviewSnapshot.in(fact.label(), m.language()), start.toString()), Form.Input.Kind.TEXT, false,
                        fact.target().stripTrailingZeros().toPlainString(), null, null));
            }
            inputs.add(new Form.Input("apply_targets", m.get("review.field.apply_targets",
                    m.get("period." + next.name().toLowerCase(java.util.Locale.ROOT)), start.toString()),
                    Form.Input.Kind.SELECT, true, "no", null,
                    List.of(new Form.Choice("no", m.get("review.apply.no")), new Form.Choice("yes", m.get("review.apply.yes")))));
        }
        return new Form(ActionRef.of("review.record", Map.of("review", String.valueOf(review.number()))),
                m.get("review.record.title", "#" + review.number()), m.get("review.record.submit"), inputs, intro);
    }

    Reply recordSubmitted(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        Review review = reviews.visible(actor, invocation.required("review", Integer.class));
        if (!ReviewService.reviews(actor, review)) {
            throw new ArgError("error.review.not_found", "#" + review.number());
        }
        requireOpen(review);
        // the numbers are frozen as they are now, when the review is recorded
        ReviewSnapshot snapshot = reviews.snapshot(review, invocation.today());
        Map<String, String> values = invocation.formValues();
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Integer> ratings = new LinkedHashMap<>();
        for (ReviewSnapshot.Fact fact : snapshot.rated()) {
            Integer rating = rating(values, RATE + fact.id(), false, errors, m);
            if (rating != null) {
                ratings.put(fact.id(), rating);
            }
        }
        Integer overall = rating(values, "overall", true, errors, m);
        String strengths = text(values, "strengths", errors, m);
        String improve = text(values, "improve", errors, m);
        String goals = text(values, "goals", errors, m);
        boolean apply = "yes".equals(values.getOrDefault("apply_targets", "no").trim());
        Map<Metric, BigDecimal> nextTargets = new LinkedHashMap<>();
        if (apply) {
            ParseContext context = new ParseContext(invocation.today(), actor.zone(), actor.platformUserId(), Map.of());
            AmountArg amounts = AmountArg.positive();
            for (ReviewSnapshot.Fact fact : snapshot.rated()) {
                String typed = values.getOrDefault(NEXT + fact.id(), "").trim();
                Optional<Metric> metric = metrics.byKey(actor.workspaceId(), fact.id());
                if (typed.isEmpty() || metric.isEmpty()) {
                    continue;
                }
                try {
                    nextTargets.put(metric.get(), amounts.parse(typed, context));
                } catch (ArgError e) {
                    errors.put(NEXT + fact.id(), e.message(m));
                }
            }
        }
        if (!errors.isEmpty()) {
            return new Reply.FormErrors(managerForm(invocation, review).withValues(values), errors);
        }
        Member rep = members.findById(review.repId());
        review.complete(overall, json(ratings), strengths, improve, goals, snapshot.toJson(), actor.id(), invocation.now());
        Period next = nextPeriod(review);
        LocalDate start = nextStart(review);
        nextTargets.forEach((metric, amount) -> targets.set(actor.workspaceId(), metric.key(), next, start, rep.id(), amount,
                actor.id(), invocation.now()));
        reviews.stopReminders(review);
        Messages repMessages = Messages.of(rep.language());
        outbox.toMember(rep, Reply.message(repMessages.get("review.recorded.dm", "#" + review.number(), actor.displayName()),
                List.of(new Block.Text("📋 " + repMessages.get("review.recorded.dm", "#" + review.number(), Markdown.literal(actor.displayName()))),
                        new Block.Actions(List.of(app.pacer.core.reply.Button.of(repMessages.get("review.button.show"),
                                ActionRef.of("review.show", Map.of("review", String.valueOf(review.number())))))))),
                "review-recorded:" + review.id(), invocation.now(), invocation.now().plus(Duration.ofDays(3)));
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Text("✅ " + m.get("review.recorded", "#" + review.number(), Markdown.literal(rep.displayName()))));
        if (!nextTargets.isEmpty()) {
            String currency = workspaces.findById(actor.workspaceId()).currency();
            blocks.add(new Block.Bullets(nextTargets.entrySet().stream().map(e -> m.get("review.target_set",
                    Markdown.literal(e.getKey().name(m.language())), Amounts.format(e.getValue(), e.getKey(), m.language(), currency),
                    start.toString())).toList()));
        }
        return Reply.message(m.get("review.recorded", "#" + review.number(), rep.displayName()), blocks);
    }

    /** Targets agreed in a review are for the period after the one reviewed: the cycle's kind, else a month. */
    private Period nextPeriod(Review review) {
        return reviews.cadenceOf(review).orElse(Period.MONTH);
    }

    private LocalDate nextStart(Review review) {
        Period period = nextPeriod(review);
        return period.end(review.periodEnd()).plusDays(1);
    }

    // ---- showing it

    List<Block> card(Review review, Member viewer, Messages m, LocalDate today) {
        Member rep = members.findById(review.repId());
        Member manager = members.findById(review.managerId());
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Header(m.get("review.show.title", "#" + review.number(), rep.displayName())));
        String state = review.state() == Review.State.DONE ? m.get("review.state.done") + " (" + review.completedAt()
                .atZone(viewer.zone()).toLocalDate() + ")" : review.state() == Review.State.CANCELLED
                ? m.get("review.state.cancelled") : review.dueOn().isBefore(today) ? m.get("review.state.overdue")
                : m.get("review.state.scheduled");
        blocks.add(new Block.Fields(List.of(
                new Block.Field(m.get("review.field.type"), ReviewCommands.typeName(m, review.type())),
                new Block.Field(m.get("review.field.rep"), Markdown.literal(rep.displayName())),
                new Block.Field(m.get("review.field.manager"), Markdown.literal(manager.displayName())),
                new Block.Field(m.get("review.field.due"), review.dueOn().toString()),
                new Block.Field(m.get("review.field.state"), state))));
        if (review.snapshot() == null) {
            blocks.add(new Block.Context(m.get("review.snapshot.live")));
        }
        blocks.addAll(reviews.snapshotOf(review, today).blocks(m));
        if (review.state() == Review.State.DONE) {
            blocks.add(new Block.Divider());
            List<Block.Field> result = new ArrayList<>();
            result.add(new Block.Field(m.get("review.field.overall"), ReviewCommands.stars(review.overallRating())
                    + " " + review.overallRating() + "/5"));
            ReviewSnapshot snapshot = ReviewSnapshot.fromJson(review.snapshot());
            Map<String, Integer> ratings = ratings(review);
            for (ReviewSnapshot.Fact fact : snapshot.rated()) {
                Integer r = ratings.get(fact.id());
                if (r != null) {
                    result.add(new Block.Field(Markdown.literal(ReviewSnapshot.in(fact.label(), m.language())), ReviewCommands.stars(r)));
                }
            }
            blocks.add(new Block.Fields(result));
            addText(blocks, m.get("review.field.strengths"), review.strengths());
            addText(blocks, m.get("review.field.improve"), review.toImprove());
            addText(blocks, m.get("review.field.goals"), review.goals());
        }
        blocks.addAll(selfBlocks(review, m));
        if (review.open() && (viewer.id().equals(review.repId()) || ReviewService.reviews(viewer, review))) {
            blocks.add(ReviewCommands.buttons(review, m));
        }
        return blocks;
    }

    private static List<Block> selfBlocks(Review review, Messages m) {
        if (review.selfAt() == null) {
            return review.open() ? List.of(new Block.Context(m.get("review.self.none"))) : List.of();
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Text("**" + m.get("review.self.heading") + "** " + ReviewCommands.stars(review.selfRating())));
        addText(blocks, m.get("review.field.went_well"), review.selfWentWell());
        addText(blocks, m.get("review.field.self_to_improve"), review.selfToImprove());
        return blocks;
    }

    private static void addText(List<Block> blocks, String label, String text) {
        if (text != null && !text.isBlank()) {
            blocks.add(new Block.Text("**" + label + "**\n" + Markdown.literal(text)));
        }
    }

    // ---- inputs

    private static Form.Input rating(String name, String label, boolean required, Integer value, Messages m) {
        List<Form.Choice> choices = new ArrayList<>();
        for (int i = 5; i >= 1; i--) {
            choices.add(new Form.Choice(String.valueOf(i), i + " — " + m.get("review.rating." + i)));
        }
        return new Form.Input(name, label, Form.Input.Kind.SELECT, required, value == null ? null : value.toString(), null, choices);
    }

    private static Form.Input text(String name, String label, String value) {
        return new Form.Input(name, label, Form.Input.Kind.MULTILINE, false, value, null, null);
    }

    private static Integer rating(Map<String, String> values, String name, boolean required, Map<String, String> errors,
            Messages m) {
        String value = values.getOrDefault(name, "").trim();
        if (value.isEmpty()) {
            if (required) {
                errors.put(name, m.get("error.required_field"));
            }
            return null;
        }
        if (!value.matches("[1-5]")) {
            errors.put(name, m.get("error.review.rating", value));
            return null;
        }
        return Integer.parseInt(value);
    }

    private static String text(Map<String, String> values, String name, Map<String, String> errors, Messages m) {
        String value = values.getOrDefault(name, "").trim();
        if (value.length() > MAX_TEXT) {
            errors.put(name, m.get("error.text.too_long", MAX_TEXT));
        }
        return value.isEmpty() ? null : value;
    }

    private static void requireOpen(Review review) {
        if (!review.open()) {
            throw new ArgError(review.state() == Review.State.DONE ? "error.review.already_done" : "error.review.cancelled",
                    "#" + review.number());
        }
    }

    private static Map<String, Integer> ratings(Review review) {
        if (review.metricRatings() == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(review.metricRatings(), new TypeReference<Map<String, Integer>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable ratings of review " + review.id(), e);
        }
    }

    private static String json(Map<String, Integer> ratings) {
        try {
            return JSON.writeValueAsString(ratings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
