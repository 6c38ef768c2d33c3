package sohbet.telegram;

import java.util.List;
import java.util.logging.Logger;

/**
 * Keeps shutdown quiet: cancelling the long poll makes telegrambots' BotSession log an ERROR with a
 * stack trace ("Error received from Telegram GetUpdates Request") and a warning about its interrupted
 * back-off. Those two come from threads we are stopping on purpose, so they are dropped. Its ERROR for
 * each 409 is dropped too: {@link PollConflicts} reports a conflict once a minute, in plain words.
 * Every other record of BotSession passes.
 */
final class PollerLogs {
    private static final String STOPPED = "telegram-poll-stopped";
    // Held strongly: java.util.logging keeps loggers only weakly, and a collected logger loses its filter.
    private static final Logger BOT_SESSION = Logger.getLogger("org.telegram.telegrambots.longpolling.BotSession");

    static {
        BOT_SESSION.setFilter(record -> !STOPPED.equals(Thread.currentThread().getName()) && !conflict(record.getThrown()));
    }

    private PollerLogs() {
    }

    private static boolean conflict(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("409") || t.toString().startsWith("409")) {
                return true;
            }
        }
        return false;
    }

    static void quiet(List<Thread> stopping) {
        stopping.forEach(t -> t.setName(STOPPED));
    }
}
