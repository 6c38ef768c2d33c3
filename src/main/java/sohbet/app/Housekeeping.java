package sohbet.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

import sohbet.core.ChatService;
import sohbet.store.AdminSessionStore;
import sohbet.store.ThreadStore;

/**
 * Hourly sweep of what nobody will use again: empty threads from one-off visits, expired admin
 * sessions and, with RETENTION_DAYS, closed conversations older than that (with their files).
 */
final class Housekeeping implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());
    static final Duration EMPTY_THREAD_AGE = Duration.ofDays(1);

    private final ChatService chat;
    private final ThreadStore threads;
    private final AdminSessionStore sessions;
    private final Clock clock;
    private final Retention retention;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("housekeeping").unstarted(r));

    /**
     * RETENTION_DAYS: closed conversations whose last activity is older than {@code keep} are deleted
     * through the chat service, and the files of their media after.
     */
    record Retention(Duration keep, ChatService chat, Consumer<List<String>> removeFiles) {
        /** A bounded batch per sweep keeps each hour's work short; a backlog goes over the next hours. */
        static final int BATCH = 500;

        /** No retention for 0 days (keep everything). */
        static Retention of(int days, ChatService chat, Consumer<List<String>> removeFiles) {
            return days <= 0 ? null : new Retention(Duration.ofDays(days), chat, removeFiles);
        }

        long sweep(ThreadStore threads, Instant now) {
            long deleted = 0;
            for (long id : threads.closedBefore(now.minus(keep), BATCH)) {
                removeFiles.accept(chat.delete(id));
                deleted++;
            }
            return deleted;
        }
    }

    Housekeeping(ChatService chat, ThreadStore threads, AdminSessionStore sessions, Clock clock) {
        this(chat, threads, sessions, clock, null);
    }

    Housekeeping(ChatService chat, ThreadStore threads, AdminSessionStore sessions, Clock clock, Retention retention) {
        this.chat = chat;
        this.threads = threads;
        this.sessions = sessions;
        this.clock = clock;
        this.retention = retention;
    }

    Housekeeping start() {
        timer.scheduleWithFixedDelay(this::sweep, 1, 60, TimeUnit.MINUTES);
        return this;
    }

    void sweep() {
        try {
            long empty = chat.deleteEmptyThreads(clock.instant().minus(EMPTY_THREAD_AGE));
            sessions.deleteExpired(clock.instant());
            if (empty > 0) {
                LOG.info(() -> "Removed " + empty + " empty threads older than a day");
            }
            if (retention != null) {
                long old = retention.sweep(threads, clock.instant());
                if (old > 0) {
                    LOG.info(() -> "Deleted " + old + " closed conversations older than " + retention.keep().toDays() + " days (RETENTION_DAYS)");
                }
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
