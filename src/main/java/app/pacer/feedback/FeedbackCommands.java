package app.pacer.feedback;

import app.pacer.config.PacerConfig;
import app.pacer.core.command.ArgError;
import app.pacer.core.command.ArgSpec;
import app.pacer.core.command.ArgTypes;
import app.pacer.core.command.CommandProvider;
import app.pacer.core.command.CommandSpec;
import app.pacer.core.command.Invocation;
import app.pacer.core.command.Period;
import app.pacer.core.command.Whom;
import app.pacer.core.org.Member;
import app.pacer.core.org.OrgService;
import app.pacer.core.org.Role;
import app.pacer.core.org.Workspace;
import app.pacer.core.org.WorkspaceRepository;
import app.pacer.core.reply.ActionRef;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Button;
import app.pacer.core.reply.Form;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.leads.LeadRef;
import app.pacer.leads.LeadService;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code feedback …}: what customers say, recorded by reps or asked through a personal link; and the report. */
@ApplicationScoped
public class FeedbackCommands implements CommandProvider {

    static final int MAX_COMMENT = 2000;

    private final FeedbackService feedback;
    private final FeedbackStats stats;
    private final LeadService leads;
    private final OrgService org;
    private final WorkspaceRepository workspaces;
    private final PacerConfig config;

    public FeedbackCommands(FeedbackService feedback, FeedbackStats stats, LeadService leads, OrgService org,
            WorkspaceRepository workspaces, PacerConfig config) {
        this.feedback = feedback;
        this.stats = stats;
        this.leads = leads;
        this.org = org;
        this.workspaces = workspaces;
        this.config = config;
    }

    @Override
    public List<CommandSpec> commands() {
        var lead = ArgTypes.reference("arg.lead", "error.lead.number");
        var kind = ArgTypes.choice("arg.feedback_type", FeedbackKind.class, Map.of(
                "满意度", FeedbackKind.CSAT, "净推荐值", FeedbackKind.NPS, "推荐", FeedbackKind.NPS));
        return List.of(
                CommandSpec.command("feedback", "feedback", "反馈", "csat", "nps")
                        .arg(ArgSpec.required("lead", lead)).arg(ArgSpec.required("score", ArgTypes.integer("arg.score", 0, 10)))
                        .arg(ArgSpec.optional("comment", ArgTypes.text("arg.comment")))
                        .arg(ArgSpec.option("type", kind))
                        .form(this::form)
                        .handler(this::record),
                CommandSpec.command("feedback.link", "link", "链接")
                        .arg(ArgSpec.required("lead", lead)).arg(ArgSpec.option("type", kind)).handler(this::link),
                CommandSpec.command("feedback.report", "report", "报告")
                        .arg(ArgSpec.optional("period", ArgTypes.period())).arg(ArgSpec.optional("who", ArgTypes.memberOrTeam()))
                        .handler(this::report),
                CommandSpec.command("feedback.type", "type", "类型").role(Role.ADMIN)
                        .arg(ArgSpec.required("type", kind)).handler(this::defaultType));
    }

    private Form form(Invocation invocation) {
        Messages m = invocation.messages();
        String type = workspaces.findById(invocation.member().workspaceId()).feedbackType().toLowerCase(Locale.ROOT);
        return new Form(ActionRef.of("feedback"), m.get("feedback.form.title"), m.get("form.save"), List.of(
                new Form.Input("lead", m.get("feedback.field.lead"), Form.Input.Kind.TEXT, true,
                        invocation.arg("lead", Integer.class).map(String::valueOf).orElse(null), m.get("feedback.field.lead_hint"), null),
                new Form.Input("type", m.get("feedback.field.type"), Form.Input.Kind.SELECT, true, type, null, List.of(
                        new Form.Choice("csat", m.get("feedback.type.csat")), new Form.Choice("nps", m.get("feedback.type.nps")))),
                new Form.Input("score", m.get("feedback.field.score"), Form.Input.Kind.NUMBER, true, null, null, null),
                new Form.Input("comment", m.get("feedback.field.comment"), Form.Input.Kind.MULTILINE, false, null, null, null)));
    }

    private FeedbackKind kind(Invocation invocation) {
        return invocation.arg("type", FeedbackKind.class).orElseGet(() -> FeedbackKind.valueOf(
                workspaces.findById(invocation.member().workspaceId()).feedbackType()));
    }

    private Reply record(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        LeadRef lead = leads.visibleRef(actor, invocation.required("lead", Integer.class));
        FeedbackKind kind = kind(invocation);
        int score = invocation.required("score", Integer.class);
        if (!kind.valid(score)) {
            throw new ArgError("error.feedback.range", score, m.get("feedback.type." + kind.name().toLowerCase(Locale.ROOT)),
                    kind.min(), kind.max()).on("score");
        }
        String comment = invocation.arg("comment", String.class).map(String::trim).filter(c -> !c.isEmpty()).orElse(null);
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw new ArgError("error.text.too_long", MAX_COMMENT).on("comment");
        }
        feedback.record(lead, kind, score, comment, FeedbackService.Source.REP, actor, invocation.now());
        String text = "✅ " + m.get("feedback.recorded", FeedbackService.score(kind, score, m), String.valueOf(lead.number()),
                Markdown.literal(lead.name()));
        if (kind.low(score)) {
            text += "\n" + m.get("feedback.recorded.low");
        }
        return Reply.text(text);
    }

    private Reply link(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        LeadRef lead = leads.visibleRef(actor, invocation.required("lead", Integer.class));
        FeedbackKind kind = kind(invocation);
        String url = config.publicUrl().replaceAll("/+$", "") + "/f/" + feedback.newLink(lead, kind, actor, invocation.now());
        String expires = invocation.today().plusDays(FeedbackService.LINK_LIFETIME.toDays()).toString();
        return Reply.message(m.get("feedback.link.ready", "#" + lead.number()), List.of(
                new Block.Text("🔗 " + m.get("feedback.link.ready", lead.label())),
                new Block.Text("`" + url + "`"),
                new Block.Context(m.get("feedback.link.hint", expires)),
                new Block.Actions(List.of(Button.link(m.get("feedback.link.preview"), url)))));
    }

    private Reply report(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        Period period = invocation.arg("period", Period.class).orElse(Period.MONTH);
        Optional<Whom> who = invocation.arg("who", Whom.class);
        Long owner;
        String whose;
        if (who.isPresent() && who.get() instanceof Whom.Team) {
            if (!actor.role().atLeast(Role.MANAGER)) {
                throw new ArgError("error.feedback.team_only_managers");
            }
            owner = null;
            whose = m.get("progress.team");
        } else if (who.isPresent()) {
            var ref = ((Whom.Person) who.get()).user();
            Member person = ref.userId().equals(actor.platformUserId()) ? actor
                    : org.memberFor(actor.workspaceId(), ref, invocation.profiles());
            if (!person.id().equals(actor.id()) && !actor.role().atLeast(Role.MANAGER)) {
                throw new ArgError("error.feedback.others");
            }
            owner = person.id();
            whose = person.displayName();
        } else {
            owner = actor.role().atLeast(Role.MANAGER) ? null : actor.id();
            whose = owner == null ? m.get("progress.team") : actor.displayName();
        }
        ZoneId zone = actor.zone();
        LocalDate start = period.start(invocation.today());
        Instant from = start.atStartOfDay(zone).toInstant();
        Instant to = invocation.today().plusDays(1).atStartOfDay(zone).toInstant();
        LocalDate previousStart = period.start(start.minusDays(1));
        Instant previousFrom = previousStart.atStartOfDay(zone).toInstant();
        long ws = actor.workspaceId();
        FeedbackStats.Summary now = stats.summary(ws, owner, from, to);
        FeedbackStats.Summary before = stats.summary(ws, owner, previousFrom, from);
        String periodName = m.get("period." + period.name().toLowerCase(Locale.ROOT));
        String title = m.get("feedback.report.title", whose, periodName);
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Header(title));
        if (now.responses() == 0) {
            blocks.add(new Block.Text(m.get("feedback.report.none", start.toString())));
            return Reply.message(title, blocks);
        }
        List<Block.Field> fields = new ArrayList<>();
        fields.add(new Block.Field(m.get("feedback.report.responses"), String.valueOf(now.responses())));
        if (now.csat() != null) {
            fields.add(new Block.Field(m.get("feedback.report.csat", now.csatCount()), now.csat() + " / 5"
                    + trend(now.csat(), before.csat(), m)));
        }
        if (now.nps() != null) {
            fields.add(new Block.Field(m.get("feedback.report.nps", now.npsCount()), signed(now.nps())
                    + trend(BigDecimal.valueOf(now.nps()), before.nps() == null ? null : BigDecimal.valueOf(before.nps()), m)));
        }
        blocks.add(new Block.Fields(fields));
        List<FeedbackStats.Low> lowest = stats.lowest(ws, owner, from, to, 5);
        if (!lowest.isEmpty()) {
            blocks.add(new Block.Text("**" + m.get("feedback.report.lowest") + "**"));
            blocks.add(new Block.Bullets(lowest.stream().map(r -> r.lead().label() + " · "
                    + FeedbackService.score(r.kind(), r.score(), m) + " — " + Markdown.literal(r.comment())).toList()));
        }
        blocks.add(new Block.Context(m.get("feedback.report.hint", start.toString(), previousStart.toString())));
        return Reply.message(title, blocks);
    }

    private static String signed(int value) {
        return value > 0 ? "+" + value : String.valueOf(value);
    }

    private static String trend(BigDecimal now, BigDecimal before, Messages m) {
        if (before == null) {
            return "";
        }
        BigDecimal delta = now.subtract(before);
        String arrow = delta.signum() > 0 ? "▲ " : delta.signum() < 0 ? "▼ " : "＝ ";
        return " (" + arrow + m.get("feedback.report.vs_before", (delta.signum() > 0 ? "+" : "") + delta.stripTrailingZeros().toPlainString()) + ")";
    }

    private Reply defaultType(Invocation invocation) {
        FeedbackKind kind = invocation.required("type", FeedbackKind.class);
        Workspace workspace = workspaces.findById(invocation.member().workspaceId());
        workspace.chooseFeedbackType(kind.name());
        Messages m = invocation.messages();
        return Reply.text("✅ " + m.get("feedback.type.set", m.get("feedback.type." + kind.name().toLowerCase(Locale.ROOT))));
    }
}
