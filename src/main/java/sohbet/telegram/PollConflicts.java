package sohbet.telegram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * A 409 from getUpdates: another process polls with this token, or a webhook was set. Shown in /health
 * until a poll goes through again, and logged at WARNING at most once per {@link #LOG_EVERY}.
 */
final class PollConflicts implements BotConnection.PollWatch {
    private static final Logger LOG = Logger.getLogger(PollConflicts.class.getName());
    static final Duration LOG_EVERY = Duration.ofMinutes(1);

    private final Clock clock;
    private volatile String reason;
    private Instant loggedAt = Instant.MIN;

    PollConflicts(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void conflict(String description) {
        String text = "409 " + description.strip();
        reason = text;
        Instant now = clock.instant();
        synchronized (this) {
            if (Duration.between(loggedAt, now).compareTo(LOG_EVERY) < 0) {
                return;
            }
            loggedAt = now;
        }
        LOG.warning(() -> "Telegram refuses this bot's polling (" + text + "): another process polls with the same"
                + " TELEGRAM_BOT_TOKEN, or a webhook is set (java -jar sohbet.jar telegram-test shows it). Replies wait until it stops.");
    }

    @Override
    public void polled() {
        reason = null;
    }

    /** The conflict going on now, or null. */
    String current() {
        return reason;
    }
}
