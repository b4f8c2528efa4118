package app.pacer.imports;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of lead imports ({@code PACER_IMPORTS_*} in the environment). */
@ConfigMapping(prefix = "pacer.imports")
public interface ImportsConfig {

    /**
     * How often a replica looks for a confirmed import to run, or one whose replica stopped mid-way to resume
     * ({@code off} disables imports' work on this replica).
     */
    @WithDefault("2s")
    String tick();

    /** Rows imported per transaction: a crash loses at most one batch's work, which is then redone. */
    @WithDefault("1000")
    int batchSize();
}
