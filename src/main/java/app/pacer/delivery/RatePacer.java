package app.pacer.delivery;

import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import com.google.common.util.concurrent.RateLimiter;
import java.time.Duration;
import java.util.List;

/**
 * Keeps this replica's sends under the platforms' limits (per channel or conversation, per workspace or
 * tenant) with Guava's token-bucket {@link RateLimiter}s, one per key. Several replicas together may exceed
 * them; the platforms' 429 answers are honoured for that.
 */
final class RatePacer {

    private final LoadingCache<Key, RateLimiter> limiters = CacheBuilder.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .build(CacheLoader.from(key -> RateLimiter.create(key.perSecond())));

    private record Key(String name, double perSecond) {
    }

    /** Blocks until every limit allows one more message. */
    void acquire(List<PlatformDelivery.Rate> rates) {
        for (PlatformDelivery.Rate rate : rates) {
            limiters.getUnchecked(new Key(rate.key(), rate.perSecond())).acquire();
        }
    }
}
