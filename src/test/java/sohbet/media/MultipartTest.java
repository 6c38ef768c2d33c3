package sohbet.media;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultipartTest {
    private static final String B = "----sohbetBoundary7MA4YWxkTrZu0gW";

    @Test
    void boundaryFromTheContentType() {
        assertEquals("abc", Multipart.boundary("multipart/form-data; boundary=abc"));
        assertEquals("a b", Multipart.boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\""));
        assertNull(Multipart.boundary("application/x-www-form-urlencoded"));
        assertNull(Multipart.boundary("multipart/form-data"));
        assertNull(Multipart.boundary(null));
    }

    @Test
    void readsFieldsAndAFileEvenOneByteAtATime() throws IOException {
        byte[] file = new byte[200_000];
        for (int i = 0; i < file.length; i++) {
            file[i] = (byte) (i * 31 + (i >> 7));
        }
        // The file contains what looks like the start of a boundary, which must not end it.
        byte[] trap = ("\r\n--" + B.substring(0, 10)).getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(trap, 0, file, 1000, trap.length);
        byte[] body = MultipartBodies.of(B)
                .field("client_id", "c-1")
                .field("caption", "Merhaba dünya; \"tırnak\"")
                .file("file", "a;b\"c.jpg", "image/jpeg", file)
                .field("after", "x")
                .build();
        for (boolean slow : new boolean[] {false, true}) {
            InputStream in = slow ? oneByteAtATime(new ByteArrayInputStream(body)) : new ByteArrayInputStream(body);
            Multipart mp = new Multipart(in, B, 10_000_000, 10);
            List<String> names = new ArrayList<>();
            for (Multipart.Part p = mp.next(); p != null; p = mp.next()) {
                names.add(p.name());
                switch (p.name()) {
                    case "client_id" -> assertEquals("c-1", new String(mp.contentBytes(100), StandardCharsets.UTF_8));
                    case "caption" -> assertEquals("Merhaba dünya; \"tırnak\"", new String(mp.contentBytes(100), StandardCharsets.UTF_8));
                    case "file" -> {
                        assertTrue(p.isFile());
                        assertEquals("a;b%22c.jpg", p.filename(), "browsers send a quote as %22");
                        assertArrayEquals(file, mp.content().readAllBytes());
                    }
                    default -> {
                    }
                }
            }
            assertEquals(List.of("client_id", "caption", "file", "after"), names);
        }
    }

    @Test
    void malformedBodiesAre400() {
        assertMalformed("no boundary at all");
        assertMalformed("--" + B + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue never closed");
        assertMalformed("--" + B + "\r\nno colon here\r\n\r\nx\r\n--" + B + "--\r\n");
        assertMalformed("--" + B + "\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--" + B + "--\r\n");
        assertMalformed("--" + B + "\r\nContent-Disposition: form-data\r\n\r\nx\r\n--" + B + "--\r\n");
    }

    @Test
    void partHeadersAreBoundedAndTheExtendedFileNameWins() throws IOException {
        String many = "X-Pad: 1\r\n".repeat(17);
        assertMalformed("--" + B + "\r\nContent-Disposition: form-data; name=\"a\"\r\n" + many + "\r\nx\r\n--" + B + "--\r\n");
        assertMalformed("--" + B + "\r\nX-Long: " + "y".repeat(70_000) + "\r\n\r\nx\r\n--" + B + "--\r\n");

        byte[] body = ("--" + B + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"plain.png\"; filename*=UTF-8''g%C3%BCl.png"
                + "\r\nContent-Type: image/png\r\n\r\nx\r\n--" + B + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        Multipart.Part part = new Multipart(new ByteArrayInputStream(body), B, 1_000_000, 1).next();
        assertEquals("gül.png", part.filename());
        assertEquals("image/png", part.contentType());
    }

    @Test
    void theLimitIsEnforcedWhileReading() {
        byte[] body = MultipartBodies.of(B).file("file", "big.bin", "application/octet-stream", new byte[300_000]).build();
        CountingStream counting = new CountingStream(new ByteArrayInputStream(body));
        Multipart mp = new Multipart(counting, B, 100_000, 1);
        MediaException e = assertThrows(MediaException.class, () -> drain(mp));
        assertEquals(413, e.status());
        assertEquals("error.media.tooLarge", e.key());
        assertTrue(counting.read < 200_000, "stopped soon after the limit, read " + counting.read);
    }

    private static void assertMalformed(String body) {
        Multipart mp = new Multipart(new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1)), B, 1_000_000, 1);
        MediaException e = assertThrows(MediaException.class, () -> drain(mp));
        assertEquals(400, e.status());
        assertEquals("error.media.badMultipart", e.key());
    }

    /** Reads every part to its end, as the upload route does with the parts it skips. */
    static void drain(Multipart mp) throws IOException {
        for (Multipart.Part p = mp.next(); p != null; p = mp.next()) {
            mp.content().readAllBytes();
        }
    }

    private static InputStream oneByteAtATime(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(1, len));
            }
        };
    }

    private static final class CountingStream extends FilterInputStream {
        long read;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                read += n;
            }
            return n;
        }
    }
}
