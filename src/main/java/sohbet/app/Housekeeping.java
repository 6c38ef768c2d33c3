package sohbet.app;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import sohbet.store.AdminSessionStore;
import sohbet.store.ThreadStore;

/** Hourly sweep of what nobody will use again: empty threads from one-off visits, expired admin sessions. */
final class Housekeeping implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());
    static final Duration EMPTY_THREAD_AGE = Duration.ofDays(1);

    private final ThreadStore threads;
    private final AdminSessionStore sessions;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("housekeeping").unstarted(r));

    Housekeeping(ThreadStore threads, AdminSessionStore sessions, Clock clock) {
        this.threads = threads;
        this.sessions = sessions;
        this.clock = clock;
    }

    Housekeeping start() {
        timer.scheduleWithFixedDelay(this::sweep, 1, 60, TimeUnit.MINUTES);
        return this;
    }

    void sweep() {
        try {
            long empty = threads.deleteEmptyBefore(clock.instant().minus(EMPTY_THREAD_AGE));
            sessions.deleteExpired(clock.instant());
            if (empty > 0) {
                LOG.info(() -> "Removed " + empty + " empty threads older than a day");
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "Housekeeping skipped this round: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
