package app.pacer.digest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the digest feature ({@code PACER_DIGEST_*} in the environment). */
@ConfigMapping(prefix = "pacer.digest")
public interface DigestConfig {

    /**
     * How often the digest tick posts due digests and asks the standup questions ({@code off} disables it on this replica). Each run claims its minute cluster-wide, so
     * replicas never send twice.
     */
    @WithDefault("60s")
    String tick();
}
