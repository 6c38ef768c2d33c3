package sohbet.telegram;

import java.time.Duration;

/**
 * How long the bot waits for things. Production uses {@link #defaults()}; tests shorten every value so
 * an outage and its recovery fit in a second.
 *
 * @param pollTimeout long-poll {@code timeout} sent with getUpdates (Telegram holds the call this long when idle)
 * @param retryBase   first wait after a failed send or poll; doubles with each further failure
 * @param retryMax    the longest wait between two attempts
 * @param stopWait    how long shutdown waits for an in-flight send or poll before abandoning it
 * @param pauseMax    the longest wait between two tries while Telegram refuses every send to the chat (blocked bot):
 *                    longer than retryMax, since only a person can end it, short enough that forwards resume soon after
 */
public record TelegramTiming(Duration pollTimeout, Duration retryBase, Duration retryMax, Duration stopWait, Duration pauseMax) {

    /** With pauseMax five times retryMax. */
    public TelegramTiming(Duration pollTimeout, Duration retryBase, Duration retryMax, Duration stopWait) {
        this(pollTimeout, retryBase, retryMax, stopWait, retryMax.multipliedBy(5));
    }

    public static TelegramTiming defaults() {
        return new TelegramTiming(Duration.ofSeconds(50), Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofSeconds(5));
    }

    /** The wait before the next try while the chat refuses every send: like {@link #backoff}, capped at pauseMax. */
    Duration pause(int failures) {
        return doubling(failures, pauseMax);
    }

    /** The wait before attempt {@code failures + 1}: retryBase, doubling, never above retryMax. */
    Duration backoff(int failures) {
        return doubling(failures, retryMax);
    }

    private Duration doubling(int failures, Duration max) {
        int doublings = Math.max(0, Math.min(failures - 1, 30));
        Duration wait = retryBase.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
