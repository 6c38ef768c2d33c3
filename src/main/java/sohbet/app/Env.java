package sohbet.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import sohbet.app.AppConfig.ConfigException;

/**
 * The environment as the settings read it: values trimmed, a blank value the same as an unset one.
 * Every settings record parses through these readers, so a wrong value is reported in the same words
 * whichever feature it belongs to.
 */
final class Env {
    private final Map<String, String> values;

    private Env(Map<String, String> values) {
        this.values = values;
    }

    static Env of(Map<String, String> raw) {
        Map<String, String> v = new HashMap<>();
        raw.forEach((k, val) -> {
            if (val != null && !val.isBlank()) {
                v.put(k, val.trim());
            }
        });
        return new Env(v);
    }

    /** Sources, strongest first: process environment, then a {@code .env} file in the working directory. */
    static Env load() {
        Map<String, String> values = new HashMap<>(readDotEnv(Path.of(".env")));
        values.putAll(System.getenv());
        return of(values);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String get(String name, String def) {
        return values.getOrDefault(name, def);
    }

    /** The raw value, or null when unset: for parsers that take the absence themselves. */
    String orNull(String name) {
        return values.get(name);
    }

    int wholeNumber(String name, int def, int min, int max) {
        String raw = values.get(name);
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

    boolean onOff(String name, String def) {
        String value = get(name, def);
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "true", "1" -> true;
            case "off", "false", "0" -> false;
            default -> throw new ConfigException(name + " must be on or off, got '" + value + "'");
        };
    }

    ZoneId zone(String name, String def) {
        String id = get(name, def);
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new ConfigException(name + " is not a known time zone: '" + id + "' (try " + def + ")");
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
