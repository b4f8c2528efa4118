package app.pacer.nudge;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the morning nudge ({@code PACER_NUDGE_*} in the environment). */
@ConfigMapping(prefix = "pacer.nudge")
public interface NudgeConfig {

    /**
     * How often the nudge tick looks for members whose nudge time has come ({@code off} disables it on this
     * replica). Each run claims its slot cluster-wide, so replicas never nudge twice.
     */
    @WithDefault("60s")
    String tick();
}
