package sohbet;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import sohbet.app.Sohbet;
import sohbet.support.Eventually;
import sohbet.support.SseClient;
import sohbet.support.TestApp;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static sohbet.support.Web.form;

/** PostgreSQL drops every connection of the app: no stack traces, no lost acknowledged message, recovery without restart. */
class PostgresOutageTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    @Test
    void killedBackendsAreRecoveredFromAndNothingAcknowledgedIsLost() {
        try (TestApp setup = new TestApp(TestDatabase.Kind.POSTGRESQL)) {
            Sohbet app = setup.start(Clock.systemUTC(), new Sohbet.Timing(Duration.ofMillis(500), Duration.ofMillis(300), 64, Duration.ofMillis(300)));
            String url = setup.env.get("DATABASE_URL");
            killAndRecover(app, url.substring(url.lastIndexOf('/') + 1, url.indexOf('?')));
        }
    }

    private static void killAndRecover(Sohbet app, String databaseName) {
        Web visitor = TestApp.visitor(TestApp.uri(app));
        long thread = visitor.threadId();
        List<String> acknowledged = new ArrayList<>();
        try (SseClient stream = SseClient.open(visitor, "/events?last_event_id=0")) {
            stream.await("presence", WAIT);
            for (int i = 0; i < 30; i++) {
                if (i % 10 == 5) {
                    TestDatabase.pgAdmin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + databaseName + "'");
                }
                String body = "mesaj " + i;
                HttpResponse<String> res = visitor.post("/messages", form("body", body, "client_id", "kill-" + i));
                assertThat(res.statusCode(), anyOf(is(303), is(503)));
                assertThat(res.body(), not(containsString("Exception")));
                if (res.statusCode() == 303) {
                    acknowledged.add(body);
                }
            }
            Eventually.until("health back up", WAIT, () -> visitor.get("/health").statusCode() == 200);
            HttpResponse<String> after = visitor.post("/messages", form("body", "sonra", "client_id", "kill-after"));
            assertEquals(303, after.statusCode(), "recovers without a restart");
            acknowledged.add("sonra");
            // The stream, killed or not, ends with every acknowledged message, and the store has each exactly once.
            var stored = app.chat().history(thread).stream().map(m -> m.body()).toList();
            for (String body : acknowledged) {
                assertEquals(1, stored.stream().filter(body::equals).count(), body + " stored exactly once");
            }
        }
        try (SseClient again = SseClient.open(visitor, "/events")) {
            SseClient.Event resync = again.await("resync", WAIT);
            for (String body : acknowledged) {
                assertThat(resync.data(), containsString(">" + body + "<"));
            }
        }
    }
}
