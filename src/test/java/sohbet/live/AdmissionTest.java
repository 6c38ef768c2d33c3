package sohbet.live;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import sohbet.app.AppConfig;
import sohbet.app.Sohbet;
import sohbet.support.SseClient;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sohbet.support.Web.form;

/** A full server refuses new streams and new visitors politely and keeps serving those it has. */
@ServerTest
class AdmissionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static TestDatabase database;
    private static Sohbet app;

    private final URI uri;

    AdmissionTest(URI uri) {
        this.uri = uri;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        database = TestDatabase.create(TestDatabase.Kind.SQLITE);
        Map<String, String> env = new HashMap<>(database.env());
        env.put("MAX_STREAMS", "2");
        app = new Sohbet(AppConfig.from(env), Clock.systemUTC(), new Sohbet.Timing(Duration.ofMillis(300), Duration.ofMillis(300), 64));
        app.routing(routing);
    }

    @AfterAll
    static void tearDown() {
        app.close();
        database.close();
    }

    @Test
    void aFullServerAnswers503WithRetryAfterAndKeepsTheOpenStreamsGoing() {
        Web a = visitor();
        Web b = visitor();
        Web c = visitor();
        try (SseClient sa = SseClient.open(a, "/events"); SseClient sb = SseClient.open(b, "/events")) {
            sa.await("presence", WAIT);
            sb.await("presence", WAIT);

            HttpResponse<String> refused = c.get("/events");
            assertEquals(503, refused.statusCode(), "a third stream does not fit");
            assertEquals("10", refused.headers().firstValue("Retry-After").orElse(""));

            Web newcomer = new Web(uri);
            HttpResponse<String> page = newcomer.get("/");
            assertEquals(503, page.statusCode(), "a new visitor is told to come back");
            assertTrue(page.headers().firstValue("Retry-After").isPresent());
            assertFalse(page.headers().allValues("Set-Cookie").stream().anyMatch(h -> h.startsWith("sohbet_visitor=")),
                    "no conversation was started for the refused visitor");

            assertEquals(200, c.get("/").statusCode(), "a visitor who already has a conversation still gets the page");
            assertEquals(303, a.post("/messages", form("body", "hâlâ buradayım", "client_id", "adm-1")).statusCode());
            assertThat(sa.await("message", WAIT).data(), containsString("hâlâ buradayım"));
        }
    }

    @Test
    void theDerivedCapLeavesARoomyReserveOnASmallHeap() {
        int cap = Admission.capFor(256L << 20);
        assertTrue(cap >= 6_000 && cap <= 9_000, "256 MB holds thousands of streams with 64 MB to spare, not the 12,500 where it ran out: " + cap);
        assertTrue(Admission.capFor(1L << 30) > 2 * cap, "a bigger heap holds more");
    }

    @Test
    void aHeapStillFullAfterCollectionRefusesEvenBelowTheCap() {
        long max = 100L << 20;
        assertTrue(new Admission(1000, max, () -> max / 2).admits(10));
        assertFalse(new Admission(1000, max, () -> max * 9 / 10).admits(10));
        assertFalse(new Admission(1000, max, () -> 0).admits(1000));
    }

    private Web visitor() {
        Web w = new Web(uri);
        assertEquals(200, w.get("/").statusCode());
        return w;
    }
}
