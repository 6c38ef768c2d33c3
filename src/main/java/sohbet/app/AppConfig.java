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
        Optional<String> secretKey,
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
        boolean production,
        Optional<String> adminPasswordHash,
        boolean adminOtp,
        int maxStreams,
        sohbet.web.RateLimits.Rules limits,
        Optional<CloudinarySettings> cloudinary,
        sohbet.core.BusinessHours businessHours,
        String awayMessage,
        boolean awayReply,
        boolean telegramTopics,
        Optional<sohbet.mail.SmtpSettings> smtp,
        Optional<String> mailFrom,
        Optional<String> publicUrl,
        String siteName,
        int mailDelaySeconds,
        int mailBatchSeconds,
        List<Long> telegramAdminIds,
        int trustProxy,
        String modeReason,
        String logLevel,
        boolean jsonLogs,
        Optional<String> metricsToken,
        int retentionDays,
        Optional<String> privacyUrl,
        List<String> embedOrigins,
        String awayMessageEn) {

    /** The development key of earlier versions: public, so it counts as no key at all. */
    public static final String PUBLIC_SECRET_KEY = "dev-secret-change-me";
    public static final String DEFAULT_ADMIN_PASSWORD = "admin123";
    public static final String DEFAULT_AWAY_MESSAGE = "Merhaba! Şu an buralarda değiliz; mesajınızı aldık ve en kısa sürede yanıtlayacağız. "
            + "E-posta adresinizi bırakırsanız size oradan da dönebiliriz.";
    /** The automatic reply for visitors whose browser prefers English. */
    public static final String DEFAULT_AWAY_MESSAGE_EN = "Hello! We are away right now; we got your message and will answer as soon as we can. "
            + "If you leave your email address, we can also reply there.";

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
                secretKey(v.get("SECRET_KEY")),
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
                production,
                Optional.ofNullable(v.get("ADMIN_PASSWORD_HASH")),
                onOff("ADMIN_OTP", v.getOrDefault("ADMIN_OTP", "on")),
                // Each stream holds a socket; the process may open 20,000 files (ulimit), the rest is headroom.
                intValue(v, "MAX_STREAMS", 0, 0, 1_000_000),
                sohbet.web.RateLimits.Rules.of(
                        intValue(v, "LIMIT_MESSAGES_PER_MINUTE", 20, 1, 1_000_000),
                        intValue(v, "LIMIT_UPLOADS_PER_HOUR", 20, 1, 1_000_000),
                        intValue(v, "LIMIT_NEW_THREADS_PER_HOUR", 60, 1, 10_000_000)),
                cloudinary(v),
                hours(v.get("BUSINESS_HOURS")),
                v.getOrDefault("AWAY_MESSAGE", DEFAULT_AWAY_MESSAGE),
                onOff("AWAY_REPLY", v.getOrDefault("AWAY_REPLY", "on")),
                // Forum mode: one topic per thread in a forum supergroup.
                onOff("TELEGRAM_TOPICS", v.getOrDefault("TELEGRAM_TOPICS", "off")),
                smtp(v.get("SMTP_URL")),
                mailFrom(v),
                publicUrl(v.get("PUBLIC_URL")),
                v.getOrDefault("SITE_NAME", "Sohbet"),
                intValue(v, "MAIL_DELAY_SECONDS", 300, 0, 30 * 24 * 3600),
                intValue(v, "MAIL_BATCH_SECONDS", 900, 0, 30 * 24 * 3600),
                telegramIds("TELEGRAM_ADMIN_IDS", v.get("TELEGRAM_ADMIN_IDS")),
                // How many proxies stand in front of the app; Railway puts one there.
                intValue(v, "TRUST_PROXY", v.containsKey("RAILWAY_ENVIRONMENT") ? 1 : 0, 0, 10),
                modeReason(appEnv, railwayEnv, databaseUrl.isPresent(), production),
                logLevel(v.getOrDefault("LOG_LEVEL", "info")),
                logFormatJson(v.getOrDefault("LOG_FORMAT", "text")),
                Optional.ofNullable(v.get("METRICS_TOKEN")),
                // 0 keeps everything; otherwise closed conversations older than this many days are deleted.
                intValue(v, "RETENTION_DAYS", 0, 0, 36_500),
                privacyUrl(v.get("PRIVACY_URL")),
                embedOrigins(v.get("EMBED_ORIGINS")),
                v.getOrDefault("AWAY_MESSAGE_EN", DEFAULT_AWAY_MESSAGE_EN));
        config.checkDatabaseUrl();
        config.checkPasswordHash();
        config.checkProductionSecrets();
        return config;
    }

    /**
     * Cloudinary media storage: CLOUDINARY_URL ({@code cloudinary://key:secret@cloud}) or the three
     * CLOUDINARY_CLOUD_NAME / _API_KEY / _API_SECRET variables. {@code uploadPrefix}
     * (CLOUDINARY_UPLOAD_PREFIX, or {@code ?upload_prefix=} in the URL) points uploads at another API
     * address, as tests do with a local fake. The secret never appears in {@link #toString()}.
     */
    public record CloudinarySettings(String cloudName, String apiKey, String apiSecret, Optional<String> uploadPrefix) {
        @Override
        public String toString() {
            return "CloudinarySettings[cloudName=" + cloudName + ", apiKey=" + apiKey + ", apiSecret=***, uploadPrefix=" + uploadPrefix + "]";
        }
    }

    static Optional<CloudinarySettings> cloudinary(Map<String, String> v) {
        Optional<String> prefix = Optional.ofNullable(v.get("CLOUDINARY_UPLOAD_PREFIX"));
        String url = v.get("CLOUDINARY_URL");
        CloudinarySettings settings;
        if (url != null) {
            java.net.URI uri;
            try {
                uri = java.net.URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("CLOUDINARY_URL is not a URL; expected cloudinary://API_KEY:API_SECRET@CLOUD_NAME");
            }
            String userInfo = uri.getRawUserInfo();
            int colon = userInfo == null ? -1 : userInfo.indexOf(':');
            if (!"cloudinary".equals(uri.getScheme()) || colon <= 0 || colon == userInfo.length() - 1 || uri.getHost() == null) {
                throw new ConfigException("CLOUDINARY_URL must look like cloudinary://API_KEY:API_SECRET@CLOUD_NAME");
            }
            String query = uri.getRawQuery();
            if (prefix.isEmpty() && query != null) {
                for (String pair : query.split("&")) {
                    if (pair.startsWith("upload_prefix=")) {
                        prefix = Optional.of(java.net.URLDecoder.decode(pair.substring(14), StandardCharsets.UTF_8));
                    }
                }
            }
            settings = new CloudinarySettings(uri.getHost(),
                    java.net.URLDecoder.decode(userInfo.substring(0, colon), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(userInfo.substring(colon + 1), StandardCharsets.UTF_8), prefix);
        } else {
            List<String> names = List.of("CLOUDINARY_CLOUD_NAME", "CLOUDINARY_API_KEY", "CLOUDINARY_API_SECRET");
            List<String> missing = names.stream().filter(n -> !v.containsKey(n)).toList();
            if (missing.size() == names.size()) {
                return Optional.empty();
            }
            if (!missing.isEmpty()) {
                throw new ConfigException("Cloudinary is half configured: set " + String.join(", ", missing)
                        + " too (or CLOUDINARY_URL instead), or none of them to keep uploads on local disk");
            }
            settings = new CloudinarySettings(v.get("CLOUDINARY_CLOUD_NAME"), v.get("CLOUDINARY_API_KEY"), v.get("CLOUDINARY_API_SECRET"), prefix);
        }
        if (settings.uploadPrefix().isPresent() && !settings.uploadPrefix().get().matches("https?://[^\\s;]+")) {
            throw new ConfigException("CLOUDINARY_UPLOAD_PREFIX must be an http(s) address, got '" + settings.uploadPrefix().get() + "'");
        }
        return Optional.of(settings);
    }

    private static Optional<sohbet.mail.SmtpSettings> smtp(String url) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(sohbet.mail.SmtpSettings.parse(url));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("SMTP_URL " + e.getMessage());
        }
    }

    private static Optional<String> mailFrom(Map<String, String> v) {
        String from = v.get("MAIL_FROM");
        if (v.containsKey("SMTP_URL") && from == null) {
            throw new ConfigException("SMTP_URL is set but MAIL_FROM is not: set MAIL_FROM to the sender address, "
                    + "e.g. MAIL_FROM=\"Example Support <support@example.com>\"");
        }
        if (from != null) {
            try {
                new jakarta.mail.internet.InternetAddress(from, true);
            } catch (jakarta.mail.internet.AddressException e) {
                throw new ConfigException("MAIL_FROM is not an e-mail address ('" + from + "': " + e.getMessage()
                        + "); e.g. support@example.com or \"Example Support <support@example.com>\"");
            }
        }
        return Optional.ofNullable(from);
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
            return "APP_ENV=" + appEnv.toLowerCase(java.util.Locale.ROOT);
        }
        return "no DATABASE_URL, RAILWAY_ENVIRONMENT=production or APP_ENV=production";
    }

    /** True when LOG_LEVEL asks for details: stack traces of start failures, the app's debug lines. */
    public boolean debug() {
        return logLevel.equals("debug");
    }

    private static String logLevel(String value) {
        String level = value.toLowerCase(java.util.Locale.ROOT);
        if (!List.of("debug", "info", "warning", "error").contains(level)) {
            throw new ConfigException("LOG_LEVEL must be debug, info, warning or error, got '" + value + "'");
        }
        return level;
    }

    private static boolean logFormatJson(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
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

    public boolean telegramEnabled() {
        return telegramBotToken.isPresent() && telegramChatId.isPresent();
    }

    private void checkPasswordHash() {
        if (adminPasswordHash.isPresent() && !sohbet.desk.auth.PasswordHash.wellFormed(adminPasswordHash.get())) {
            throw new ConfigException("ADMIN_PASSWORD_HASH is not a hash made by 'java -jar sohbet.jar hash-password'");
        }
    }

    /**
     * EMBED_ORIGINS: the sites allowed to show the chat in a frame, as origins (scheme, host, optional
     * port) separated by spaces or commas. They go into a CSP header verbatim, so anything else is refused.
     */
    static List<String> embedOrigins(String raw) {
        if (raw == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String item : raw.split("[\\s,]+")) {
            if (item.isEmpty()) {
                continue;
            }
            String origin = item.endsWith("/") ? item.substring(0, item.length() - 1) : item;
            if (!origin.matches("(?i)https?://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\\d{1,5})?")
                    && !origin.matches("(?i)https?://\\[[0-9a-f:.]+](:\\d{1,5})?")) {
                throw new ConfigException("EMBED_ORIGINS: '" + item + "' is not an origin; list sites as scheme://host[:port],"
                        + " e.g. https://www.example.com https://shop.example.com (no path, no wildcard)");
            }
            // Browsers name an origin without its scheme's default port, so the frame's origin check must too.
            String lower = origin.toLowerCase(java.util.Locale.ROOT).replaceFirst("^(https://.*):443$", "$1")
                    .replaceFirst("^(http://.*):80$", "$1");
            if (!out.contains(lower)) {
                out.add(lower);
            }
        }
        return List.copyOf(out);
    }

    private static sohbet.core.BusinessHours hours(String spec) {
        try {
            return sohbet.core.BusinessHours.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("BUSINESS_HOURS: " + e.getMessage());
        }
    }

    /** Comma-separated Telegram user ids ({@code 123, 456}); empty when unset. */
    static List<Long> telegramIds(String name, String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>();
        for (String part : value.split(",")) {
            String id = part.strip();
            if (id.isEmpty()) {
                continue;
            }
            try {
                ids.add(Long.parseLong(id));
            } catch (NumberFormatException e) {
                throw new ConfigException(name + " must be Telegram user ids separated by commas (e.g. 123456789,987654321), got '"
                        + id + "'");
            }
        }
        return List.copyOf(ids);
    }

    private static boolean onOff(String name, String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true", "1" -> true;
            case "off", "false", "0" -> false;
            default -> throw new ConfigException(name + " must be on or off, got '" + value + "'");
        };
    }

    private void checkProductionSecrets() {
        if (!production) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (secretKey.isPresent() && secretKey.get().length() < 16) {
            problems.add("set SECRET_KEY to a long random value (at least 16 characters), or unset it to have one generated");
        }
        if (adminPassword.equals(DEFAULT_ADMIN_PASSWORD) && adminPasswordHash.isEmpty()) {
            problems.add("set ADMIN_PASSWORD (or ADMIN_PASSWORD_HASH) to a password of your own");
        }
        if (smtp.isPresent() && publicUrl.isEmpty()) {
            // Without it, mail links would follow the Host header of the visitor's request, which a client
            // reaching the app directly can choose: a real mail from MAIL_FROM pointing at another site.
            problems.add("set PUBLIC_URL to the chat's address (https://…) so links in e-mails point there");
        }
        if (adminOtp && !telegramEnabled()) {
            problems.add("set TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID so the sign-in code can be sent, or ADMIN_OTP=off to sign in with the password alone");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("Refusing to start in production (" + modeReason + "): " + String.join("; ", problems));
        }
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
