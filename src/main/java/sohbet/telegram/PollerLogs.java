package sohbet.telegram;

import java.util.List;
import java.util.logging.Logger;

/**
 * Keeps shutdown quiet: cancelling the long poll makes telegrambots' BotSession log an ERROR with a
 * stack trace ("Error received from Telegram GetUpdates Request") and a warning about its interrupted
 * back-off. Those two come from threads we are stopping on purpose, so they are dropped; every other
 * record of BotSession passes.
 */
final class PollerLogs {
    private static final String STOPPED = "telegram-poll-stopped";
    // Held strongly: java.util.logging keeps loggers only weakly, and a collected logger loses its filter.
    private static final Logger BOT_SESSION = Logger.getLogger("org.telegram.telegrambots.longpolling.BotSession");

    static {
        BOT_SESSION.setFilter(record -> !STOPPED.equals(Thread.currentThread().getName()));
    }

    private PollerLogs() {
    }

    static void quiet(List<Thread> stopping) {
        stopping.forEach(t -> t.setName(STOPPED));
    }
}
