package sohbet.media;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every parser that walks bytes a visitor sent is fed thousands of damaged files and bodies built
 * from the samples by a seeded {@link Mutator}. Each must answer (a type or none, an orientation, a
 * range or none, parts) or refuse cleanly with its own rejection, and do so within a bound: a loop
 * that stands still or walks out of the bytes fails here, naming the seed and case to replay it.
 */
class HostileBytesTest {
    private static final long SEED = 0x50_48_42_45_54L;
    /** Far above what any one case needs; only a parser that never returns reaches it. */
    private static final long BOUND_MS = 3_000;
    private static final List<String> SAMPLES = List.of("small.png", "small.gif", "small.webp", "truncated.jpg", "voice.ogg",
            "recorder.webm", "note.mp3", "note.m4a", "short.wav");
    private static final List<String> IMAGES = List.of("small.png", "small.gif", "small.webp", "truncated.jpg");

    private static ExecutorService worker;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hostile-bytes");
            t.setDaemon(true); // a parser stuck for good must not keep the test JVM alive
            return t;
        });
    }

    @AfterAll
    static void stop() {
        worker.shutdownNow();
    }

    /** The first 64 KB of the EXIF-carrying photo: its APP1 segment and more, without decoding 1.3 MB each time. */
    private static byte[] photoHead() {
        return Arrays.copyOf(Fixtures.bytes("big-photo.jpg"), 64 * 1024);
    }

    @Test
    void snifferAndExifWalkEndOnEveryDamagedFile() throws Exception {
        Path file = dir.resolve("upload.part");
        int cases = 0;
        for (String name : concat(SAMPLES, List.of("big-photo-head"))) {
            byte[] sample = name.equals("big-photo-head") ? photoHead() : Fixtures.bytes(name);
            Mutator m = new Mutator(SEED ^ name.hashCode());
            for (int i = 0; i < 400; i++, cases++) {
                byte[] input = m.mutate(sample);
                String label = name + " #" + i;
                Files.write(file, input);
                bounded(label, () -> Sniffer.sniff(file));
                bounded(label, () -> Sniffer.family(input, Math.min(input.length, Sniffer.HEAD)));
                for (FileType type : List.of(FileType.JPEG, FileType.PNG, FileType.WEBP)) {
                    int o = bounded(label + " as " + type, () -> ExifOrientation.of(input, type));
                    assertTrue(o >= 1 && o <= 8, label + ": orientation " + o);
                }
            }
        }
        assertEquals(10 * 400, cases);
    }

    @Test
    void imageProcessingAnswersOrRefusesEveryDamagedImage() throws Exception {
        ImageProcessor images = ImageProcessor.standard();
        for (String name : IMAGES) {
            byte[] sample = Fixtures.bytes(name);
            FileType type = Sniffer.sniff(Fixtures.file(dir, name)).orElseThrow();
            Mutator m = new Mutator(SEED ^ name.hashCode() ^ 1);
            for (int i = 0; i < 60; i++) {
                byte[] input = m.mutate(sample);
                bounded(name + " #" + i, () -> {
                    try {
                        ImageProcessor.Result r = images.process(input, type);
                        assertTrue(r.original().length > 0 && r.width() > 0 && r.height() > 0);
                    } catch (MediaException e) {
                        assertTrue(e.status() >= 400 && e.status() < 500, e.key() + " " + e.status());
                    }
                    return null;
                });
            }
        }
    }

    @Test
    void multipartReadingEndsOnEveryDamagedBody() throws Exception {
        String boundary = "----sohbetFuzz0123456789";
        byte[] body = MultipartBodies.of(boundary)
                .field("client_id", "c-1")
                .file("file", "a.png", "image/png", Fixtures.bytes("small.png"))
                .field("caption", "Merhaba")
                .build();
        Mutator m = new Mutator(SEED ^ 2);
        for (int i = 0; i < 3000; i++) {
            byte[] input = m.mutate(body);
            bounded("multipart #" + i, () -> {
                try {
                    MultipartTest.drain(new Multipart(new ByteArrayInputStream(input), boundary, 1_000_000, 1));
                } catch (MediaException e) {
                    assertTrue(e.status() == 400 || e.status() == 413, e.key());
                }
                return null;
            });
        }
    }

    @Test
    void rangeHeadersGiveARangeInsideTheFileOrNone() throws Exception {
        Random random = new Random(SEED ^ 3);
        String[] pieces = {"bytes=", "bytes =", "BYTES=", "-", "-", ",", " ", "0", "1", "9", "00", "+1", "-1", "99999999999999999999",
                "9223372036854775807", "9223372036854775806", "-9223372036854775808", "x", "\t"};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder h = new StringBuilder(random.nextInt(4) == 0 ? "" : "bytes=");
            for (int n = random.nextInt(5); n >= 0; n--) {
                h.append(pieces[random.nextInt(pieces.length)]);
            }
            long size = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> 1;
                case 2 -> random.nextInt(1000);
                default -> Long.MAX_VALUE - random.nextInt(3);
            };
            String header = h.toString();
            long[] r = bounded(header, () -> Ranges.parse(header, size));
            if (r != null && r != Ranges.UNSATISFIABLE) {
                assertTrue(r.length == 2 && 0 <= r[0] && r[0] <= r[1] && r[1] < size,
                        "\"" + header + "\" on " + size + " bytes gave " + Arrays.toString(r));
            }
        }
    }

    @Test
    void aStreamThatNeverBlocksNorEndsIsRefused() throws Exception {
        byte[] start = "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx".getBytes(StandardCharsets.ISO_8859_1);
        java.io.InputStream stalling = new java.io.InputStream() {
            private int at;

            @Override
            public int read() {
                return at < start.length ? start[at++] : 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at >= start.length) {
                    return 0; // against the contract, but a parser must not spin on it
                }
                int n = Math.min(len, start.length - at);
                System.arraycopy(start, at, b, off, n);
                at += n;
                return n;
            }
        };
        MediaException e = bounded("stalling stream", () -> {
            try {
                MultipartTest.drain(new Multipart(stalling, "b", 1_000_000, 1));
                return null;
            } catch (MediaException refused) {
                return refused;
            }
        });
        assertEquals(400, e == null ? 0 : e.status());
    }

    /** Runs one parse on the worker thread; anything but an answer or the parser's own rejection within the bound fails. */
    private static <T> T bounded(String label, Callable<T> parse) throws InterruptedException {
        Future<T> f = worker.submit(parse);
        try {
            return f.get(BOUND_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            // The stuck thread cannot be stopped; a fresh worker keeps the other tests honest.
            worker.shutdownNow();
            start();
            return fail(label + " (seed " + SEED + ") did not return within " + BOUND_MS + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            return fail(label + " (seed " + SEED + ") threw " + e.getCause(), e.getCause());
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
