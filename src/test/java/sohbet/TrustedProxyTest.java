package sohbet;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sohbet.app.AppConfig;
import sohbet.app.Sohbet;
import sohbet.support.TestApp;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which client address the per-address limits believe: TRUST_PROXY decides, not the production flag.
 * The new-chats-per-address limit (2 here) makes the believed address visible: a third chat from the
 * same address gets 429.
 */
class TrustedProxyTest {
    private final TestApp setup = new TestApp(TestDatabase.Kind.SQLITE, "LIMIT_NEW_THREADS_PER_HOUR", "2");
    private Sohbet app;

    private void start(String... overrides) {
        app = setup.set(overrides).start(Clock.systemUTC(), Sohbet.Timing.defaults());
    }

    private int newChatFrom(String forwardedFor) {
        Web fresh = new Web(TestApp.uri(app));
        return forwardedFor == null ? fresh.get("/").statusCode() : fresh.get("/", "X-Forwarded-For", forwardedFor).statusCode();
    }

    @AfterEach
    void stop() {
        setup.close();
    }

    @Test
    void withoutAProxyASpoofedForwardedForIsIgnoredEvenInProduction() {
        start("APP_ENV", "production", "TRUST_PROXY", "0");
        assertEquals(200, newChatFrom("203.0.113.1"));
        assertEquals(200, newChatFrom("203.0.113.2"));
        assertEquals(429, newChatFrom("203.0.113.3"), "every request came from 127.0.0.1, whatever the header says");
    }

    @Test
    void behindOneProxyTheEntryItAddedIsTheClientAndEarlierEntriesAreIgnored() {
        start("TRUST_PROXY", "1");
        assertEquals(200, newChatFrom("198.51.100.7"));
        assertEquals(200, newChatFrom("203.0.113.1, 198.51.100.7"));
        assertEquals(429, newChatFrom("203.0.113.2, 198.51.100.7"), "the client's own entries do not make it someone else");
        assertEquals(200, newChatFrom("198.51.100.8"), "another client behind the same proxy has its own limit");
        assertEquals(200, newChatFrom(null), "no header: the socket's address");
    }

    @Test
    void behindTwoProxiesTheClientIsTheEntryBeforeTheFirstProxy() {
        start("TRUST_PROXY", "2");
        assertEquals(200, newChatFrom("1.1.1.1, 198.51.100.7, 10.0.0.2"));
        assertEquals(200, newChatFrom("2.2.2.2, 198.51.100.7, 10.0.0.2"));
        assertEquals(429, newChatFrom("198.51.100.7, 10.0.0.2"));
        assertEquals(200, newChatFrom("198.51.100.9, 10.0.0.2"));
    }

    @Test
    void railwayMeansOneProxyUnlessToldOtherwise() {
        assertEquals(1, AppConfig.from(Map.of("RAILWAY_ENVIRONMENT", "staging")).trustProxy());
        assertEquals(0, AppConfig.from(Map.of()).trustProxy());
        assertEquals(0, AppConfig.from(Map.of("RAILWAY_ENVIRONMENT", "staging", "TRUST_PROXY", "0")).trustProxy());
    }
}
