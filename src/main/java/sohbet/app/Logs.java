package sohbet.app;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/** LOG_LEVEL and LOG_FORMAT applied to the handlers logging.properties set up (console, readable text by default). */
final class Logs {
    // Held here: a logger nobody references may be collected, and its level with it.
    private static final Logger APP = Logger.getLogger("sohbet");

    private Logs() {
    }

    static void apply(AppConfig config) {
        Logger root = Logger.getLogger("");
        Level level = switch (config.logLevel()) {
            case "warning" -> Level.WARNING;
            case "error" -> Level.SEVERE;
            default -> Level.INFO;
        };
        root.setLevel(level);
        if (config.debug()) {
            // The app's own details; the libraries stay at their configured levels, which are noisy below INFO.
            APP.setLevel(Level.FINE);
        }
        for (Handler h : root.getHandlers()) {
            h.setLevel(config.debug() ? Level.FINE : level);
            if (config.jsonLogs()) {
                h.setFormatter(new JsonLogFormatter());
            }
        }
    }
}
