package app.pacer.core.command;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs what happens after a platform request is acknowledged (Slack wants an answer within 3 s): the command
 * itself and the reply through the platform's API. Threads carry the application class loader, so libraries
 * that look things up through it work in dev and test mode too.
 */
@Singleton
public class RequestWork {

    private static final Logger LOG = Logger.getLogger(RequestWork.class);
    /**
     * Tasks waiting at most: a few seconds of work at full speed. Beyond that a member is better served by "busy,
     * try again" at once than by an answer half a minute late.
     */
    static final int QUEUE = 2_000;
    private final ThreadPoolExecutor executor;
    private final java.util.concurrent.atomic.AtomicLong lastRefusal = new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - 20_000_000_000L);

    public RequestWork() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        AtomicInteger count = new AtomicInteger();
        int threads = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(QUEUE),
                r -> {
                    Thread t = new Thread(r, "pacer-request-" + count.incrementAndGet());
                    t.setContextClassLoader(loader);
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Runs {@code task} soon; failures are logged, never lost silently.
     *
     * @throws Overloaded when {@link #QUEUE} tasks are already waiting: the caller refuses the request instead
     */
    public void submit(String what, Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Failed: %s", what);
                }
            });
        } catch (RejectedExecutionException e) {
            long now = System.nanoTime();
            long last = lastRefusal.get();
            if (now - last > 10_000_000_000L && lastRefusal.compareAndSet(last, now)) {
                LOG.warnf("Overloaded: %d tasks are waiting, new requests are refused until they drain (%s)", QUEUE, what);
            }
            throw new Overloaded(what);
        }
    }

    /** The threads that run the work. */
    int threads() {
        return executor.getMaximumPoolSize();
    }

    void onStop(@Observes ShutdownEvent event) {
        close();
    }

    @PreDestroy
    void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
