package sohbet.media;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.MultiPixelPackedSampleModel;
import java.awt.image.SampleModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes an upload within a budget fixed before any pixel is read: the header's size is checked
 * against the pixel limit, and the image is read subsampled so that what it takes in memory stays
 * under {@code maxDecodedBytes}. A decoder that warns (a truncated JPEG decodes to grey) is refused.
 */
final class ImageDecoder {
    private final int maxSide;
    private final long maxPixels;
    private final long maxDecodedBytes;

    ImageDecoder(int maxSide, long maxPixels, long maxDecodedBytes) {
        this.maxSide = maxSide;
        this.maxPixels = maxPixels;
        this.maxDecodedBytes = maxDecodedBytes;
    }

    /**
     * @param abandoned true once the caller gave up: every further read of {@code data} fails
     * @param started   receives the reader, so that the caller can abort it
     */
    BufferedImage decode(byte[] data, FileType type, BooleanSupplier abandoned, Consumer<ImageReader> started) {
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
        started.accept(reader);
        List<String> warnings = new ArrayList<>();
        try (ImageInputStream in = new StoppableInput(data, abandoned)) {
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
            if (!warnings.isEmpty() || abandoned.getAsBoolean()) {
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

    static MediaException broken() {
        return new MediaException("error.media.broken", 400);
    }
}
