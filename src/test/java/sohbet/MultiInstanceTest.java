package sohbet;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import sohbet.app.Sohbet;
import sohbet.support.SseClient;
import sohbet.support.TestApp;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static sohbet.support.Web.form;

/** Two instances on one PostgreSQL behind an imaginary load balancer: they must act as one. */
class MultiInstanceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Sohbet.Timing TIMING = new Sohbet.Timing(Duration.ofMillis(500), Duration.ofMillis(300), 64, Duration.ofMillis(300));
    private static final TestApp setup = new TestApp(TestDatabase.Kind.POSTGRESQL);
    private static final Sohbet a = setup.start(Clock.systemUTC(), TIMING);
    private static final Sohbet b = setup.start(Clock.systemUTC(), TIMING);

    @AfterAll
    static void stop() {
        setup.close();
    }

    /** A client whose cookies were issued by one instance, talking to another (same cookie jar, other address). */
    private static Web sameClientOn(Web client, Sohbet other) {
        Web moved = new Web(TestApp.uri(other));
        client.cookies().getCookieStore().getCookies().forEach(c -> moved.setCookie(c.getName(), c.getValue()));
        return moved;
    }

    @Test
    void messagesPresenceCookiesAndSessionsWorkAcrossInstances() {
        Web visitorOnA = TestApp.visitor(TestApp.uri(a));
        long thread = visitorOnA.threadId();
        Web adminOnB = TestApp.admin(TestApp.uri(b));
        try (SseClient adminStream = SseClient.open(adminOnB, "/admin/events?thread=" + thread);
             SseClient visitorStream = SseClient.open(visitorOnA, "/events?last_event_id=0")) {
            adminStream.await("threads", WAIT);
            // Presence: the visitor's stream is on A, the panel on B.
            adminStream.await(e -> e.name().equals("presence") && e.data().contains("dot on"), WAIT);
            visitorStream.await(e -> e.name().equals("presence") && e.data().contains("dot on"), WAIT);

            visitorOnA.post("/messages", form("body", "A'dan merhaba", "client_id", "mi-1"));
            adminStream.await(e -> e.name().equals("message") && e.data().contains("A'dan merhaba"), WAIT);

            String csrf = Web.field(adminOnB.get("/admin/threads/" + thread).body(), "_csrf");
            assertEquals(303, adminOnB.post("/admin/threads/" + thread + "/messages", form("body", "B'den yanıt", "client_id", "mi-2", "_csrf", csrf))
                    .statusCode());
            visitorStream.await(e -> e.name().equals("message") && e.data().contains("B'den yanıt"), WAIT);
        }

        // The visitor's cookie from A opens the same thread on B; the admin's session from B works on A.
        assertThat(sameClientOn(visitorOnA, b).get("/").body(), containsString("B'den yanıt"));
        assertEquals(200, sameClientOn(adminOnB, a).get("/admin").statusCode());
    }

    /**
     * Streams write most messages straight from the announcement and read the store only on a gap;
     * a burst from both instances at once must still reach every stream once each, in id order.
     */
    @Test
    void aBurstPostedOnBothInstancesReachesEveryStreamOnceAndInOrder() throws Exception {
        Web visitorOnA = TestApp.visitor(TestApp.uri(a));
        long thread = visitorOnA.threadId();
        Web visitorOnB = sameClientOn(visitorOnA, b);
        Web adminOnB = TestApp.admin(TestApp.uri(b));
        String csrf = Web.field(adminOnB.get("/admin/threads/" + thread).body(), "_csrf");
        int each = 15;
        try (SseClient onA = SseClient.open(visitorOnA, "/events?last_event_id=0");
             SseClient onB = SseClient.open(visitorOnB, "/events?last_event_id=0");
             SseClient panel = SseClient.open(adminOnB, "/admin/events?thread=" + thread + "&last_event_id=0")) {
            onA.await("presence", WAIT);
            onB.await("presence", WAIT);
            panel.await("threads", WAIT);
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(6)) {
                for (int i = 0; i < each; i++) {
                    int n = i;
                    pool.submit(() -> assertEquals(303, visitorOnA.post("/messages", form("body", "ziyaretçi " + n, "client_id", "burst-v" + n)).statusCode()));
                    pool.submit(() -> assertEquals(303, visitorOnB.post("/messages", form("body", "öbür sekme " + n, "client_id", "burst-w" + n)).statusCode()));
                    pool.submit(() -> assertEquals(303, adminOnB.post("/admin/threads/" + thread + "/messages",
                            form("body", "yönetici " + n, "client_id", "burst-a" + n, "_csrf", csrf)).statusCode()));
                }
            }
            for (SseClient stream : java.util.List.of(onA, onB, panel)) {
                java.util.List<Long> ids = new java.util.ArrayList<>();
                while (ids.size() < 3 * each) {
                    ids.add(Long.parseLong(stream.await("message", WAIT).id()));
                }
                stream.drain(Duration.ofMillis(300)).stream().filter(e -> e.name().equals("message"))
                        .forEach(e -> ids.add(Long.parseLong(e.id())));
                assertEquals(3 * each, ids.size(), "each message once: " + ids);
                assertEquals(ids.stream().sorted().toList(), ids, "in the order they were stored");
            }
        }
    }

    @Test
    void anInstanceThatDiesTakesItsPresenceWithIt() {
        Sohbet c = setup.start(Clock.systemUTC(), TIMING);
        Web visitorOnC = TestApp.visitor(TestApp.uri(c));
        long thread = visitorOnC.threadId();
        Web adminOnB = TestApp.admin(TestApp.uri(b));
        try (SseClient adminStream = SseClient.open(adminOnB, "/admin/events?thread=" + thread)) {
            adminStream.await("threads", WAIT);
            SseClient visitorStream = SseClient.open(visitorOnC, "/events?last_event_id=0");
            adminStream.await(e -> e.name().equals("presence") && e.data().contains("dot on"), WAIT);
            setup.stop(c);
            visitorStream.close();
            adminStream.await(e -> e.name().equals("presence") && e.data().contains("dot off"), WAIT);
        }
    }
}
