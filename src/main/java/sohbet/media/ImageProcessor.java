package sohbet.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferInt;
import java.awt.image.MultiPixelPackedSampleModel;
import java.awt.image.SampleModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Decodes an uploaded image and encodes it anew: what is stored is only pixels the server drew, so
 * EXIF (GPS included), comments, trailing bytes and any script riding along are gone. The EXIF
 * orientation is applied to the pixels first, so the photo stays upright without its tag. Large
 * photos are decoded subsampled and capped at {@code maxSide}; a small preview is made for slow links.
 * A file the decoder only half understands (a truncated JPEG decodes to grey with a warning) is refused.
 */
public final class ImageProcessor {
    /** What is stored for one image: the re-encoded original and its preview, with their sizes in pixels. */
    public record Result(byte[] original, FileType type, int width, int height,
                         byte[] preview, FileType previewType, int previewWidth, int previewHeight) {
    }

    private static final float ORIGINAL_QUALITY = 0.85f;
    private static final float PREVIEW_QUALITY = 0.72f;
    /** A photo decodes in well under a second; one that takes this long is hostile or broken. */
    static final Duration DEADLINE = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(ImageProcessor.class.getName());

    private final int maxSide;
    private final int previewSide;
    private final long maxPixels;
    /** The most bytes one decoded image may take in memory, counted from its header before any pixel is read. */
    private final long maxDecodedBytes;
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

    ImageProcessor(int maxSide, int previewSide, long maxPixels, long maxDecodedBytes, Duration deadline, Runnable beforeDecode) {
        this.maxSide = maxSide;
        this.previewSide = previewSide;
        this.maxPixels = maxPixels;
        this.maxDecodedBytes = maxDecodedBytes;
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
            BufferedImage decoded = decode(this);
            if (abandoned) {
                throw broken();
            }
            return encodeAll(decoded, type, ExifOrientation.of(data, type));
        }

        void abandon() {
            abandoned = true;
            ImageReader r = reader;
            if (r != null) {
                r.abort();
            }
        }
    }

    private Result encodeAll(BufferedImage decoded, FileType type, int orientation) {
        boolean alpha = decoded.getColorModel().hasAlpha();
        FileType out = switch (type) {
            case JPEG -> FileType.JPEG;
            case PNG -> FileType.PNG;
            case GIF -> FileType.GIF;
            default -> alpha ? FileType.PNG : FileType.JPEG;
        };
        boolean keepAlpha = alpha && out != FileType.JPEG;
        BufferedImage image = orient(fit(decoded, maxSide, keepAlpha), orientation);
        BufferedImage preview = fit(image, previewSide, keepAlpha);
        FileType previewType = keepAlpha ? FileType.PNG : FileType.JPEG;
        byte[] original = encode(image, out, ORIGINAL_QUALITY);
        byte[] small = encode(preview, previewType, PREVIEW_QUALITY);
        return new Result(original, out, image.getWidth(), image.getHeight(), small, previewType, preview.getWidth(), preview.getHeight());
    }

    // ---- decoding ----------------------------------------------------------------------------

    private BufferedImage decode(Work work) {
        byte[] data = work.data;
        FileType type = work.type;
        String format = switch (type) {
            case JPEG -> "jpeg";
            case PNG -> "png";
            case GIF -> "gif";
            default -> "webp";
        };
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("No ImageIO reader for " + format);
        }
        ImageReader reader = readers.next();
        work.reader = reader;
        List<String> warnings = new ArrayList<>();
        try (ImageInputStream in = new StoppableInput(data, () -> work.abandoned)) {
            reader.setInput(in, true, type != FileType.GIF);
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            if (w <= 0 || h <= 0) {
                throw broken();
            }
            if ((long) w * h > maxPixels) {
                throw new MediaException("error.media.tooManyPixels", 413, maxPixels / 1_000_000);
            }
            ImageReadParam param = reader.getDefaultReadParam();
            // The reader decodes into the first of its image types (16-bit PNGs keep 16 bits a sample).
            ImageTypeSpecifier decodedType = reader.getImageTypes(0).next();
            int step = subsampling(w, h, bitsPerPixel(decodedType), maxSide, maxDecodedBytes);
            if (step < 1) {
                throw new MediaException("error.media.tooBigToDecode", 413);
            }
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            BufferedImage image = reader.read(0, param);
            if (!warnings.isEmpty() || work.abandoned) {
                throw broken();
            }
            return image;
        } catch (MediaException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decoders signal damage in many ways (IIOException, IndexOutOfBounds, IllegalArgument…).
            throw broken();
        } finally {
            reader.dispose();
        }
    }

    /**
     * The source subsampling that reads an image of {@code w} × {@code h} at most {@code maxSide} on
     * its longer edge and at most {@code budget} bytes decoded, or 0 when not even one pixel fits.
     * Rounded up: 5119 px read every 2nd pixel is 2560, where rounding down would read all 5119.
     */
    static int subsampling(int w, int h, int bitsPerPixel, int maxSide, long budget) {
        if (bitsPerPixel <= 0 || decodedBytes(1, 1, bitsPerPixel, 1) > budget) {
            return 0;
        }
        int longer = Math.max(w, h);
        int step = Math.max(1, ceilDiv(longer, maxSide));
        // Start near the answer from the area, then walk up: ceilings make it a step or two off at most.
        long area = (long) w * h * bitsPerPixel;
        step = Math.max(step, (int) Math.sqrt(area / 8.0 / budget));
        while (step < longer && decodedBytes(w, h, bitsPerPixel, step) > budget) {
            step++;
        }
        return Math.max(1, Math.min(step, longer));
    }

    /** Bytes in memory for {@code w} × {@code h} read every {@code step}-th pixel each way (rows padded to whole bytes). */
    static long decodedBytes(int w, int h, int bitsPerPixel, int step) {
        long rowBits = (long) ceilDiv(w, step) * bitsPerPixel;
        return (rowBits + 7) / 8 * ceilDiv(h, step);
    }

    private static int ceilDiv(int a, int b) {
        return (int) ((a + (long) b - 1) / b);
    }

    /** Bits one decoded pixel takes in memory: bands × bit depth as Java stores them (a 16-bit RGBA PNG: 64). */
    static int bitsPerPixel(ImageTypeSpecifier type) {
        SampleModel model = type.getSampleModel(1, 1);
        if (model instanceof MultiPixelPackedSampleModel packed) {
            return packed.getPixelBitStride();
        }
        return model.getNumDataElements() * DataBuffer.getDataTypeSize(model.getDataType());
    }

    private static MediaException broken() {
        return new MediaException("error.media.broken", 400);
    }

    // ---- pixels ------------------------------------------------------------------------------

    /** A copy in a plain int raster (RGB, or ARGB when transparency is kept), at most {@code side} on its longer edge. */
    static BufferedImage fit(BufferedImage src, int side, boolean alpha) {
        int w = src.getWidth();
        int h = src.getHeight();
        double f = Math.min(1.0, (double) side / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * f));
        int th = Math.max(1, (int) Math.round(h * f));
        int type = alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage cur = src;
        // Halving step by step keeps detail that one big bilinear jump would alias away.
        do {
            w = Math.max(tw, w / 2 >= tw ? w / 2 : tw);
            h = Math.max(th, h / 2 >= th ? h / 2 : th);
            BufferedImage next = new BufferedImage(w, h, type);
            Graphics2D g = next.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                if (!alpha) {
                    g.setColor(Color.WHITE);
                    g.fillRect(0, 0, w, h);
                }
                g.drawImage(cur, 0, 0, w, h, null);
            } finally {
                g.dispose();
            }
            cur = next;
        } while (w > tw || h > th);
        return cur;
    }

    /** Applies an EXIF orientation (1–8) to an int-raster image. */
    static BufferedImage orient(BufferedImage src, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = orientation >= 5;
        BufferedImage dst = new BufferedImage(swap ? h : w, swap ? w : h, src.getType());
        int[] in = ((DataBufferInt) src.getRaster().getDataBuffer()).getData();
        int[] out = ((DataBufferInt) dst.getRaster().getDataBuffer()).getData();
        int dw = dst.getWidth();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int dx;
                int dy;
                switch (orientation) {
                    case 2 -> { dx = w - 1 - x; dy = y; }
                    case 3 -> { dx = w - 1 - x; dy = h - 1 - y; }
                    case 4 -> { dx = x; dy = h - 1 - y; }
                    case 5 -> { dx = y; dy = x; }
                    case 6 -> { dx = h - 1 - y; dy = x; }
                    case 7 -> { dx = h - 1 - y; dy = w - 1 - x; }
                    default -> { dx = y; dy = w - 1 - x; }
                }
                out[dy * dw + dx] = in[y * w + x];
            }
        }
        return dst;
    }

    // ---- encoding ----------------------------------------------------------------------------

    static byte[] encode(BufferedImage image, FileType type, float quality) {
        String format = switch (type) {
            case JPEG -> "jpeg";
            case PNG -> "png";
            case GIF -> "gif";
            default -> throw new IllegalArgumentException("cannot encode " + type);
        };
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (type == FileType.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
                // Progressive: a slow phone shows the whole picture early, then sharpens it.
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
