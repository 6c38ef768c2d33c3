package sohbet.app;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** EMBED_ORIGINS is read at start; what cannot go into a CSP header as an origin stops the start with a clear error. */
class EmbedOriginsConfigTest {
    private static List<String> origins(String value) {
        return AppConfig.from(Map.of("EMBED_ORIGINS", value)).embedOrigins();
    }

    @Test
    void offWhenUnset() {
        assertEquals(List.of(), AppConfig.from(Map.of()).embedOrigins());
        assertEquals(List.of(), origins("   "));
    }

    @Test
    void spacesCommasTrailingSlashesAndCaseAreForgiven() {
        assertEquals(List.of("https://www.example.com", "https://shop.example.com", "http://127.0.0.2:8080", "http://[::1]:5001"),
                origins(" https://www.example.com, https://Shop.Example.com/ http://127.0.0.2:8080,,http://[::1]:5001 https://www.example.com"));
    }

    @Test
    void aDefaultPortIsLeftOutAsBrowsersDo() {
        assertEquals(List.of("https://shop.example.com", "http://example.com", "https://example.com:8443"),
                origins("https://shop.example.com:443 http://example.com:80 https://example.com:8443"));
    }

    @Test
    void anythingButAnOriginIsRefusedByName() {
        for (String bad : List.of("www.example.com", "https://example.com/shop", "*", "https://*.example.com", "'self'",
                "ftp://example.com", "https://example.com;script-src", "https://example.com?x=1")) {
            var e = assertThrows(AppConfig.ConfigException.class, () -> origins(bad), bad);
            assertThat(e.getMessage(), containsString("EMBED_ORIGINS"));
            assertThat(e.getMessage(), containsString(bad.split("[\\s,]")[0]));
        }
    }
}
