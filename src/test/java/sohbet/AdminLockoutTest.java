package sohbet;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sohbet.app.Sohbet;
import sohbet.support.MutableClock;
import sohbet.support.TestApp;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static sohbet.support.Web.form;

/**
 * Failed sign-ins slow down and stop the address that fails, never the owner elsewhere. Addresses
 * are told apart through X-Forwarded-For behind one trusted proxy.
 */
class AdminLockoutTest {
    private final MutableClock clock = new MutableClock(Instant.now());
    private final TestApp setup = new TestApp(TestDatabase.Kind.SQLITE, "TRUST_PROXY", "1");
    private final Sohbet app = setup.start(clock, Sohbet.Timing.defaults());

    @AfterEach
    void stop() {
        setup.close();
    }

    private HttpResponse<String> signIn(String address, String password) {
        Web w = new Web(TestApp.uri(app));
        String csrf = Web.field(w.get("/admin/login", "X-Forwarded-For", address).body(), "_csrf");
        return w.post("/admin/login", form("_csrf", csrf, "username", "admin", "password", password), "X-Forwarded-For", address);
    }

    @Test
    void failuresFromManyAddressesNeverLockTheOwnerOut() {
        for (int a = 1; a <= 20; a++) {
            for (int i = 0; i < 3; i++) {
                assertEquals(401, signIn("203.0.113." + a, "guess-" + i).statusCode());
            }
        }
        assertEquals(303, signIn("198.51.100.1", "test-password").statusCode(), "60 failures elsewhere do not refuse the right password");
    }

    @Test
    void aFewAddressesFailingUntilLockedDoNotLockTheOwnerOut() {
        for (int a = 1; a <= 5; a++) {
            for (int i = 0; i < 12; i++) {
                signIn("203.0.113." + a, "guess-" + i);
                clock.advance(Duration.ofSeconds(70)); // longer than any wait before the lock
            }
        }
        HttpResponse<String> locked = signIn("203.0.113.5", "test-password");
        assertEquals(429, locked.statusCode(), "the failing address itself stays locked");
        assertThat(locked.body(), containsString("dakika"));
        assertEquals(303, signIn("198.51.100.1", "test-password").statusCode());
    }

    @Test
    void anAddressThatKeepsFailingWaitsLongerEachTime() {
        String address = "203.0.113.9";
        assertEquals(401, signIn(address, "typo-1").statusCode());
        assertEquals(401, signIn(address, "typo-2").statusCode());
        assertEquals(401, signIn(address, "guess-3").statusCode());
        HttpResponse<String> slowed = signIn(address, "test-password");
        assertEquals(429, slowed.statusCode(), "after the third failure the address waits, even with the right password");
        assertThat(slowed.body(), containsString("saniye"));
        assertEquals("1", slowed.headers().firstValue("Retry-After").orElseThrow());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(401, signIn(address, "guess-4").statusCode());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(429, signIn(address, "guess-5").statusCode(), "the wait doubled to 2 s");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(303, signIn(address, "test-password").statusCode());
    }
}
