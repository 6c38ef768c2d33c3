package sohbet.app;

import java.time.Clock;
import java.util.logging.Logger;

import io.helidon.logging.common.LogConfig;
import sohbet.telegram.TelegramCheck;

/**
 * Starts Sohbet from the environment (and an optional .env file); {@code telegram-test} checks the
 * bot instead, {@code hash-password} makes an ADMIN_PASSWORD_HASH, {@code backup FILE} copies the database.
 */
public final class Main {
    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        if (args.length > 0 && args[0].equals("hash-password")) {
            // Needs no configuration: it is how a production configuration gets its password hash.
            System.exit(HashPasswordCommand.run(System.out, System.err));
            return;
        }
        AppConfig config;
        try {
            config = AppConfig.load();
        } catch (AppConfig.ConfigException e) {
            System.err.println("Sohbet: " + e.getMessage());
            System.exit(2);
            return;
        }
        Logs.apply(config);
        if (args.length > 0) {
            if (args[0].equals("backup")) {
                System.exit(BackupCommand.run(config, args, System.out, System.err));
                return;
            }
            if (args[0].equals("demo-site")) {
                // Runs until stopped; the server's own thread keeps the process alive.
                DemoSite.run(config, System.out);
                return;
            }
            if (args[0].equals("telegram-test")) {
                TelegramSettings bot = config.telegram();
                System.exit(TelegramCheck.run(bot.botToken(), bot.chatId(), bot.apiUrl(), bot.topics(), bot.adminIds(), System.out));
                return;
            }
            System.err.println("Sohbet: unknown command '" + args[0] + "'. Usage: java -jar sohbet.jar [telegram-test | hash-password | backup FILE | demo-site]");
            System.exit(2);
            return;
        }
        Sohbet app;
        try {
            app = new Sohbet(config, Clock.systemUTC(), Sohbet.Timing.defaults()).start();
        } catch (RuntimeException | Error e) {
            // Exit non-zero, so a host that restarts on failure does, and say in one line what to fix.
            System.err.println("Sohbet: " + StartFailure.explain(e, config));
            if (config.debug()) {
                e.printStackTrace();
            }
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
        LOG.fine("started");
    }
}
