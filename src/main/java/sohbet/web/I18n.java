package sohbet.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/** The user-facing strings of one language; one bundle file per language under {@code i18n/}. */
public final class I18n {
    public static final I18n TR = load("tr");
    public static final I18n EN = load("en");

    private final String lang;
    private final Map<String, String> strings;

    private I18n(String lang, Map<String, String> strings) {
        this.lang = lang;
        this.strings = strings;
    }

    private static final java.util.List<String> OFFERED = java.util.List.of("tr", "en");

    /**
     * Turkish unless the browser prefers English (the product's first users are Turkish): RFC 4647
     * lookup over the header's weighted ranges, by the JDK. A range it cannot parse is skipped, so
     * one bad entry does not void the others.
     */
    public static I18n fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return TR;
        }
        java.util.List<Locale.LanguageRange> ranges = new java.util.ArrayList<>();
        for (String part : header.split(",")) {
            try {
                ranges.addAll(Locale.LanguageRange.parse(part));
            } catch (IllegalArgumentException e) {
                // not a language range: ignored
            }
        }
        ranges.sort(java.util.Comparator.comparingDouble(Locale.LanguageRange::getWeight).reversed());
        return "en".equals(Locale.lookupTag(ranges, OFFERED)) ? EN : TR;
    }

    public static I18n of(io.helidon.webserver.http.ServerRequest req) {
        return fromAcceptLanguage(req.headers().first(io.helidon.http.HeaderNames.ACCEPT_LANGUAGE).orElse(null));
    }

    public String lang() {
        return lang;
    }

    public String t(String key) {
        String s = strings.get(key);
        return s == null ? key : s;
    }

    public String t(String key, Object... args) {
        return new MessageFormat(t(key), lang.equals("tr") ? Locale.forLanguageTag("tr") : Locale.ENGLISH).format(args);
    }

    private static I18n load(String lang) {
        Properties p = new Properties();
        String resource = "i18n/messages_" + lang + ".properties";
        try (InputStream in = I18n.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource);
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + resource, e);
        }
        Map<String, String> map = new java.util.HashMap<>();
        p.forEach((k, v) -> map.put(k.toString(), v.toString()));
        return new I18n(lang, Map.copyOf(map));
    }
}
