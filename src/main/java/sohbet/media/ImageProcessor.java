package sohbet.media;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;

/**
 * Decodes an uploaded image and encodes it anew: what is stored is only pixels the server drew, so
 * EXIF (GPS included), comments, trailing bytes and any script riding along are gone. The EXIF
 * orientation is applied to the pixels first, so the photo stays upright without its tag. Large
 * photos are decoded subsampled and capped at {@code maxSide}; a small preview is made for slow links.
 * A file the decoder only half understands (a truncated JPEG decodes to grey with a warning) is refused.
 * This class holds the deadline and the permits; {@link ImageDecoder} the budget, {@link ImageEncoder} the drawing.
 */
public final class ImageProcessor {
    /** What is stored for one image: the re-encoded original and its preview, with their sizes in pixels. */
    public record Result(byte[] original, FileType type, int width, int height,
                         byte[] preview, FileType previewType, int previewWidth, int previewHeight) {
    }

    /** A photo decodes in well under a second; one that takes this long is hostile or broken. */
    static final Duration DEADLINE = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(ImageProcessor.class.getName());

    private final int previewSide;
    private final ImageDecoder decoder;
    private final ImageEncoder encoder;
    private final Duration deadline;
    /** Runs first in every decode; tests use it to stand in for a decoder that never finishes. */
    private final Runnable beforeDecode;
    /** Decoding takes tens of MB of heap per photo; a few at a time keep the heap predictable. */
    private final Semaphore decoding = new Semaphore(2, true);

    static {
        ImageIO.setUseCache(false);
    }

    /** The decoded-size budget is what one 8-bit RGBA picture of {@code maxSide} × {@code maxSide} takes. */
    public ImageProcessor(int maxSide, int previewSide, long maxPixels) {
        this(maxSide, previewSide, maxPixels, 4L * maxSide * maxSide, DEADLINE, () -> {
        });
    }

    /** @param maxDecodedBytes the most bytes one decoded image may take in memory, counted from its header */
    ImageProcessor(int maxSide, int previewSide, long maxPixels, long maxDecodedBytes, Duration deadline, Runnable beforeDecode) {
        this.previewSide = previewSide;
        this.decoder = new ImageDecoder(maxSide, maxPixels, maxDecodedBytes);
        this.encoder = new ImageEncoder(maxSide, previewSide);
        this.deadline = deadline;
        this.beforeDecode = beforeDecode;
    }

    public static ImageProcessor standard() {
        return new ImageProcessor(2560, 480, 50_000_000L);
    }

    public int previewSide() {
        return previewSide;
    }

    /**
     * Decodes and re-encodes within the deadline. The work runs on a thread of its own, so a request
     * waiting for it parks instead of pinning a carrier; when the deadline passes the request answers
     * 422 and gives its permit back at once, while the abandoned work is told to stop (the reader is
     * aborted and every further read of the file fails) and ends on its own.
     */
    public Result process(byte[] data, FileType type) {
        if (!type.image()) {
            throw new IllegalArgumentException("not an image: " + type);
        }
        try {
            if (!decoding.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new MediaException("error.media.busy", 503);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaException("error.media.busy", 503);
        }
        Work work = new Work(data, type);
        FutureTask<Result> task = new FutureTask<>(work);
        try {
            Thread.ofPlatform().daemon().name("image-decode").start(task);
            return task.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            work.abandon();
            task.cancel(true);
            LOG.warning(() -> "Gave up on a " + type + " image of " + data.length + " bytes after " + deadline.toMillis() + " ms");
            throw new MediaException("error.media.tooSlow", 422, Math.max(1, deadline.toSeconds()));
        } catch (InterruptedException e) {
            work.abandon();
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new MediaException("error.media.busy", 503);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof OutOfMemoryError) {
                // The budget should make this impossible; should a decoder still run out, its thread
                // has ended and its memory is free again, so the visitor gets a refusal, not a 500.
                LOG.warning(() -> "Ran out of memory decoding a " + type + " image of " + data.length + " bytes");
                throw new MediaException("error.media.tooBigToDecode", 413);
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            decoding.release();
        }
    }

    /** One image's decode and re-encode; once abandoned, its reader stops and its input reads fail. */
    private final class Work implements Callable<Result> {
        private final byte[] data;
        private final FileType type;
        private volatile boolean abandoned;
        private volatile ImageReader reader;

        Work(byte[] data, FileType type) {
            this.data = data;
            this.type = type;
        }

        @Override
        public Result call() {
            beforeDecode.run();
            BufferedImage decoded = decoder.decode(data, type, () -> abandoned, r -> reader = r);
            if (abandoned) {
                throw ImageDecoder.broken();
            }
            return encoder.encodeAll(decoded, type, ExifOrientation.of(data, type));
        }

        void abandon() {
            abandoned = true;
            ImageReader r = reader;
            if (r != null) {
                r.abort();
            }
        }
    }
}
