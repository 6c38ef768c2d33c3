package sohbet.faults;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
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
             AppProcess app = new AppProcess("graceful-shutdown", db.env(), db.folder())) {
            app.start();
            assertTrue(app.logLines().stream().anyMatch(l -> l.contains("Mode: development (APP_ENV=test)")),
                    "the start says which mode and why:\n" + app.tail(20));
            Client visitor = new Client(app::port);
            long thread = visitor.openChat(Duration.ofSeconds(20));
            Client admin = new Client(app::port);
            admin.signIn("admin", "test-password");

            try (Socket visitorStream = stream(app.port(), "/events", visitor.cookieHeader());
                 Socket adminStream = stream(app.port(), "/admin/events", admin.cookieHeader());
                 Socket post = new Socket(RawHttp.HOST, app.port())) {
                post.setSoTimeout(15_000);
                // A post whose body has not all arrived when the signal comes: it is in flight.
                String body = Client.form("body", "son mesaj", "client_id", "in-flight-1");
                OutputStream out = post.getOutputStream();
                out.write(("POST /messages HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + visitor.cookieHeader()
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

                String answer = readAll(post.getInputStream());
                assertTrue(answer.startsWith("HTTP/1.1 303"), "the post in flight is answered: " + firstLine(answer));
                assertEquals(-1, readUntilEnd(visitorStream), "the visitor's stream ends");
                assertEquals(-1, readUntilEnd(adminStream), "the admin's stream ends");

                assertTrue(handle.onExit().get(10, TimeUnit.SECONDS) != null);
                double seconds = (System.nanoTime() - signalled) / 1e9;
                assertTrue(seconds < 10, "exited " + seconds + " s after SIGTERM");
                int code = app.awaitExit(Duration.ofSeconds(1));
                assertTrue(code == 143 || code == 0, "exit code " + code);
            }
            List<StoredMessages.Row> rows = StoredMessages.all(db);
            assertEquals(1, rows.stream().filter(r -> r.threadId() == thread && "in-flight-1".equals(r.clientId())).count(),
                    "the answered post is stored once: " + rows);
            assertEquals(List.of(), app.unexpectedErrors(), "no server errors while stopping");
        }
    }

    /** Opens an SSE stream and reads its status line, so it is being served when the signal comes. */
    private static Socket stream(int port, String path, String cookies) throws Exception {
        Socket s = new Socket(RawHttp.HOST, port);
        s.setSoTimeout(15_000);
        s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nCookie: " + cookies
                + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        StringBuilder line = new StringBuilder();
        InputStream in = s.getInputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.append((char) b);
        }
        assertTrue(line.toString().startsWith("HTTP/1.1 200"), path + " answered " + line);
        return s;
    }

    /** Reads until the server closes the stream; -1 then (a read timeout fails the test instead). */
    private static int readUntilEnd(Socket s) throws Exception {
        InputStream in = s.getInputStream();
        byte[] buffer = new byte[8192];
        int n;
        do {
            n = in.read(buffer);
        } while (n >= 0);
        return n;
    }

    private static String readAll(InputStream in) throws Exception {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String firstLine(String s) {
        int i = s.indexOf('\r');
        return i < 0 ? s : s.substring(0, i);
    }
}
