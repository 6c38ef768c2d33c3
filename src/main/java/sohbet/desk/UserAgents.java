package sohbet.desk;

import java.util.List;

/**
 * "Chrome 131 · Android" from a User-Agent header, for the visitor context in the panel. A short
 * ordered list of markers covers what visitors use; anything else shows as "—" rather than a guess.
 */
final class UserAgents {
    private record Marker(String token, String name) {
    }

    // Order matters: Edge and Samsung Internet also say Chrome, Chrome also says Safari.
    private static final List<Marker> BROWSERS = List.of(
            new Marker("Edg/", "Edge"), new Marker("OPR/", "Opera"), new Marker("SamsungBrowser/", "Samsung Internet"),
            new Marker("YaBrowser/", "Yandex"), new Marker("Firefox/", "Firefox"), new Marker("FxiOS/", "Firefox"),
            new Marker("CriOS/", "Chrome"), new Marker("Chrome/", "Chrome"), new Marker("Version/", "Safari"));
    private static final List<Marker> SYSTEMS = List.of(
            new Marker("Android", "Android"), new Marker("iPhone", "iOS"), new Marker("iPad", "iPadOS"), new Marker("Windows", "Windows"),
            new Marker("Mac OS X", "macOS"), new Marker("CrOS", "ChromeOS"), new Marker("Linux", "Linux"));

    private UserAgents() {
    }

    static String describe(String ua) {
        if (ua == null || ua.isBlank()) {
            return "—";
        }
        String browser = null;
        for (Marker m : BROWSERS) {
            int at = ua.indexOf(m.token());
            if (at >= 0) {
                String rest = ua.substring(at + m.token().length());
                String version = rest.split("[ .;)]", 2)[0];
                browser = m.name() + (version.chars().allMatch(Character::isDigit) && !version.isEmpty() ? " " + version : "");
                break;
            }
        }
        String system = SYSTEMS.stream().filter(m -> ua.contains(m.token())).map(Marker::name).findFirst().orElse(null);
        if (browser == null && system == null) {
            return "—";
        }
        return browser == null ? system : system == null ? browser : browser + " · " + system;
    }
}
