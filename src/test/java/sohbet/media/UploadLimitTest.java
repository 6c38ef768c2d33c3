package sohbet.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import sohbet.app.Sohbet;
import sohbet.support.Eventually;
import sohbet.support.TestApp;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MAX_UPLOAD_MB (here 1) is enforced while the body arrives, and visitors' uploads are rate limited. */
class UploadLimitTest {
    private static final long SENT_AT_MOST = 64L * 1024 * 1024;

    static final TestApp setup = new TestApp(TestDatabase.Kind.SQLITE, "MAX_UPLOAD_MB", "1", "LIMIT_UPLOADS_PER_HOUR", "2");
    static final Path uploads = Path.of(setup.env.get("UPLOAD_DIR"));
    static final Sohbet app = setup.start();

    @AfterAll
    static void stop() {
        setup.close();
    }

    Web visitor() {
        return TestApp.visitor(TestApp.uri(app));
    }

    @Test
    void aStreamedBodyOverTheLimitIs413BeforeItEnds() throws Exception {
        Web w = visitor();
        AtomicLong sent = new AtomicLong();
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    out.write(("POST /uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: tr\r\n"
                            + "Cookie: sohbet_visitor=" + w.cookie("sohbet_visitor") + "\r\n"
                            + "Content-Type: multipart/form-data; boundary=XyZ\r\nTransfer-Encoding: chunked\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    chunk(out, ("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.wav\"\r\n\r\nRIFF\0\0\0\0WAVEfmt ")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    byte[] block = new byte[64 * 1024];
                    while (sent.get() < SENT_AT_MOST) {
                        chunk(out, block);
                        sent.addAndGet(block.length);
                    }
                } catch (IOException e) {
                    // The server answered and closed: expected.
                }
            });
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            long sentWhenAnswered = sent.get();
            assertThat(status, startsWith("HTTP/1.1 413"));
            StringBuilder rest = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.contains("</html>"); line = in.readLine()) {
                rest.append(line).append('\n');
            }
            assertThat(rest.toString(), containsString("Dosya çok büyük: bir yükleme en fazla 1 MB olabilir."));
            assertThat("answered long before the 64 MB were sent", sentWhenAnswered, lessThan(SENT_AT_MOST / 2));
            socket.close();
            writer.join(Duration.ofSeconds(20));
        }
        assertEquals(0, app.chat().history(w.threadId()).size());
        Eventually.until("the spool folder is empty", Duration.ofSeconds(5), () -> Uploads.spoolEmpty(uploads));
    }

    @Test
    void anUploadCutShortStoresNothingAndTheServerGoesOn() throws Exception {
        // A phone that loses its network halfway through a photo: the body ends before its declared length.
        Web w = visitor();
        byte[] part = ("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] photo = Fixtures.bytes("big-photo.jpg");
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: sohbet_visitor=" + w.cookie("sohbet_visitor") + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: " + (part.length + photo.length + 100) + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(part);
            out.write(photo, 0, photo.length / 3);
            out.flush();
        }
        Eventually.until("the half-received file is gone from the spool", Duration.ofSeconds(10), () -> Uploads.spoolEmpty(uploads));
        assertEquals(0, app.chat().history(w.threadId()).size(), "nothing stored");
        assertEquals(200, w.get("/").statusCode(), "the server goes on");
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413AtOnce() {
        Web w = visitor();
        byte[] body = MultipartBodies.of("B").file("file", "big.mp3", "audio/mpeg", new byte[2 * 1024 * 1024]).build();
        HttpResponse<String> res = Uploads.post(w, "/uploads", "multipart/form-data; boundary=B", body);
        assertEquals(413, res.statusCode());
        assertThat(res.body(), containsString("en fazla 1 MB"));
    }

    @Test
    void visitorsAreLimitedInHowOftenTheyUpload() {
        Web w = visitor();
        assertEquals(303, Uploads.sample(w, "small.png", "client_id", "r-1").statusCode());
        assertEquals(303, Uploads.sample(w, "voice.ogg", "client_id", "r-2").statusCode());
        HttpResponse<String> third = Uploads.sample(w, "small.gif", "client_id", "r-3");
        assertEquals(429, third.statusCode());
        assertThat(third.body(), containsString("Çok hızlı gönderiyorsunuz"));
        assertEquals(2, app.chat().history(w.threadId()).stream().filter(m -> m.mediaRef() != null).count());
        // Another visitor is not affected.
        assertEquals(303, Uploads.sample(visitor(), "small.png").statusCode());
    }

    private static void chunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void theLimitIsConfigured() {
        assertTrue(app.media().limits().maxRequestBytes() == 1024 * 1024);
    }
}
