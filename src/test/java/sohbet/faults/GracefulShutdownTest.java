package sohbet.faults;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import sohbet.support.Web;
import sohbet.support.RawHttp;
import sohbet.support.Eventually;
import sohbet.support.SseClient;
import sohbet.support.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM, as a redeploy sends it: the app as its own process with an open visitor stream, an
 * open admin stream and a post whose body is still arriving. The streams end (browsers then
 * reconnect to the new instance), the post is answered and committed, and the process exits
 * within 10 s with 143 (the JVM's code for "ended by SIGTERM", after its shutdown hook ran).
 */
class GracefulShutdownTest {

    @Test
    void sigtermEndsStreamsAnswersThePostInFlightAndExitsWithinTenSeconds() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.SQLITE);
             AppProcess app = new AppProcess("graceful-shutdown", db).start()) {
            assertTrue(app.logLines().stream().anyMatch(l -> l.contains("Mode: development (APP_ENV=test)")),
                    "the start says which mode and why:\n" + app.tail(20));
            Web visitor = app.visitor(Duration.ofSeconds(20));
            Web admin = app.web();
            admin.signIn("admin", "test-password");

            try (SseClient visitorStream = SseClient.open(visitor, "/events");
                 SseClient adminStream = SseClient.open(admin, "/admin/events");
                 Socket post = new Socket(RawHttp.HOST, app.port())) {
                post.setSoTimeout(15_000);
                // A post whose body has not all arrived when the signal comes: it is in flight.
                String body = Web.encode(Web.form("body", "son mesaj", "client_id", "in-flight-1"));
                OutputStream out = post.getOutputStream();
                out.write(("POST /messages HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + visitor.cookieHeader("/messages")
                        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                        + "\r\nConnection: close\r\n\r\n" + body.substring(0, 5)).getBytes(StandardCharsets.UTF_8));
                out.flush();
                AppProcess.pause(300);

                long signalled = System.nanoTime();
                ProcessHandle handle = ProcessHandle.of(app.pid()).orElseThrow();
                handle.destroy();
                AppProcess.pause(200);
                out.write(body.substring(5).getBytes(StandardCharsets.UTF_8));
                out.flush();

                String answer = new String(post.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 303"), "the post in flight is answered: " + answer.lines().findFirst().orElse(""));
                assertEquals(200, visitorStream.status());
                assertEquals(200, adminStream.status());
                Eventually.until("the visitor's stream ends", Duration.ofSeconds(15), visitorStream::ended);
                Eventually.until("the admin's stream ends", Duration.ofSeconds(15), adminStream::ended);

                assertTrue(handle.onExit().get(10, TimeUnit.SECONDS) != null);
                double seconds = (System.nanoTime() - signalled) / 1e9;
                assertTrue(seconds < 10, "exited " + seconds + " s after SIGTERM");
                int code = app.awaitExit(Duration.ofSeconds(1));
                assertTrue(code == 143 || code == 0, "exit code " + code);
            }
            List<StoredMessages.Row> rows = StoredMessages.all(db);
            assertEquals(1, rows.stream().filter(r -> r.threadId() == visitor.threadId() && "in-flight-1".equals(r.clientId())).count(),
                    "the answered post is stored once: " + rows);
            app.assertNoServerFaults();
        }
    }
}
