package sohbet.desk;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UserAgentsTest {
    @Test
    void namesTheCommonPhoneAndDesktopBrowsers() {
        assertEquals("Chrome 131 · Android", UserAgents.describe(
                "Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"));
        assertEquals("Samsung Internet 26 · Android", UserAgents.describe(
                "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36"));
        assertEquals("Safari 17 · iOS", UserAgents.describe(
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"));
        assertEquals("Edge 130 · Windows", UserAgents.describe(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0"));
        assertEquals("Firefox 133 · Linux", UserAgents.describe("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"));
        assertEquals("—", UserAgents.describe(null));
        assertEquals("—", UserAgents.describe("curl/8.5.0"));
    }
}
