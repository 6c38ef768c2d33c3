package sohbet.app;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the app reads from its environment, read once at start: what the whole app needs here,
 * each feature's own settings in a record of its own. Sources, strongest first: process environment,
 * then a {@code .env} file in the working directory.
 */
public record AppConfig(
        int port,
        Optional<String> secretKey,
        Optional<String> databaseUrl,
        Path sqlitePath,
        ZoneId timezone,
        boolean production,
        String modeReason,
        int maxStreams,
        sohbet.web.RateLimits.Rules limits,
        Optional<String> publicUrl,
        String siteName,
        int trustProxy,
        String logLevel,
        boolean jsonLogs,
        Optional<String> metricsToken,
        int retentionDays,
        Optional<String> privacyUrl,
        List<String> embedOrigins,
        AdminSettings admin,
        TelegramSettings telegram,
        MediaSettings media,
        MailSettings mail,
        AwaySettings away) {

    /** The development key of earlier versions: public, so it counts as no key at all. */
    public static final String PUBLIC_SECRET_KEY = "dev-secret-change-me";

    /** Thrown when the configuration cannot be used; the message names the variable to fix. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }

    public static AppConfig load() {
        return from(Env.load());
    }

    public static AppConfig from(Map<String, String> env) {
        return from(Env.of(env));
    }

    static AppConfig from(Env env) {
        Optional<String> databaseUrl = env.get("DATABASE_URL");
        String railwayEnv = env.get("RAILWAY_ENVIRONMENT", "");
        // A DATABASE_URL means a hosted deployment (with its safety checks) unless APP_ENV explicitly says
        // development or test, which local PostgreSQL runs and the test suite use.
        String appEnv = env.get("APP_ENV", "");
        boolean explicitlyLocal = appEnv.equalsIgnoreCase("development") || appEnv.equalsIgnoreCase("test");
        boolean production = appEnv.equalsIgnoreCase("production") || railwayEnv.equalsIgnoreCase("production")
                || (databaseUrl.isPresent() && !explicitlyLocal);
        AppConfig config = new AppConfig(
                env.wholeNumber("PORT", 5000, 0, 65535),
                secretKey(env.orNull("SECRET_KEY")),
                databaseUrl,
                Path.of(env.get("SQLITE_PATH", "data/chat.db")),
                env.zone("APP_TIMEZONE", "Europe/Istanbul"),
                production,
                modeReason(appEnv, railwayEnv, databaseUrl.isPresent(), production),
                // Each stream holds a socket; the process may open 20,000 files (ulimit), the rest is headroom.
                env.wholeNumber("MAX_STREAMS", 0, 0, 1_000_000),
                sohbet.web.RateLimits.Rules.of(
                        env.wholeNumber("LIMIT_MESSAGES_PER_MINUTE", 20, 1, 1_000_000),
                        env.wholeNumber("LIMIT_UPLOADS_PER_HOUR", 20, 1, 1_000_000),
                        env.wholeNumber("LIMIT_NEW_THREADS_PER_HOUR", 60, 1, 10_000_000)),
                publicUrl(env.orNull("PUBLIC_URL")),
                env.get("SITE_NAME", "Sohbet"),
                // How many proxies stand in front of the app; Railway puts one there.
                env.wholeNumber("TRUST_PROXY", env.has("RAILWAY_ENVIRONMENT") ? 1 : 0, 0, 10),
                logLevel(env.get("LOG_LEVEL", "info")),
                logFormatJson(env.get("LOG_FORMAT", "text")),
                env.get("METRICS_TOKEN"),
                // 0 keeps everything; otherwise closed conversations older than this many days are deleted.
                env.wholeNumber("RETENTION_DAYS", 0, 0, 36_500),
                privacyUrl(env.orNull("PRIVACY_URL")),
                EmbedOrigins.parse(env.orNull("EMBED_ORIGINS")),
                AdminSettings.from(env),
                TelegramSettings.from(env),
                MediaSettings.from(env),
                MailSettings.from(env),
                AwaySettings.from(env));
        config.checkDatabaseUrl();
        config.checkProductionSecrets();
        return config;
    }

    /** True when LOG_LEVEL asks for details: stack traces of start failures, the app's debug lines. */
    public boolean debug() {
        return logLevel.equals("debug");
    }

    /** Why production mode is on or off, in the owner's terms: the variable that decided it. */
    private static String modeReason(String appEnv, String railwayEnv, boolean databaseUrl, boolean production) {
        if (appEnv.equalsIgnoreCase("production")) {
            return "APP_ENV=production";
        }
        if (railwayEnv.equalsIgnoreCase("production")) {
            return "RAILWAY_ENVIRONMENT=production";
        }
        if (production) {
            return "DATABASE_URL is set and APP_ENV is not development or test";
        }
        if (!appEnv.isEmpty()) {
            return "APP_ENV=" + appEnv.toLowerCase(Locale.ROOT);
        }
        return "no DATABASE_URL, RAILWAY_ENVIRONMENT=production or APP_ENV=production";
    }

    /** Unset, or the old public development key: empty, and a key of this installation's own is generated. */
    private static Optional<String> secretKey(String value) {
        if (PUBLIC_SECRET_KEY.equals(value)) {
            java.util.logging.Logger.getLogger(AppConfig.class.getName()).warning(
                    "SECRET_KEY is the public example value " + PUBLIC_SECRET_KEY + ": ignored, a generated key is used instead");
            return Optional.empty();
        }
        return Optional.ofNullable(value);
    }

    private static Optional<String> publicUrl(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String clean = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (!clean.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
            throw new ConfigException("PUBLIC_URL must be the chat's address as visitors reach it, like https://chat.example.com, got '"
                    + url + "'");
        }
        return Optional.of(clean);
    }

    private static String logLevel(String value) {
        String level = value.toLowerCase(Locale.ROOT);
        if (!List.of("debug", "info", "warning", "error").contains(level)) {
            throw new ConfigException("LOG_LEVEL must be debug, info, warning or error, got '" + value + "'");
        }
        return level;
    }

    private static boolean logFormatJson(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "text" -> false;
            case "json" -> true;
            default -> throw new ConfigException("LOG_FORMAT must be text or json, got '" + value + "'");
        };
    }

    private static Optional<String> privacyUrl(String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!value.matches("(https?://|/)[^\\s\"<>]*")) {
            throw new ConfigException("PRIVACY_URL must be an http(s) address or a path starting with /, got '" + value + "'");
        }
        return Optional.of(value);
    }

    /** A DATABASE_URL that cannot be a PostgreSQL address is a configuration error, found before anything starts. */
    private void checkDatabaseUrl() {
        databaseUrl.ifPresent(url -> {
            try {
                sohbet.store.DatabaseUrl.parse(url, production);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
        });
    }

    /** Production refuses what only a development copy may run with; these checks need several features at once. */
    private void checkProductionSecrets() {
        if (!production) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (secretKey.isPresent() && secretKey.get().length() < 16) {
            problems.add("set SECRET_KEY to a long random value (at least 16 characters), or unset it to have one generated");
        }
        if (admin.usesDefaultPassword()) {
            problems.add("set ADMIN_PASSWORD (or ADMIN_PASSWORD_HASH) to a password of your own");
        }
        if (mail.smtp().isPresent() && publicUrl.isEmpty()) {
            // Without it, mail links would follow the Host header of the visitor's request, which a client
            // reaching the app directly can choose: a real mail from MAIL_FROM pointing at another site.
            problems.add("set PUBLIC_URL to the chat's address (https://…) so links in e-mails point there");
        }
        if (admin.otp() && !telegram.enabled()) {
            problems.add("set TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID so the sign-in code can be sent, or ADMIN_OTP=off to sign in with the password alone");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("Refusing to start in production (" + modeReason + "): " + String.join("; ", problems));
        }
    }
}
