package app.pacer.surveys;

import app.pacer.core.command.ArgError;
import app.pacer.core.command.Invocation;
import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.reply.ActionRef;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Form;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Answering a run: the button in the invitation opens the form (a Slack modal, a Teams card with inputs);
 * submitting it records the answers. Nothing here logs, so no log line ties a member to what they answered.
 */
@ApplicationScoped
public class SurveyAnswers {

    /** Scale labels need no translation. */
    private static final String[] FACES = {"😞", "🙁", "😐", "🙂", "😀"};

    private final SurveyService surveys;
    private final MemberRepository members;

    public SurveyAnswers(SurveyService surveys, MemberRepository members) {
        this.surveys = surveys;
        this.members = members;
    }

    Reply open(Invocation invocation) {
        Member actor = invocation.member();
        SurveyRun run = answerable(invocation);
        Survey survey = surveys.byId(actor.workspaceId(), run.surveyId());
        return new Reply.OpenForm(form(invocation, survey, run));
    }

    Reply submit(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        SurveyRun run = answerable(invocation);
        Survey survey = surveys.byId(actor.workspaceId(), run.surveyId());
        List<Question> questions = surveys.questions(survey);
        Map<String, String> values = invocation.formValues();
        Map<String, String> errors = new LinkedHashMap<>();
        List<SurveyService.Answer> answers = new ArrayList<>();
        for (Question q : questions) {
            String name = "q" + q.position();
            String value = values.getOrDefault(name, "").trim();
            if (value.isEmpty()) {
                if (q.kind() != Question.Kind.TEXT) {
                    errors.put(name, m.get("error.required_field"));
                }
                continue;
            }
            switch (q.kind()) {
                case SCALE -> {
                    if (value.matches("[1-5]")) {
                        answers.add(new SurveyService.Answer(q.position(), Integer.parseInt(value), null));
                    } else {
                        errors.put(name, m.get("error.survey.scale", value));
                    }
                }
                case YES_NO -> {
                    String v = value.toLowerCase(Locale.ROOT);
                    if (v.equals("yes") || v.equals("no")) {
                        answers.add(new SurveyService.Answer(q.position(), v.equals("yes") ? 1 : 0, null));
                    } else {
                        errors.put(name, m.get("error.choice", value, "yes, no"));
                    }
                }
                default -> {
                    if (value.length() > SurveyService.MAX_ANSWER) {
                        errors.put(name, m.get("error.text.too_long", SurveyService.MAX_ANSWER));
                    } else {
                        answers.add(new SurveyService.Answer(q.position(), null, value));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            return new Reply.FormErrors(form(invocation, survey, run).withValues(values), errors);
        }
        surveys.answer(survey, run, actor, answers);
        String thanks = m.get("survey.answered", Markdown.literal(survey.title()));
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Text("✅ " + thanks));
        blocks.add(new Block.Context(survey.anonymous() ? "🔒 " + m.get("survey.answered.anonymous")
                : "👤 " + m.get("survey.privacy.named", Markdown.literal(members.findById(survey.createdBy()).displayName()))));
        return Reply.message(Markdown.plain(thanks), blocks);
    }

    /** The run named by the button or form, if this member may still answer it. */
    private SurveyRun answerable(Invocation invocation) {
        Member actor = invocation.member();
        int id = invocation.required("run", Integer.class);
        SurveyRun run = surveys.run(actor.workspaceId(), id).orElseThrow(() -> new ArgError("error.survey.not_invited"));
        if (!surveys.invited(run, actor)) {
            throw new ArgError("error.survey.not_invited");
        }
        Survey survey = surveys.byId(actor.workspaceId(), run.surveyId());
        if (surveys.answered(run, actor)) {
            throw new ArgError("error.survey.already_answered", Markdown.literal(survey.title()));
        }
        if (!run.open(invocation.now())) {
            throw new ArgError("error.survey.closed", Markdown.literal(survey.title()));
        }
        return run;
    }

    private Form form(Invocation invocation, Survey survey, SurveyRun run) {
        Messages m = invocation.messages();
        Member creator = members.findById(survey.createdBy());
        List<Form.Input> inputs = new ArrayList<>();
        for (Question q : surveys.questions(survey)) {
            String name = "q" + q.position();
            String label = q.position() + ". " + q.text();
            switch (q.kind()) {
                case SCALE -> {
                    List<Form.Choice> choices = new ArrayList<>();
                    for (int i = 5; i >= 1; i--) {
                        choices.add(new Form.Choice(String.valueOf(i), i + " " + FACES[i - 1]));
                    }
                    inputs.add(new Form.Input(name, label, Form.Input.Kind.SELECT, true, null, m.get("survey.scale.hint"), choices));
                }
                case YES_NO -> inputs.add(new Form.Input(name, label, Form.Input.Kind.SELECT, true, null, null, List.of(
                        new Form.Choice("yes", m.get("survey.yes")), new Form.Choice("no", m.get("survey.no")))));
                default -> inputs.add(new Form.Input(name, label, Form.Input.Kind.MULTILINE, false, null, null, null));
            }
        }
        List<Block> intro = List.of(new Block.Text(Markdown.bold(survey.title())),
                new Block.Context(SurveyService.privacy(survey, creator, m)));
        return new Form(ActionRef.of("survey.submit", Map.of("run", String.valueOf(run.id()))),
                SurveyCommands.clip(survey.title(), 24), m.get("survey.button.send"), inputs, intro);
    }
}
