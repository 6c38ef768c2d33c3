package sohbet.store;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * The loop behind each outbox (Telegram forwards, answers by e-mail): one virtual thread works
 * through the queue table pass after pass, looks early when this process queued something, and
 * backs off while the database fails. The queue itself is the guarantee; a wake-up is a shortcut.
 */
public final class OutboxLoop implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OutboxLoop.class.getName());

    /** One pass over the queue; returns how long to wait before the next one ({@link Duration#ZERO}: at once). */
    @FunctionalInterface
    public interface Pass {
        Duration run() throws InterruptedException;
    }

    private final String name;
    private final IntFunction<Duration> backoff;
    private final Duration stopWait;
    private final UnaryOperator<String> redact;
    private final Pass pass;
    private final Semaphore wakeups = new Semaphore(0);
    private volatile boolean stopping;
    private Thread thread;

    /**
     * {@code name} names the thread and the log lines ("Mail outbox"); {@code backoff} gives the wait after
     * the n-th failure in a row; {@code redact} cleans an error message before it is logged (a bot token).
     */
    public OutboxLoop(String name, IntFunction<Duration> backoff, Duration stopWait, UnaryOperator<String> redact, Pass pass) {
        this.name = name;
        this.backoff = backoff;
        this.stopWait = stopWait;
        this.redact = redact;
        this.pass = pass;
    }

    public void start() {
        thread = Thread.ofVirtual().name(name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-')).start(this::run);
    }

    /** Something was queued: look now instead of at the next periodic look. */
    public void wake() {
        wakeups.release();
    }

    public boolean stopping() {
        return stopping;
    }

    private void run() {
        int failures = 0;
        while (!stopping) {
            try {
                Duration next = pass.run();
                failures = 0;
                if (!next.isZero() && !next.isNegative()) {
                    await(next);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (stopping) {
                    return;
                }
                failures++;
                Duration wait = backoff.apply(failures);
                LOG.warning(() -> name + " paused for " + wait.toMillis() + " ms: " + redact.apply(String.valueOf(e.getMessage())));
                try {
                    await(wait);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void await(Duration wait) throws InterruptedException {
        if (wakeups.tryAcquire(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS)) {
            wakeups.drainPermits();
        }
    }

    /** Lets a pass in flight finish (so what it sent is recorded) for up to stopWait, then interrupts it. */
    @Override
    public void close() {
        stopping = true;
        wakeups.release();
        if (thread == null) {
            return;
        }
        try {
            if (!thread.join(stopWait)) {
                thread.interrupt();
                if (!thread.join(stopWait)) {
                    LOG.warning(name + " did not stop in time");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
