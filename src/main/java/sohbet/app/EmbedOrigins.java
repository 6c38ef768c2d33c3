package sohbet.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import sohbet.app.AppConfig.ConfigException;

/**
 * EMBED_ORIGINS: the sites allowed to show the chat in a frame, as origins (scheme, host, optional
 * port) separated by spaces or commas. They go into a CSP header verbatim, so anything else is refused.
 */
final class EmbedOrigins {
    private EmbedOrigins() {
    }

    static List<String> parse(String raw) {
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
            String lower = origin.toLowerCase(Locale.ROOT).replaceFirst("^(https://.*):443$", "$1")
                    .replaceFirst("^(http://.*):80$", "$1");
            if (!out.contains(lower)) {
                out.add(lower);
            }
        }
        return List.copyOf(out);
    }
}
