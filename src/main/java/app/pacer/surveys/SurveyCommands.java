package app.pacer.surveys;

import app.pacer.core.command.ArgError;
import app.pacer.core.command.ArgSpec;
import app.pacer.core.command.ArgTypes;
import app.pacer.core.command.CommandProvider;
import app.pacer.core.command.CommandSpec;
import app.pacer.core.command.Invocation;
import app.pacer.core.command.ParseContext;
import app.pacer.core.command.TimeArg;
import app.pacer.core.command.UserRef;
import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.org.OrgService;
import app.pacer.core.org.Role;
import app.pacer.core.reply.ActionRef;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Button;
import app.pacer.core.reply.Form;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code survey …}: managers create pulse surveys (a form; title, audience, schedule and anonymity may be typed
 * first), everyone answers theirs, creators and admins read the results.
 */
@ApplicationScoped
public class SurveyCommands implements CommandProvider {

    static final int LIST_LIMIT = 20;
    static final LocalTime DEFAULT_TIME = LocalTime.of(10, 0);

    enum YesNo { YES, NO }

    private final SurveyService surveys;
    private final SurveyAnswers answers;
    private final SurveyResults results;
    private final OrgService org;
    private final MemberRepository members;

    public SurveyCommands(SurveyService surveys, SurveyAnswers answers, SurveyResults results, OrgService org,
            MemberRepository members) {
        this.surveys = surveys;
        this.answers = answers;
        this.results = results;
        this.org = org;
        this.members = members;
    }

    @Override
    public List<CommandSpec> commands() {
        var number = ArgTypes.reference("arg.survey", "error.survey.number");
        var yesNo = ArgTypes.choice("arg.yes_no", YesNo.class, Map.of("y", YesNo.YES, "true", YesNo.YES, "是", YesNo.YES,
                "匿名", YesNo.YES, "n", YesNo.NO, "false", YesNo.NO, "否", YesNo.NO, "不", YesNo.NO));
        return List.of(
                CommandSpec.command("survey", "survey", "调查", "surveys", "问卷").handler(this::list),
                CommandSpec.command("survey.create", "create", "创建", "new", "新建").role(Role.MANAGER)
                        .arg(ArgSpec.optional("title", SurveyArgs.title()).placeholder("arg.survey_title"))
                        .arg(ArgSpec.optional("audience", SurveyArgs.audience()))
                        .arg(ArgSpec.option("anonymous", yesNo)).arg(ArgSpec.option("weekly", SurveyArgs.weekly()))
                        .form(this::createForm).handler(this::createTyped),
                CommandSpec.command("survey.list", "list", "列表").handler(this::list),
                CommandSpec.command("survey.results", "results", "结果", "result")
                        .arg(ArgSpec.required("survey", number)).arg(ArgSpec.option("run", ArgTypes.integer("arg.run", 1, 100000)))
                        .handler(results::show),
                CommandSpec.command("survey.stop", "stop", "停止").role(Role.MANAGER)
                        .arg(ArgSpec.required("survey", number)).handler(this::stop),
                CommandSpec.command("survey.settings", "settings", "设置").role(Role.ADMIN)
                        .arg(ArgSpec.option("threshold", ArgTypes.integer("arg.threshold", SurveyService.MIN_RESPONSES, 1000)))
                        .handler(this::settings),
                CommandSpec.command("survey.save", "save").hidden().role(Role.MANAGER)
                        .arg(ArgSpec.option("members", ArgTypes.word("arg.member"))).form(this::createForm)
                        .handler(this::save),
                CommandSpec.command("survey.answer", "answer").hidden()
                        .arg(ArgSpec.required("run", ArgTypes.integer("arg.run", 1, Integer.MAX_VALUE))).handler(answers::open),
                CommandSpec.command("survey.submit", "submit").hidden()
                        .arg(ArgSpec.required("run", ArgTypes.integer("arg.run", 1, Integer.MAX_VALUE))).handler(answers::submit));
    }

    // ---- creating

    /** The form, prefilled with what was typed ({@code survey create "Title" @a @b anonymous=no weekly=mon@10:00}). */
    private Reply createTyped(Invocation invocation) {
        Member actor = invocation.member();
        Map<String, String> values = new LinkedHashMap<>();
        invocation.arg("title", String.class).ifPresent(t -> values.put("title", t));
        invocation.arg("anonymous", YesNo.class).ifPresent(a -> values.put("anonymous", a == YesNo.YES ? "yes" : "no"));
        invocation.arg("weekly", SurveyArgs.Weekly.class).ifPresent(w -> {
            values.put("schedule", SurveyArgs.day(w.day()));
            values.put("time", w.time().toString());
        });
        Set<Long> people = new LinkedHashSet<>();
        Optional<SurveyArgs.Audience> audience = invocation.arg("audience", SurveyArgs.Audience.class);
        if (audience.isPresent() && !audience.get().team()) {
            for (UserRef ref : audience.get().people()) {
                people.add(org.memberFor(actor.workspaceId(), ref, invocation.profiles()).id());
            }
            values.put("audience", "listed");
        }
        return new Reply.OpenForm(form(invocation, people).withValues(values));
    }

    Form createForm(Invocation invocation) {
        Set<Long> people = new LinkedHashSet<>();
        invocation.arg("members", String.class).ifPresent(ids -> people.addAll(ids(ids)));
        return form(invocation, people);
    }

    private Form form(Invocation invocation, Set<Long> people) {
        Messages m = invocation.messages();
        Member actor = invocation.member();
        List<Member> listed = surveys.membersIn(actor.workspaceId(), people);
        List<Form.Input> inputs = new ArrayList<>();
        inputs.add(new Form.Input("title", m.get("survey.field.title"), Form.Input.Kind.TEXT, true, null, null, null));
        List<Form.Choice> kinds = List.of(new Form.Choice("scale", m.get("survey.kind.scale")),
                new Form.Choice("yesno", m.get("survey.kind.yes_no")), new Form.Choice("text", m.get("survey.kind.text")));
        for (int i = 1; i <= SurveyService.MAX_QUESTIONS; i++) {
            inputs.add(new Form.Input("q" + i, m.get("survey.field.question", i), Form.Input.Kind.TEXT, i == 1, null,
                    i == 1 ? m.get("survey.field.question.hint") : null, null));
            inputs.add(new Form.Input("q" + i + "_kind", m.get("survey.field.kind", i), Form.Input.Kind.SELECT, false, "scale",
                    null, kinds));
        }
        List<Form.Choice> audience = new ArrayList<>();
        audience.add(new Form.Choice("team", m.get("survey.audience.team")));
        if (!listed.isEmpty()) {
            audience.add(new Form.Choice("listed", m.get("survey.audience.listed", names(listed))));
        }
        inputs.add(new Form.Input("audience", m.get("survey.field.audience"), Form.Input.Kind.SELECT, true,
                listed.isEmpty() ? "team" : "listed", listed.isEmpty() ? m.get("survey.field.audience.hint") : null, audience));
        List<Form.Choice> schedule = new ArrayList<>();
        schedule.add(new Form.Choice("once", m.get("survey.schedule.once")));
        for (DayOfWeek d : DayOfWeek.values()) {
            schedule.add(new Form.Choice(SurveyArgs.day(d), m.get("survey.schedule.weekly", dayName(d, m))));
        }
        inputs.add(new Form.Input("schedule", m.get("survey.field.schedule"), Form.Input.Kind.SELECT, true, "once", null, schedule));
        inputs.add(new Form.Input("time", m.get("survey.field.time"), Form.Input.Kind.TEXT, false, DEFAULT_TIME.toString(),
                m.get("survey.field.time.hint", actor.zone().getId()), null));
        int min = surveys.minResponses(actor.workspaceId());
        inputs.add(new Form.Input("anonymous", m.get("survey.field.anonymous"), Form.Input.Kind.SELECT, true, "yes", null,
                List.of(new Form.Choice("yes", m.get("survey.anonymous.yes", min)), new Form.Choice("no", m.get("survey.anonymous.no")))));
        Map<String, String> args = people.isEmpty() ? Map.of() : Map.of("members", String.join(",",
                listed.stream().map(p -> String.valueOf(p.id())).toList()));
        return new Form(ActionRef.of("survey.save", args), m.get("survey.create.title"), m.get("survey.create.submit"), inputs,
                List.of(new Block.Text(m.get("survey.create.intro", SurveyService.MAX_QUESTIONS))));
    }

    private Reply save(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        Map<String, String> values = invocation.formValues();
        Map<String, String> errors = new LinkedHashMap<>();
        String title = value(values, "title");
        if (title.isEmpty()) {
            errors.put("title", m.get("error.required_field"));
        } else if (title.length() > SurveyService.MAX_TITLE) {
            errors.put("title", m.get("error.text.too_long", SurveyService.MAX_TITLE));
        }
        List<Question> questions = new ArrayList<>();
        for (int i = 1; i <= SurveyService.MAX_QUESTIONS; i++) {
            String text = value(values, "q" + i);
            if (text.isEmpty()) {
                continue;
            }
            Optional<Question.Kind> kind = kind(value(values, "q" + i + "_kind"));
            if (text.length() > SurveyService.MAX_QUESTION) {
                errors.put("q" + i, m.get("error.text.too_long", SurveyService.MAX_QUESTION));
            } else if (kind.isEmpty()) {
                errors.put("q" + i + "_kind", m.get("error.choice", value(values, "q" + i + "_kind"), "scale, yesno, text"));
            } else {
                // numbered as shown to people: 1, 2, 3 without gaps left by empty inputs
                questions.add(new Question(questions.size() + 1, kind.get(), text));
            }
        }
        if (questions.isEmpty() && !errors.keySet().stream().anyMatch(k -> k.startsWith("q"))) {
            errors.put("q1", m.get("error.survey.no_questions"));
        }
        String audience = value(values, "audience").toLowerCase(Locale.ROOT);
        List<Member> people = List.of();
        boolean team = audience.isEmpty() || audience.equals("team");
        if (team) {
            people = members.list("workspaceId = ?1 and id <> ?2", actor.workspaceId(), actor.id());
        } else if (audience.equals("listed")) {
            people = surveys.membersIn(actor.workspaceId(), invocation.arg("members", String.class).map(SurveyCommands::ids)
                    .orElse(List.of()));
        } else {
            errors.put("audience", m.get("error.choice", audience, "team"));
        }
        if (errors.get("audience") == null && people.isEmpty()) {
            errors.put("audience", m.get("error.survey.nobody"));
        }
        String schedule = value(values, "schedule").toLowerCase(Locale.ROOT);
        DayOfWeek weekday = null;
        LocalTime time = null;
        if (!schedule.isEmpty() && !schedule.equals("once")) {
            weekday = SurveyArgs.WEEKDAYS.get(schedule);
            if (weekday == null) {
                errors.put("schedule", m.get("error.choice", schedule, "once, mon, tue, wed, thu, fri, sat, sun"));
            }
            String typedTime = value(values, "time");
            try {
                time = typedTime.isEmpty() ? DEFAULT_TIME : new TimeArg().parse(typedTime, context(invocation));
            } catch (ArgError e) {
                errors.put("time", e.message(m));
            }
        }
        String anonymousValue = value(values, "anonymous").toLowerCase(Locale.ROOT);
        if (!anonymousValue.isEmpty() && !anonymousValue.equals("yes") && !anonymousValue.equals("no")) {
            errors.put("anonymous", m.get("error.choice", anonymousValue, "yes, no"));
        }
        boolean anonymous = !anonymousValue.equals("no");
        int min = surveys.minResponses(actor.workspaceId());
        if (anonymous && !people.isEmpty() && people.size() < min && !errors.containsKey("audience")) {
            errors.put("audience", m.get("error.survey.too_few_for_anonymous", people.size(), min));
        }
        if (!errors.isEmpty()) {
            return new Reply.FormErrors(createForm(invocation).withValues(values), errors);
        }
        Survey survey = surveys.create(actor, new SurveyService.Draft(title, questions, anonymous, team, people, weekday, time),
                invocation.now());
        List<Block> blocks = new ArrayList<>();
        String headline;
        if (survey.weekly()) {
            ZonedDateTime first = nextOccurrence(survey, invocation.now());
            headline = m.get("survey.created.weekly", "#" + survey.number(), Markdown.literal(survey.title()), dayName(weekday, m), time.toString(),
                    survey.zone().getId(), first.toLocalDate().toString(), people.size());
        } else {
            SurveyService.Started started = surveys.startRun(survey, invocation.now(), invocation.now()).orElseThrow();
            headline = m.get("survey.created.once", "#" + survey.number(), Markdown.literal(survey.title()), started.invited());
            if (started.unreachable() > 0) {
                blocks.add(new Block.Context("⚠️ " + m.get("survey.created.unreachable", started.unreachable())));
            }
        }
        blocks.add(0, new Block.Text("✅ " + headline));
        blocks.add(new Block.Context(SurveyService.privacy(survey, actor, m)));
        blocks.add(new Block.Context(m.get("survey.created.hint", survey.number())));
        return Reply.message(Markdown.plain(headline), blocks);
    }

    /** The first occurrence of a weekly survey at or after {@code now}, in the survey's time zone. */
    static ZonedDateTime nextOccurrence(Survey survey, Instant now) {
        ZonedDateTime local = now.atZone(survey.zone());
        ZonedDateTime at = local.with(TemporalAdjusters.nextOrSame(survey.weekday())).with(survey.sendTime());
        return at.isBefore(local) ? at.plusWeeks(1) : at;
    }

    /** The latest occurrence of a weekly survey at or before {@code now}. */
    static ZonedDateTime lastOccurrence(Survey survey, Instant now) {
        ZonedDateTime local = now.atZone(survey.zone());
        ZonedDateTime at = local.with(TemporalAdjusters.previousOrSame(survey.weekday())).with(survey.sendTime());
        return at.isAfter(local) ? at.minusWeeks(1) : at;
    }

    // ---- listing, stopping, settings

    private Reply list(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        List<Block> blocks = new ArrayList<>();
        List<SurveyRun> waiting = surveys.waitingFor(actor, invocation.now());
        if (!waiting.isEmpty()) {
            blocks.add(new Block.Header(m.get("survey.list.waiting")));
            List<Button> buttons = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            for (SurveyRun run : waiting) {
                Survey survey = em(run);
                lines.add(Markdown.bold(survey.title()) + " · " + m.get("survey.list.closes",
                        run.closesAt().atZone(actor.zone()).toLocalDate().toString()));
                if (buttons.size() < 5) {
                    buttons.add(Button.primary(m.get("survey.button.answer_title", clip(survey.title(), 30)),
                            ActionRef.of("survey.answer", Map.of("run", String.valueOf(run.id())))));
                }
            }
            blocks.add(new Block.Bullets(lines));
            blocks.add(new Block.Actions(buttons));
        }
        if (actor.role().atLeast(Role.MANAGER)) {
            List<Survey> all = surveys.all(actor.workspaceId(), LIST_LIMIT + 1);
            blocks.add(new Block.Header(m.get("survey.list.title")));
            if (all.isEmpty()) {
                blocks.add(new Block.Context(m.get("survey.list.none")));
            } else {
                List<String> lines = new ArrayList<>();
                for (Survey survey : all.subList(0, Math.min(LIST_LIMIT, all.size()))) {
                    lines.add(line(survey, m));
                }
                blocks.add(new Block.Bullets(lines));
                if (all.size() > LIST_LIMIT) {
                    blocks.add(new Block.Context(m.get("survey.list.more", LIST_LIMIT)));
                }
            }
            blocks.add(new Block.Context(m.get("survey.list.hint")));
        }
        if (blocks.isEmpty()) {
            return Reply.text(m.get("survey.list.nothing_waiting"));
        }
        return Reply.message(m.get("survey.list.title"), blocks);
    }

    private Survey em(SurveyRun run) {
        return surveys.byId(run.workspaceId(), run.surveyId());
    }

    private String line(Survey survey, Messages m) {
        List<SurveyRun> runs = surveys.runs(survey);
        StringBuilder line = new StringBuilder("#" + survey.number() + " " + Markdown.bold(survey.title()) + " · ");
        line.append(survey.weekly() ? m.get("survey.schedule.weekly_at", dayName(survey.weekday(), m), survey.sendTime().toString())
                : m.get("survey.schedule.once"));
        if (survey.anonymous()) {
            line.append(" · 🔒");
        }
        if (survey.stopped()) {
            line.append(" · ").append(m.get("survey.list.stopped"));
        }
        if (!runs.isEmpty()) {
            SurveyRun last = runs.get(0);
            line.append(" · ").append(m.get("survey.list.last_run", last.scheduledAt().atZone(survey.zone()).toLocalDate().toString(),
                    surveys.answeredCount(last), surveys.invitedCount(last)));
        }
        return line.toString();
    }

    private Reply stop(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        Survey survey = surveys.require(actor.workspaceId(), invocation.required("survey", Integer.class));
        if (!actor.id().equals(survey.createdBy()) && actor.role() != Role.ADMIN) {
            throw new ArgError("error.survey.not_yours", "#" + survey.number());
        }
        if (!survey.weekly() || survey.stopped()) {
            return Reply.text(m.get("survey.stop.nothing", "#" + survey.number()));
        }
        survey.stop(invocation.now());
        return Reply.text("✅ " + m.get("survey.stopped", "#" + survey.number(), Markdown.literal(survey.title())));
    }

    private Reply settings(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        Optional<Integer> threshold = invocation.arg("threshold", Integer.class);
        threshold.ifPresent(t -> surveys.chooseMinResponses(actor.workspaceId(), t));
        int now = surveys.minResponses(actor.workspaceId());
        return Reply.text((threshold.isPresent() ? "✅ " : "") + m.get("survey.settings.threshold", now));
    }



    private static Optional<Question.Kind> kind(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace("/", "");
        return switch (v) {
            case "", "scale", "15", "rating", "评分" -> Optional.of(Question.Kind.SCALE);
            case "yesno", "yn", "是否" -> Optional.of(Question.Kind.YES_NO);
            case "text", "free", "freetext", "文本", "文字" -> Optional.of(Question.Kind.TEXT);
            default -> Optional.empty();
        };
    }

    private static List<Long> ids(String csv) {
        List<Long> ids = new ArrayList<>();
        for (String part : csv.split(",")) {
            if (part.trim().matches("\\d{1,18}")) {
                ids.add(Long.parseLong(part.trim()));
            }
        }
        return ids;
    }

    private static ParseContext context(Invocation invocation) {
        Member actor = invocation.member();
        return new ParseContext(invocation.today(), actor.zone(), actor.platformUserId(), Map.of());
    }

    private static String value(Map<String, String> values, String name) {
        String v = values.get(name);
        return v == null ? "" : v.trim();
    }

    private static String names(List<Member> people) {
        List<String> names = people.stream().limit(8).map(Member::displayName).toList();
        return String.join(", ", names) + (people.size() > 8 ? " +" + (people.size() - 8) : "");
    }


    static String dayName(DayOfWeek d, Messages m) {
        return m.get("survey.day." + SurveyArgs.day(d));
    }

    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
