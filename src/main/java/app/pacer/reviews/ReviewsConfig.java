package app.pacer.reviews;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the reviews feature ({@code PACER_REVIEW_*} in the environment). */
@ConfigMapping(prefix = "pacer.review")
public interface ReviewsConfig {

    /**
     * How often the review tick sends reminders of reviews and 1:1s due ({@code off} disables it on this replica). Each run claims its minute cluster-wide, so
     * replicas never send twice.
     */
    @WithDefault("60s")
    String tick();
}
