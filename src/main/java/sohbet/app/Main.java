package sohbet.app;

import java.time.Clock;
import java.util.logging.Logger;

import io.helidon.logging.common.LogConfig;

/** Starts Sohbet from the environment (and an optional .env file). */
public final class Main {
    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        AppConfig config;
        try {
            config = AppConfig.load();
        } catch (AppConfig.ConfigException e) {
            System.err.println("Sohbet: " + e.getMessage());
            System.exit(2);
            return;
        }
        Sohbet app = new Sohbet(config, Clock.systemUTC(), Sohbet.Timing.defaults()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
        LOG.fine("started");
    }
}
