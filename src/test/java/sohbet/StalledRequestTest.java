package sohbet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
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
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static sohbet.support.Web.form;

/**
 * Requests that stop arriving are cut; open streams are not. The stall timeout is shortened to 1 s
 * here (30 s in production), the SSE heartbeat to 300 ms.
 */
class StalledRequestTest {
    private static final Duration STALL = Duration.ofSeconds(1);
    /** How long the server may take to notice: the timeout, the idle check's period, and scheduling slack. */
    private static final long NOTICED_WITHIN_MS = 5_000;
    private static final TestApp setup = new TestApp(TestDatabase.Kind.SQLITE);
    private static final Sohbet app = setup.start(Clock.systemUTC(), TestApp.FAST.withStalledRequest(STALL));

    @AfterAll
    static void stop() {
        setup.close();
    }

    /** Sends {@code start}, then nothing; returns how long the server took to close the connection. */
    private static long millisUntilClosed(String start) throws IOException {
        try (Socket s = new Socket("127.0.0.1", app.port())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(start.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long t0 = System.nanoTime();
            InputStream in = s.getInputStream();
            try {
                while (in.read() != -1) {
                    // an answer (if any) is read through to the close
                }
            } catch (SocketTimeoutException e) {
                fail("the server still held the stalled connection after 20 s");
            } catch (IOException reset) {
                // a reset is a close too
            }
            return (System.nanoTime() - t0) / 1_000_000;
        }
    }

    @Test
    void aBodyThatStopsArrivingIsCut() throws IOException {
        long ms = millisUntilClosed("POST /messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 200\r\n\r\nbody=ya");
        assertThat(ms, lessThan(NOTICED_WITHIN_MS));
        assertEquals(200, new Web(TestApp.uri(app)).get("/health").statusCode());
    }

    @Test
    void headersThatStopArrivingAreCut() throws IOException {
        assertThat(millisUntilClosed("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "), lessThan(NOTICED_WITHIN_MS));
    }

    @Test
    void aRequestLineThatStopsArrivingIsCut() throws IOException {
        assertThat(millisUntilClosed("GET /hea"), lessThan(NOTICED_WITHIN_MS));
    }

    @Test
    void anOpenStreamOutlivesTheTimeoutAndStillDelivers() throws InterruptedException {
        Web visitor = TestApp.visitor(TestApp.uri(app));
        try (SseClient stream = SseClient.open(visitor, "/events?last_event_id=0")) {
            stream.await("presence", Duration.ofSeconds(10));
            Thread.sleep(STALL.multipliedBy(4).toMillis()); // the stream idles past the timeout on purpose
            assertEquals(303, visitor.post("/messages", form("body", "hâlâ buradayım", "client_id", "late-1")).statusCode());
            assertThat(stream.await(e -> e.data().contains("hâlâ buradayım"), Duration.ofSeconds(10)).data(), containsString("hâlâ"));
        }
    }

    @Test
    void answersHelidonGivesBeforeRoutingCarryTheSecurityHeaders() throws IOException {
        String[] refusedBeforeRouting = {
            "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n",
            "GET / HTTP/1.1\r\n\r\n",
            "GET /health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: " + "y".repeat(20_000) + "\r\n\r\n",
            "POST /messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 999999999\r\n\r\n"};
        for (String bad : refusedBeforeRouting) {
            String head = head(bad);
            String what = bad.substring(0, Math.min(40, bad.length()));
            assertThat(what, head, anyOf(startsWith("HTTP/1.1 4"), startsWith("HTTP/1.1 505")));
            assertThat(what, head, containsString("Content-Security-Policy: default-src 'self'"));
            assertThat(what, head, containsString("X-Content-Type-Options: nosniff"));
            assertThat(what, head, containsString("X-Frame-Options: DENY"));
        }
    }

    private static String head(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", app.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            byte[] all = s.getInputStream().readNBytes(8192);
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? text : text.substring(0, end);
        }
    }
}
