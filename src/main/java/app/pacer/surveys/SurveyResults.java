package app.pacer.surveys;

import app.pacer.core.command.ArgError;
import app.pacer.core.command.Invocation;
import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.org.Role;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code survey results <#id> [run=N]}: response rate, per question the average and distribution (scale), the
 * yes share (yes/no) or the answers (text, unattributed when anonymous), and the change since the run before.
 * An anonymous run's results stay hidden until it has the survey's minimum of answers — and so does a trend
 * against such a run.
 */
@ApplicationScoped
public class SurveyResults {

    private static final int BAR = 10;
    static final int TEXT_LIMIT = 40;

    private final SurveyService surveys;
    private final MemberRepository members;

    public SurveyResults(SurveyService surveys, MemberRepository members) {
        this.surveys = surveys;
        this.members = members;
    }

    Reply show(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        Survey survey = surveys.require(actor.workspaceId(), invocation.required("survey", Integer.class));
        if (!actor.id().equals(survey.createdBy()) && actor.role() != Role.ADMIN) {
            throw new ArgError("error.survey.not_yours", "#" + survey.number());
        }
        List<SurveyRun> runs = surveys.runs(survey);
        if (runs.isEmpty()) {
            String first = survey.weekly() ? SurveyCommands.nextOccurrence(survey, invocation.now()).toLocalDate().toString() : "—";
            return Reply.text(m.get("survey.results.no_runs", "#" + survey.number(), first));
        }
        Optional<Integer> wanted = invocation.arg("run", Integer.class);
        SurveyRun run = wanted.map(n -> runs.stream().filter(r -> r.runNo() == n).findFirst()
                .orElseThrow(() -> new ArgError("error.survey.no_such_run", n, runs.get(0).runNo()))).orElse(runs.get(0));
        Optional<SurveyRun> previous = runs.stream().filter(r -> r.runNo() < run.runNo()).findFirst();

        int invited = surveys.invitedCount(run);
        int answered = surveys.answeredCount(run);
        String title = m.get("survey.results.title", "#" + survey.number(), survey.title());
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Header("📊 " + title));
        String date = run.scheduledAt().atZone(actor.zone()).toLocalDate().toString();
        blocks.add(new Block.Fields(List.of(
                new Block.Field(m.get("survey.results.run"), m.get("survey.results.run_of", run.runNo(), date)),
                new Block.Field(m.get("survey.results.rate"), m.get("survey.results.rate_value", answered, invited,
                        invited == 0 ? 0 : answered * 100 / invited)))));
        if (survey.anonymous() && run.open(invocation.now())) {
            // while answers still arrive, a result seen at n and again at n+1 answers tells the last person's answer
            blocks.add(new Block.Text("🔒 " + m.get("survey.results.when_closed", date(run.closesAt(), actor))));
            return Reply.message(title, blocks);
        }
        if (survey.anonymous() && answered < survey.minResponses()) {
            blocks.add(new Block.Text("🔒 " + m.get("survey.results.hidden", survey.minResponses(), answered)));
            return Reply.message(title, blocks);
        }
        Map<Integer, List<SurveyService.Given>> now = surveys.answers(run);
        Map<Integer, List<SurveyService.Given>> before = previous.filter(p -> !survey.anonymous()
                || surveys.answeredCount(p) >= survey.minResponses()).map(surveys::answers).orElse(null);
        Map<Long, String> names = new HashMap<>();
        for (Question q : surveys.questions(survey)) {
            List<SurveyService.Given> given = now.getOrDefault(q.position(), List.of());
            blocks.add(new Block.Divider());
            blocks.add(new Block.Text("**" + q.position() + ". " + Markdown.literal(q.text()) + "**"));
            if (given.isEmpty()) {
                blocks.add(new Block.Context(m.get("survey.results.no_answers")));
                continue;
            }
            if (survey.anonymous() && given.size() < survey.minResponses()) {
                // an optional question answered by few would single them out even when the run has enough answers
                blocks.add(new Block.Context("🔒 " + m.get("survey.results.question_hidden", survey.minResponses())));
                continue;
            }
            switch (q.kind()) {
                case SCALE -> {
                    BigDecimal average = average(given);
                    String trend = before == null ? "" : trend(average, before.get(q.position()), previous.get(), m, false);
                    blocks.add(new Block.Text(m.get("survey.results.average", average.toPlainString(), given.size()) + trend));
                    int[] counts = new int[6];
                    given.forEach(g -> counts[g.score()]++);
                    List<String> lines = new ArrayList<>();
                    int most = java.util.Arrays.stream(counts).max().orElse(1);
                    for (int i = 5; i >= 1; i--) {
                        lines.add("`" + i + "` " + bar(counts[i], most) + " " + counts[i]);
                    }
                    blocks.add(new Block.Text(String.join("\n", lines)));
                }
                case YES_NO -> {
                    long yes = given.stream().filter(g -> g.score() == 1).count();
                    BigDecimal share = percent(yes, given.size());
                    String trend = before == null ? "" : trend(share, before.get(q.position()), previous.get(), m, true);
                    blocks.add(new Block.Text(m.get("survey.results.yes_no", share.toPlainString(), yes,
                            given.size() - yes) + trend));
                }
                default -> {
                    List<String> lines = new ArrayList<>();
                    for (SurveyService.Given g : given.subList(0, Math.min(TEXT_LIMIT, given.size()))) {
                        // anonymous answers have no member to name
                        lines.add(g.memberId() == null ? "“" + Markdown.literal(g.text()) + "”" : Markdown.bold(names.computeIfAbsent(
                                g.memberId(), id -> Optional.ofNullable(members.findById(id)).map(Member::displayName).orElse("?")))
                                + ": " + Markdown.literal(g.text()));
                    }
                    blocks.add(new Block.Bullets(lines));
                    if (given.size() > TEXT_LIMIT) {
                        blocks.add(new Block.Context(m.get("survey.results.more_text", given.size() - TEXT_LIMIT)));
                    }
                }
            }
        }
        if (survey.anonymous()) {
            blocks.add(new Block.Context("🔒 " + m.get("survey.results.anonymous")));
        }
        return Reply.message(title, blocks);
    }

    private static String date(java.time.Instant instant, Member reader) {
        return instant.atZone(reader.zone()).toLocalDate().toString();
    }

    static BigDecimal average(List<SurveyService.Given> given) {
        int sum = given.stream().mapToInt(SurveyService.Given::score).sum();
        return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(given.size()), 1, RoundingMode.HALF_UP);
    }

    static BigDecimal percent(long part, long whole) {
        return BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 0, RoundingMode.HALF_UP);
    }

    /** " (▲ +0.4 since run 2)": the change against the run before, when it had answers to this question. */
    private static String trend(BigDecimal value, List<SurveyService.Given> earlier, SurveyRun previous, Messages m,
            boolean yesNo) {
        if (earlier == null || earlier.isEmpty()) {
            return "";
        }
        BigDecimal then = yesNo ? percent(earlier.stream().filter(g -> g.score() == 1).count(), earlier.size()) : average(earlier);
        BigDecimal delta = value.subtract(then);
        String arrow = delta.signum() > 0 ? "▲ +" : delta.signum() < 0 ? "▼ " : "= ";
        return " · " + m.get(yesNo ? "survey.results.trend_points" : "survey.results.trend", arrow + delta.toPlainString(),
                previous.runNo(), then.toPlainString());
    }

    private static String bar(int count, int most) {
        int width = most == 0 ? 0 : Math.round((float) count * BAR / most);
        return "█".repeat(width) + "░".repeat(BAR - width);
    }
}
