package app.pacer.surveys;

import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.reply.Messages;
import app.pacer.core.time.BusinessCalendar;
import app.pacer.delivery.ClusterJobs;
import app.pacer.delivery.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Starts the weekly surveys' runs when they are due, and reminds whoever has not answered once, on the next
 * working day after they were invited (from their morning time on). A reminder's key names the run, the member
 * and the day, so a tick running twice — or on two replicas — sends it once; answering withdraws it.
 */
@ApplicationScoped
public class SurveyTick {

    private static final Logger LOG = Logger.getLogger(SurveyTick.class);

    private final EntityManager em;
    private final SurveyService surveys;
    private final MemberRepository members;
    private final BusinessCalendar calendar;
    private final Outbox outbox;
    private final ClusterJobs jobs;
    private final Clock clock;
    /** How often the tick runs (its setting); each run claims its slot cluster-wide. */
    private final Duration period;

    public SurveyTick(EntityManager em, SurveyService surveys, MemberRepository members, BusinessCalendar calendar,
            Outbox outbox, ClusterJobs jobs, Clock clock, SurveysConfig config) {
        this.em = em;
        this.surveys = surveys;
        this.members = members;
        this.calendar = calendar;
        this.outbox = outbox;
        this.jobs = jobs;
        this.clock = clock;
        this.period = ClusterJobs.period(config.tick());
    }

    @Scheduled(every = "${pacer.survey.tick:60s}", delayed = "20s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void everyMinute() {
        Instant now = clock.instant();
        if (jobs.claim("survey-tick", ClusterJobs.slot(now, period))) {
            startDueRuns(now);
            remind(now);
        }
    }

    /** Starts the run of every weekly survey whose latest occurrence has no run yet; returns how many started. */
    public int startDueRuns(Instant now) {
        List<Long> weekly = QuarkusTransaction.requiringNew().call(() -> surveys.activeWeekly().stream().map(Survey::id).toList());
        int started = 0;
        for (Long id : weekly) {
            try {
                started += QuarkusTransaction.requiringNew().call(() -> {
                    Survey survey = em.find(Survey.class, id);
                    ZonedDateTime due = SurveyCommands.lastOccurrence(survey, now);
                    // not the occurrence before the survey existed
                    if (due.toInstant().isBefore(survey.createdAt())) {
                        return 0;
                    }
                    return surveys.startRun(survey, due.toInstant(), now).isPresent() ? 1 : 0;
                });
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not start the run of survey %d", id);
            }
        }
        if (started > 0) {
            LOG.infof("Surveys: %d weekly runs started", started);
        }
        return started;
    }

    /** Enqueues the reminders due at {@code now}; returns how many were enqueued. */
    public int remind(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> remindIn(now));
    }

    private int remindIn(Instant now) {
        // invited, not answered, run still open
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT i.run_id, i.member_id, i.invited_on FROM survey_invitation i
                JOIN survey_run r ON r.id = i.run_id
                WHERE r.closes_at > ?1 AND i.reminded_on IS NULL
                  AND NOT EXISTS (SELECT 1 FROM survey_participation p WHERE p.run_id = i.run_id AND p.member_id = i.member_id)
                ORDER BY i.run_id, i.member_id""").setParameter(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).getResultList();
        int enqueued = 0;
        for (Object[] row : rows) {
            long runId = ((Number) row[0]).longValue();
            Member member = members.findById(((Number) row[1]).longValue());
            LocalDate invitedOn = row[2] instanceof java.sql.Date d ? d.toLocalDate() : LocalDate.parse(row[2].toString());
            if (member == null) {
                continue;
            }
            ZonedDateTime local = now.atZone(member.zone());
            LocalDate remindOn = calendar.forMember(member).nextWorkingDay(invitedOn.plusDays(1));
            if (local.toLocalDate().isBefore(remindOn) || local.toLocalTime().isBefore(member.nudgeTime())) {
                continue;
            }
            SurveyRun run = em.find(SurveyRun.class, runId);
            String key = "survey-remind:" + runId + ":" + member.id() + ":" + remindOn;
            Survey survey = surveys.byId(run.workspaceId(), run.surveyId());
            Messages m = Messages.of(member.language());
            Member creator = members.findById(survey.createdBy());
            Outbox.Result result = outbox.toMember(member, surveys.invitation(survey, surveys.questions(survey), run, creator, m, true),
                    key, now, run.closesAt());
            if (result == Outbox.Result.ENQUEUED) {
                enqueued++;
            }
            if (result != Outbox.Result.QUIET) {
                // one reminder, even when the member's calendar changes afterwards; a snoozed day tries again tomorrow
                em.createNativeQuery("UPDATE survey_invitation SET reminded_on = ?1 WHERE run_id = ?2 AND member_id = ?3")
                        .setParameter(1, local.toLocalDate()).setParameter(2, runId).setParameter(3, member.id()).executeUpdate();
            }
        }
        return enqueued;
    }
}
