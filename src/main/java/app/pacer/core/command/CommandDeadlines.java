package app.pacer.core.command;

import app.pacer.config.PacerConfig;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A time budget per command ({@code pacer.command.timeout}), so that one request cannot hold a worker of
 * {@link RequestWork} indefinitely: when it runs out, the worker thread is interrupted (sleeps, waits and HTTP calls
 * end) and {@link CommandService} answers "that took too long" after rolling back. SQL is bounded on the database's
 * side, by {@code statement_timeout} set to what is left of the budget in each command's transaction.
 */
@Singleton
public class CommandDeadlines {

    private final Duration timeout;
    private final ScheduledThreadPoolExecutor alarms;

    @Inject
    public CommandDeadlines(PacerConfig config) {
        this(config.command().timeout());
    }

    CommandDeadlines(Duration timeout) {
        this.timeout = timeout;
        this.alarms = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "pacer-command-deadline");
            t.setDaemon(true);
            return t;
        });
        alarms.setRemoveOnCancelPolicy(true);
    }

    Duration timeout() {
        return timeout;
    }

    /** Starts the budget of a command the current thread is about to run; close it when the command is done. */
    Deadline start() {
        Deadline deadline = new Deadline(Thread.currentThread(), System.nanoTime() + timeout.toNanos());
        deadline.alarm = alarms.schedule(deadline::fire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        return deadline;
    }

    @PreDestroy
    void close() {
        alarms.shutdownNow();
    }

    /** One command's budget. */
    static final class Deadline implements AutoCloseable {
        private final Thread worker;
        private final long end;
        private ScheduledFuture<?> alarm;
        private boolean fired;
        private boolean done;

        private Deadline(Thread worker, long end) {
            this.worker = worker;
            this.end = end;
        }

        private synchronized void fire() {
            if (!done) {
                fired = true;
                worker.interrupt();
            }
        }

        /** Whether the budget is spent. */
        synchronized boolean passed() {
            return fired || System.nanoTime() - end >= 0;
        }

        /** What is left, at least 1 ms. */
        long remainingMillis() {
            return Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()));
        }

        /** Called by the worker: no interrupt reaches it after this, and one that came is cleared for its next task. */
        @Override
        public void close() {
            alarm.cancel(false);
            boolean interrupted;
            synchronized (this) {
                done = true;
                interrupted = fired;
            }
            if (interrupted) {
                Thread.interrupted();
            }
        }
    }
}
