package app.pacer.surveys;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the surveys feature ({@code PACER_SURVEY_*} in the environment). */
@ConfigMapping(prefix = "pacer.survey")
public interface SurveysConfig {

    /**
     * How often the survey tick opens and closes runs and sends invitations and reminders ({@code off} disables it on this replica). Each run claims its minute cluster-wide, so
     * replicas never send twice.
     */
    @WithDefault("60s")
    String tick();
}
