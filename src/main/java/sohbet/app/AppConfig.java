package sohbet.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the app reads from its environment, read once at start.
 * Sources, strongest first: process environment, then a {@code .env} file in the working directory.
 */
public record AppConfig(
        int port,
        String secretKey,
        String adminUsername,
        String adminPassword,
        Optional<String> databaseUrl,
        Path sqlitePath,
        Path uploadDir,
        int maxUploadMb,
        Optional<String> telegramBotToken,
        Optional<String> telegramChatId,
        String telegramApiUrl,
        ZoneId timezone,
        boolean production) {

    public static final String DEFAULT_SECRET_KEY = "dev-secret-change-me";
    public static final String DEFAULT_ADMIN_PASSWORD = "admin123";

    /** Thrown when the configuration cannot be used; the message names the variable to fix. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }

    public static AppConfig load() {
        Map<String, String> values = new HashMap<>(readDotEnv(Path.of(".env")));
        values.putAll(System.getenv());
        return from(values);
    }

    public static AppConfig from(Map<String, String> env) {
        Map<String, String> v = new HashMap<>();
        env.forEach((k, val) -> {
            if (val != null && !val.isBlank()) {
                v.put(k, val.trim());
            }
        });
        Optional<String> databaseUrl = Optional.ofNullable(v.get("DATABASE_URL"));
        String railwayEnv = v.getOrDefault("RAILWAY_ENVIRONMENT", "");
        // A DATABASE_URL means a hosted deployment (with its safety checks) unless APP_ENV explicitly says
        // development or test, which local PostgreSQL runs and the test suite use.
        String appEnv = v.getOrDefault("APP_ENV", "");
        boolean explicitlyLocal = appEnv.equalsIgnoreCase("development") || appEnv.equalsIgnoreCase("test");
        boolean production = appEnv.equalsIgnoreCase("production") || railwayEnv.equalsIgnoreCase("production")
                || (databaseUrl.isPresent() && !explicitlyLocal);
        AppConfig config = new AppConfig(
                intValue(v, "PORT", 5000, 0, 65535),
                v.getOrDefault("SECRET_KEY", DEFAULT_SECRET_KEY),
                v.getOrDefault("ADMIN_USERNAME", "admin"),
                v.getOrDefault("ADMIN_PASSWORD", DEFAULT_ADMIN_PASSWORD),
                databaseUrl,
                Path.of(v.getOrDefault("SQLITE_PATH", "data/chat.db")),
                Path.of(v.getOrDefault("UPLOAD_DIR", "uploads")),
                intValue(v, "MAX_UPLOAD_MB", 16, 1, 1024),
                Optional.ofNullable(v.get("TELEGRAM_BOT_TOKEN")),
                Optional.ofNullable(v.get("TELEGRAM_CHAT_ID")),
                v.getOrDefault("TELEGRAM_API_URL", "https://api.telegram.org"),
                zone(v.getOrDefault("APP_TIMEZONE", "Europe/Istanbul")),
                production);
        config.checkProductionSecrets();
        return config;
    }

    public boolean telegramEnabled() {
        return telegramBotToken.isPresent() && telegramChatId.isPresent();
    }

    private void checkProductionSecrets() {
        if (!production) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (secretKey.equals(DEFAULT_SECRET_KEY) || secretKey.length() < 16) {
            problems.add("set SECRET_KEY to a long random value (at least 16 characters)");
        }
        if (adminPassword.equals(DEFAULT_ADMIN_PASSWORD)) {
            problems.add("set ADMIN_PASSWORD to a password of your own");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("Refusing to start in production: " + String.join("; ", problems));
        }
    }

    private static int intValue(Map<String, String> v, String name, int def, int min, int max) {
        String raw = v.get(name);
        if (raw == null) {
            return def;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                throw new ConfigException(name + " must be between " + min + " and " + max + ", got " + raw);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, got '" + raw + "'");
        }
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new ConfigException("APP_TIMEZONE is not a known time zone: '" + id + "' (try Europe/Istanbul)");
        }
    }

    /** Reads KEY=VALUE lines; '#' starts a comment; surrounding quotes are removed. A missing file is empty. */
    static Map<String, String> readDotEnv(Path file) {
        Map<String, String> out = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                if (l.startsWith("export ")) {
                    l = l.substring(7).strip();
                }
                int eq = l.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String key = l.substring(0, eq).strip();
                String value = l.substring(eq + 1).strip();
                if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                        || value.startsWith("'") && value.endsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                }
                out.put(key, value);
            }
        } catch (IOException e) {
            throw new ConfigException("Cannot read .env file: " + e.getMessage());
        }
        return out;
    }
}
