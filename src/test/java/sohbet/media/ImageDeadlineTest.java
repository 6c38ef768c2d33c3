package sohbet.media;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ImageDeadlineTest {
    @Test
    void aDecodeThatNeverEndsIsAbandonedWith422AndFreesItsPermit() {
        CountDownLatch release = new CountDownLatch(1);
        ImageProcessor stuck = new ImageProcessor(2560, 480, 50_000_000, 4L * 2560 * 2560, Duration.ofMillis(200), () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        byte[] png = Fixtures.bytes("small.png");
        try {
            // Three stuck decodes against two permits: if an abandoned decode kept its permit, the third would wait for it.
            for (int i = 0; i < 3; i++) {
                MediaException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                        () -> assertThrows(MediaException.class, () -> stuck.process(png, FileType.PNG)));
                assertEquals("error.media.tooSlow", e.key());
                assertEquals(422, e.status());
            }
        } finally {
            release.countDown();
        }
        // Once decoders behave again, the same processor works.
        ImageProcessor.Result r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> stuck.process(png, FileType.PNG));
        assertEquals(64, r.width());
    }

    @Test
    void anAbandonedDecodeCannotReadAnotherByte() throws IOException {
        AtomicBoolean stop = new AtomicBoolean();
        try (StoppableInput in = new StoppableInput(new byte[] {1, 2, 3, 4}, stop::get)) {
            assertEquals(1, in.read());
            stop.set(true);
            assertThrows(IOException.class, in::read);
            assertThrows(IOException.class, () -> in.read(new byte[2], 0, 2));
            in.seek(0); // seeking back does not help
            assertThrows(IOException.class, in::read);
        }
    }
}
