package sohbet.telegram;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.interfaces.BackOff;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import sohbet.store.Database;

/**
 * Long polling through telegrambots' {@link TelegramBotsLongPollingApplication}, with its sharp edges filed off:
 * <ul>
 * <li>its poll thread is ours (a daemon thread), and stopping cancels the poll in flight, so shutdown is prompt;</li>
 * <li>it confirms an update to Telegram (next offset) as soon as it hands it over, so handing over blocks
 *     until the update is applied, waiting out a database outage instead of dropping the update;</li>
 * <li>a failed start (Telegram unreachable, the first deleteWebhook fails) is retried in the background
 *     rather than leaving the bot deaf until the next restart;</li>
 * <li>its default back-off grows to 15 minutes between polls after a long outage; ours stops at retryMax.</li>
 * </ul>
 */
final class UpdatePoller implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(UpdatePoller.class.getName());
    private static final List<String> ALLOWED_UPDATES = List.of("message", "edited_message");
    private static final int POISON_TRIES = 3;

    private final BotConnection bot;
    private final UpdateHandler handler;
    private final Database db;
    private final TelegramTiming timing;
    private final TelegramBotsLongPollingApplication app;
    private final List<ScheduledExecutorService> executors = new CopyOnWriteArrayList<>();
    private final List<Thread> pollThreads = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;
    private Thread starter;

    UpdatePoller(BotConnection bot, UpdateHandler handler, Database db, TelegramTiming timing) {
        this.bot = bot;
        this.handler = handler;
        this.db = db;
        this.timing = timing;
        this.app = new TelegramBotsLongPollingApplication(ObjectMapper::new, bot::pollHttp, this::newPollExecutor, this::newBackOff);
    }

    void start() {
        starter = Thread.ofVirtual().name("telegram-poll-start").start(this::register);
    }

    private void register() {
        for (int failures = 1; !stopping; failures++) {
            try {
                app.registerBot(bot.token(), bot::url, this::getUpdates, this::consume);
                if (stopping) {
                    // close() ran while registering: its executor came too late for close() to stop it.
                    executors.forEach(ScheduledExecutorService::shutdownNow);
                    return;
                }
                LOG.info(() -> "Telegram bot is polling " + bot.describe() + " for updates");
                return;
            } catch (TelegramApiException | RuntimeException e) {
                if (stopping) {
                    // close() cancelled the start (its executor refuses the poll task): nothing to report.
                    return;
                }
                Duration wait = timing.backoff(failures);
                LOG.warning(() -> "Telegram bot could not start polling (" + bot.redact(e.getMessage()) + "); trying again in "
                        + wait.toMillis() + " ms");
                try {
                    // A failed start leaves the session registered but idle; it must go before registering again.
                    app.unregisterBot(bot.token());
                } catch (TelegramApiException ignored) {
                    // not registered: nothing to undo
                }
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private GetUpdates getUpdates(Integer lastReceived) {
        return GetUpdates.builder()
                .offset(lastReceived + 1)
                .limit(100)
                .timeout((int) timing.pollTimeout().toSeconds())
                .allowedUpdates(ALLOWED_UPDATES)
                .build();
    }

    /** Runs on the poll thread; the next getUpdates (which confirms these) waits until this returns. Never throws: that would end polling. */
    private void consume(List<Update> updates) {
        for (Update u : updates) {
            if (!applyPatiently(u)) {
                return;
            }
        }
    }

    private boolean applyPatiently(Update u) {
        for (int failures = 1; ; failures++) {
            if (stopping) {
                // Not recorded: Telegram has not had the confirming offset either, so it re-delivers after the restart.
                return false;
            }
            try {
                handler.apply(u);
                return true;
            } catch (RuntimeException e) {
                // With the database up, a few tries cover a busy moment; an update failing beyond that is a poison pill.
                if (db.isUp() && failures >= POISON_TRIES) {
                    LOG.warning(() -> "Skipping Telegram update " + u.getUpdateId() + " that cannot be applied: "
                            + bot.redact(String.valueOf(e)));
                    try {
                        handler.skip(u);
                    } catch (RuntimeException ignored) {
                        // it will be tried again if Telegram re-delivers it
                    }
                    return true;
                }
                Duration wait = timing.backoff(failures);
                LOG.warning(() -> "Telegram update " + u.getUpdateId() + " not applied yet (" + bot.redact(String.valueOf(e.getMessage()))
                        + "); trying again in " + wait.toMillis() + " ms");
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    private ScheduledExecutorService newPollExecutor() {
        ThreadFactory virtual = Thread.ofVirtual().name("telegram-poll-", 0).factory();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = virtual.newThread(r);
            pollThreads.add(t);
            return t;
        });
        executors.add(executor);
        if (stopping) {
            executor.shutdownNow();
        }
        return executor;
    }

    private BackOff newBackOff() {
        return new BackOff() {
            private int failures;

            @Override
            public void reset() {
                failures = 0;
            }

            @Override
            public long nextBackOffMillis() {
                return timing.backoff(++failures).toMillis();
            }
        };
    }

    /**
     * Stops within about stopWait: telegrambots' own close() leaves its poll running (and, with its default
     * executor, the JVM alive), so the poll thread is interrupted and the request in flight cancelled here.
     */
    @Override
    public void close() {
        stopping = true;
        if (starter != null) {
            starter.interrupt();
        }
        PollerLogs.quiet(pollThreads);
        Thread closer = Thread.ofPlatform().daemon().name("telegram-poll-close").start(() -> {
            try {
                app.close();
            } catch (Exception e) {
                LOG.fine(() -> "telegrambots close: " + e);
            }
        });
        executors.forEach(ScheduledExecutorService::shutdownNow);
        bot.cancelPolls();
        long deadline = System.nanoTime() + timing.stopWait().toNanos();
        try {
            for (ScheduledExecutorService executor : executors) {
                if (!executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    LOG.warning("Telegram poll thread did not stop in time; it is a daemon thread and will not hold the process");
                }
            }
            closer.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
