package app.pacer.surveys;

import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.section.ExportSection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The surveys' part of {@code export all}, survey_results.csv. A named survey's answers are rows, one per answer
 * and who gave it. An anonymous survey gives only what {@code survey results} would show: per question of a closed
 * run its count, average and yes share, and only when the run and the question have the survey's minimum of
 * answers; never a text answer (its wording can tell who wrote it) and never an answer alone.
 */
@ApplicationScoped
public class SurveysExportSection implements ExportSection {

    static final String[] HEADER = {"survey", "title", "anonymous", "run", "run_started", "question", "question_text",
            "kind", "respondent", "score", "text", "answers", "average", "yes_percent"};

    private final SurveyService surveys;
    private final MemberRepository members;

    public SurveysExportSection(SurveyService surveys, MemberRepository members) {
        this.surveys = surveys;
        this.members = members;
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public void write(Context context, Writer out) {
        Csv csv = out.csv("survey_results", HEADER);
        Map<Long, String> names = new HashMap<>();
        List<Survey> all = surveys.all(context.workspaceId(), Integer.MAX_VALUE);
        for (Survey survey : oldestFirst(all)) {
            List<Question> questions = surveys.questions(survey);
            for (SurveyRun run : oldestFirst(surveys.runs(survey))) {
                Object[] head = {"#" + survey.number(), survey.title(), survey.anonymous(), run.runNo(), run.scheduledAt()};
                Map<Integer, List<SurveyService.Given>> answers;
                if (survey.anonymous()) {
                    if (run.open(context.now()) || surveys.answeredCount(run) < survey.minResponses()) {
                        continue;
                    }
                    answers = surveys.answers(run);
                    for (Question q : questions) {
                        List<SurveyService.Given> given = answers.getOrDefault(q.position(), List.of());
                        if (given.size() < survey.minResponses()) {
                            continue;
                        }
                        csv.row(concat(head, q.position(), q.text(), q.kind().name(), null, null, null, given.size(),
                                q.kind() == Question.Kind.SCALE ? SurveyResults.average(given) : null,
                                q.kind() == Question.Kind.YES_NO
                                        ? SurveyResults.percent(given.stream().filter(g -> g.score() == 1).count(), given.size())
                                        : null));
                    }
                    continue;
                }
                answers = surveys.answers(run);
                for (Question q : questions) {
                    for (SurveyService.Given g : answers.getOrDefault(q.position(), List.of())) {
                        String who = g.memberId() == null ? null : names.computeIfAbsent(g.memberId(),
                                id -> Optional.ofNullable(members.findById(id)).map(Member::displayName).orElse("?"));
                        csv.row(concat(head, q.position(), q.text(), q.kind().name(), who, g.score(), g.text(), null, null, null));
                    }
                }
            }
        }
    }

    private static <T> List<T> oldestFirst(List<T> newestFirst) {
        List<T> list = new java.util.ArrayList<>(newestFirst);
        java.util.Collections.reverse(list);
        return list;
    }

    private static Object[] concat(Object[] head, Object... rest) {
        Object[] row = new Object[head.length + rest.length];
        System.arraycopy(head, 0, row, 0, head.length);
        System.arraycopy(rest, 0, row, head.length, rest.length);
        return row;
    }
}
