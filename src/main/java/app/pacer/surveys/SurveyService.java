package app.pacer.surveys;

import app.pacer.core.command.ArgError;
import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.reply.ActionRef;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Button;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.delivery.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Surveys, their runs, invitations and answers. Every query names the workspace (directly, or through a
 * survey or run already looked up in it).
 */
@ApplicationScoped
public class SurveyService {

    /** The fewest answers an anonymous survey needs before its results are shown; a workspace may ask for more. */
    public static final int MIN_RESPONSES = 3;
    /** How long a run takes answers (a weekly survey's next run starts then). */
    static final Duration RUN_OPEN = Duration.ofDays(7);
    static final int MAX_TITLE = 150;
    static final int MAX_QUESTION = 300;
    static final int MAX_ANSWER = 2000;
    static final int MAX_QUESTIONS = 5;

    private final EntityManager em;
    private final MemberRepository members;
    private final Outbox outbox;

    public SurveyService(EntityManager em, MemberRepository members, Outbox outbox) {
        this.em = em;
        this.members = members;
        this.outbox = outbox;
    }

    // ---- settings and numbers

    public int minResponses(Long workspaceId) {
        List<?> rows = em.createNativeQuery("SELECT min_responses FROM survey_settings WHERE workspace_id = ?1")
                .setParameter(1, workspaceId).getResultList();
        return rows.isEmpty() ? MIN_RESPONSES : ((Number) rows.get(0)).intValue();
    }

    public void chooseMinResponses(Long workspaceId, int min) {
        if (min < MIN_RESPONSES) {
            throw new IllegalArgumentException("below " + MIN_RESPONSES);
        }
        em.createNativeQuery("""
                INSERT INTO survey_settings (workspace_id, min_responses) VALUES (?1, ?2)
                ON CONFLICT (workspace_id) DO UPDATE SET min_responses = EXCLUDED.min_responses""")
                .setParameter(1, workspaceId).setParameter(2, min).executeUpdate();
    }

    /** The workspace's next survey number, atomically (two managers creating at once get different ones). */
    private int nextNumber(Long workspaceId) {
        return ((Number) em.createNativeQuery("""
                INSERT INTO survey_settings (workspace_id, survey_seq) VALUES (?1, 1)
                ON CONFLICT (workspace_id) DO UPDATE SET survey_seq = survey_settings.survey_seq + 1
                RETURNING survey_seq""").setParameter(1, workspaceId).getSingleResult()).intValue();
    }

    // ---- surveys

    /** A survey as typed or submitted, already validated. */
    public record Draft(String title, List<Question> questions, boolean anonymous, boolean wholeTeam, List<Member> audience,
            java.time.DayOfWeek weekday, java.time.LocalTime sendTime) {
    }

    public Survey create(Member creator, Draft draft, Instant now) {
        Long ws = creator.workspaceId();
        Survey survey = new Survey(ws, nextNumber(ws), draft.title(), draft.anonymous(), minResponses(ws), draft.wholeTeam(),
                draft.weekday(), draft.sendTime(), creator.zone(), creator.id(), now);
        em.persist(survey);
        em.flush();
        for (Question q : draft.questions()) {
            em.createNativeQuery("INSERT INTO survey_question (survey_id, position, kind, text) VALUES (?1, ?2, ?3, ?4)")
                    .setParameter(1, survey.id()).setParameter(2, q.position()).setParameter(3, q.kind().name())
                    .setParameter(4, q.text()).executeUpdate();
        }
        if (!draft.wholeTeam()) {
            for (Member m : draft.audience()) {
                em.createNativeQuery("INSERT INTO survey_audience (survey_id, member_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                        .setParameter(1, survey.id()).setParameter(2, m.id()).executeUpdate();
            }
        }
        return survey;
    }

    public Optional<Survey> find(Long workspaceId, int number) {
        return em.createQuery("from Survey where workspaceId = ?1 and number = ?2", Survey.class)
                .setParameter(1, workspaceId).setParameter(2, number).getResultStream().findFirst();
    }

    public Survey require(Long workspaceId, int number) {
        return find(workspaceId, number).orElseThrow(() -> new ArgError("error.survey.not_found", "#" + number));
    }

    public Survey byId(Long workspaceId, Long id) {
        return em.createQuery("from Survey where workspaceId = ?1 and id = ?2", Survey.class)
                .setParameter(1, workspaceId).setParameter(2, id).getSingleResult();
    }

    public List<Survey> all(Long workspaceId, int limit) {
        return em.createQuery("from Survey where workspaceId = ?1 order by number desc", Survey.class)
                .setParameter(1, workspaceId).setMaxResults(limit).getResultList();
    }

    public List<Survey> activeWeekly() {
        return em.createQuery("from Survey where weekday is not null and stoppedAt is null order by id", Survey.class)
                .getResultList();
    }

    public List<Question> questions(Survey survey) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT position, kind, text FROM survey_question WHERE survey_id = ?1 ORDER BY position")
                .setParameter(1, survey.id()).getResultList();
        return rows.stream().map(r -> new Question(((Number) r[0]).intValue(), Question.Kind.valueOf((String) r[1]),
                (String) r[2])).toList();
    }

    /** Who a survey asks now: the listed people, or everyone in the workspace but its creator. */
    public List<Member> audience(Survey survey) {
        if (survey.wholeTeam()) {
            return members.list("workspaceId = ?1 and id <> ?2 order by id", survey.workspaceId(), survey.createdBy());
        }
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("SELECT member_id FROM survey_audience WHERE survey_id = ?1 ORDER BY member_id")
                .setParameter(1, survey.id()).getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return members.list("workspaceId = ?1 and id in ?2 order by id", survey.workspaceId(),
                ids.stream().map(Number::longValue).toList());
    }

    /** Members of the workspace by id; ids from elsewhere are ignored. */
    public List<Member> membersIn(Long workspaceId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return members.list("workspaceId = ?1 and id in ?2 order by id", workspaceId, List.copyOf(ids));
    }

    // ---- runs and invitations

    public record Started(SurveyRun run, int invited, int unreachable) {
    }

    /**
     * Starts the run of {@code survey} for the occurrence at {@code scheduledAt}: invites the audience through the
     * outbox. Empty when that run exists already (a second tick, another replica).
     */
    public Optional<Started> startRun(Survey survey, Instant scheduledAt, Instant now) {
        List<?> inserted = em.createNativeQuery("""
                INSERT INTO survey_run (survey_id, workspace_id, run_no, scheduled_at, closes_at)
                VALUES (?1, ?2, (SELECT COALESCE(MAX(run_no), 0) + 1 FROM survey_run WHERE survey_id = ?1), ?3, ?4)
                ON CONFLICT DO NOTHING RETURNING id""")
                .setParameter(1, survey.id()).setParameter(2, survey.workspaceId()).setParameter(3, utc(scheduledAt))
                .setParameter(4, utc(now.plus(RUN_OPEN))).getResultList();
        if (inserted.isEmpty()) {
            return Optional.empty();
        }
        SurveyRun run = em.find(SurveyRun.class, ((Number) inserted.get(0)).longValue());
        List<Question> questions = questions(survey);
        Member creator = members.findById(survey.createdBy());
        int invited = 0;
        int unreachable = 0;
        for (Member member : audience(survey)) {
            em.createNativeQuery("INSERT INTO survey_invitation (run_id, member_id, invited_on) VALUES (?1, ?2, ?3)")
                    .setParameter(1, run.id()).setParameter(2, member.id())
                    .setParameter(3, now.atZone(member.zone()).toLocalDate()).executeUpdate();
            invited++;
            Messages m = Messages.of(member.language());
            Outbox.Result result = outbox.toMember(member, invitation(survey, questions, run, creator, m, false),
                    "survey:" + run.id() + ":" + member.id(), now, run.closesAt());
            if (result == Outbox.Result.UNREACHABLE) {
                unreachable++;
            }
        }
        return Optional.of(new Started(run, invited, unreachable));
    }

    public Optional<SurveyRun> run(Long workspaceId, long runId) {
        return em.createQuery("from SurveyRun where workspaceId = ?1 and id = ?2", SurveyRun.class)
                .setParameter(1, workspaceId).setParameter(2, runId).getResultStream().findFirst();
    }

    public List<SurveyRun> runs(Survey survey) {
        return em.createQuery("from SurveyRun where surveyId = ?1 order by runNo desc", SurveyRun.class)
                .setParameter(1, survey.id()).getResultList();
    }

    public boolean invited(SurveyRun run, Member member) {
        return !em.createNativeQuery("SELECT 1 FROM survey_invitation WHERE run_id = ?1 AND member_id = ?2")
                .setParameter(1, run.id()).setParameter(2, member.id()).getResultList().isEmpty();
    }

    public boolean answered(SurveyRun run, Member member) {
        return !em.createNativeQuery("SELECT 1 FROM survey_participation WHERE run_id = ?1 AND member_id = ?2")
                .setParameter(1, run.id()).setParameter(2, member.id()).getResultList().isEmpty();
    }

    /** Runs still open that {@code member} was invited to and has not answered, newest first. */
    public List<SurveyRun> waitingFor(Member member, Instant now) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("""
                SELECT r.id FROM survey_run r JOIN survey_invitation i ON i.run_id = r.id AND i.member_id = ?2
                WHERE r.workspace_id = ?1 AND r.closes_at > ?3
                  AND NOT EXISTS (SELECT 1 FROM survey_participation p WHERE p.run_id = r.id AND p.member_id = ?2)
                ORDER BY r.scheduled_at DESC LIMIT 10""")
                .setParameter(1, member.workspaceId()).setParameter(2, member.id()).setParameter(3, utc(now)).getResultList();
        return ids.stream().map(id -> em.find(SurveyRun.class, id.longValue())).toList();
    }

    public int invitedCount(SurveyRun run) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM survey_invitation WHERE run_id = ?1")
                .setParameter(1, run.id()).getSingleResult()).intValue();
    }

    public int answeredCount(SurveyRun run) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM survey_participation WHERE run_id = ?1")
                .setParameter(1, run.id()).getSingleResult()).intValue();
    }

    // ---- answers

    /** One answer: a score (1–5; yes = 1, no = 0) or a text. */
    public record Answer(int position, Integer score, String text) {
    }

    /**
     * Records that {@code member} answered, and what — for an anonymous survey without any link between the two:
     * the answer rows have random ids, no member and no time. Nothing is logged here.
     */
    public void answer(Survey survey, SurveyRun run, Member member, List<Answer> answers) {
        int took = em.createNativeQuery("INSERT INTO survey_participation (run_id, member_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, run.id()).setParameter(2, member.id()).executeUpdate();
        if (took == 0) {
            throw new ArgError("error.survey.already_answered", Markdown.literal(survey.title()));
        }
        Long who = survey.anonymous() ? null : member.id();
        try {
            for (Answer a : answers) {
                em.createNativeQuery("""
                        INSERT INTO survey_answer (id, run_id, member_id, position, score, text)
                        VALUES (?1, ?2, CAST(?3 AS BIGINT), ?4, CAST(?5 AS INT), CAST(?6 AS VARCHAR))""")
                        .setParameter(1, UUID.randomUUID()).setParameter(2, run.id()).setParameter(3, who)
                        .setParameter(4, a.position()).setParameter(5, a.score()).setParameter(6, a.text()).executeUpdate();
            }
            em.flush();
        } catch (RuntimeException e) {
            if (!survey.anonymous()) {
                throw e;
            }
            // the database's message may quote the failing row: it must not reach a log line that names the member
            throw new IllegalStateException("could not store an anonymous answer of run " + run.id());
        }
        outbox.expirePending(reminderKeyPrefix(run, member));
    }

    static String reminderKeyPrefix(SurveyRun run, Member member) {
        // ends with ':' so that member 1's prefix does not also match member 12
        return "survey-remind:" + run.id() + ":" + member.id() + ":";
    }

    /** Every answer of a run to one question; unattributed ones have a null member. Random order for anonymous runs. */
    public record Given(Long memberId, Integer score, String text) {
    }

    public Map<Integer, List<Given>> answers(SurveyRun run) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT position, member_id, score, text FROM survey_answer WHERE run_id = ?1 ORDER BY position, id")
                .setParameter(1, run.id()).getResultList();
        Map<Integer, List<Given>> byQuestion = new java.util.TreeMap<>();
        for (Object[] r : rows) {
            byQuestion.computeIfAbsent(((Number) r[0]).intValue(), p -> new ArrayList<>()).add(new Given(
                    r[1] == null ? null : ((Number) r[1]).longValue(), r[2] == null ? null : ((Number) r[2]).intValue(),
                    (String) r[3]));
        }
        return byQuestion;
    }

    // ---- the invitation

    /** The DM inviting to a run: the questions, whether it is anonymous, and a button that opens the answer form. */
    Reply.Message invitation(Survey survey, List<Question> questions, SurveyRun run, Member creator, Messages m,
            boolean reminder) {
        List<Block> blocks = new ArrayList<>();
        String headline = m.get(reminder ? "survey.invite.reminder" : "survey.invite.headline", Markdown.literal(creator.displayName()),
                Markdown.literal(survey.title()));
        blocks.add(new Block.Header("📋 " + survey.title()));
        blocks.add(new Block.Text(headline));
        blocks.add(new Block.Bullets(questions.stream().map(q -> q.position() + ". " + Markdown.literal(q.text()) + " _("
                + m.get("survey.kind." + q.kind().name().toLowerCase(java.util.Locale.ROOT)) + ")_").toList()));
        blocks.add(new Block.Context(privacy(survey, creator, m)));
        blocks.add(new Block.Actions(List.of(Button.primary(m.get("survey.button.answer"),
                ActionRef.of("survey.answer", Map.of("run", String.valueOf(run.id())))))));
        return Reply.message(Markdown.plain(headline), blocks);
    }

    /** What the survey promises about who sees the answers — in the invitation and on the form. */
    static String privacy(Survey survey, Member creator, Messages m) {
        return survey.anonymous() ? "🔒 " + m.get("survey.privacy.anonymous", survey.minResponses())
                : "👤 " + m.get("survey.privacy.named", Markdown.literal(creator.displayName()));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
