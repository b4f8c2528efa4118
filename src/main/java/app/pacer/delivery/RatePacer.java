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

    /** Until when a key is paused (System.nanoTime), after the platform answered 429 for it. */
    private final java.util.Map<String, Long> pausedUntil = new java.util.concurrent.ConcurrentHashMap<>();

    /** Blocks until every limit allows one more message (most specific key first). */
    void acquire(List<PlatformDelivery.Rate> rates) {
        for (PlatformDelivery.Rate rate : rates) {
            Long until = pausedUntil.get(rate.key());
            long wait = until == null ? 0 : until - System.nanoTime();
            if (wait > 0) {
                try {
                    java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            limiters.getUnchecked(new Key(rate.key(), rate.perSecond())).acquire();
        }
    }

    /** A 429 holds back every message to the same keys for its Retry-After, not only the one refused. */
    void pause(List<PlatformDelivery.Rate> rates, Duration delay) {
        long until = System.nanoTime() + delay.toNanos();
        for (PlatformDelivery.Rate rate : rates) {
            pausedUntil.merge(rate.key(), until, Math::max);
        }
    }
}
