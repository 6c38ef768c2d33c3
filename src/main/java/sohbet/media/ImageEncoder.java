package sohbet.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Draws a decoded image anew, upright and at most {@code maxSide}, plus a small preview for slow
 * links, and encodes both: only pixels the server drew are stored, nothing that rode along.
 */
final class ImageEncoder {
    private static final float ORIGINAL_QUALITY = 0.85f;
    private static final float PREVIEW_QUALITY = 0.72f;

    private final int maxSide;
    private final int previewSide;

    ImageEncoder(int maxSide, int previewSide) {
        this.maxSide = maxSide;
        this.previewSide = previewSide;
    }

    /** The stored original and its preview; the format is kept where it can be, WebP becomes JPEG (or PNG with alpha). */
    ImageProcessor.Result encodeAll(BufferedImage decoded, FileType type, int orientation) {
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
        return new ImageProcessor.Result(original, out, image.getWidth(), image.getHeight(),
                small, previewType, preview.getWidth(), preview.getHeight());
    }

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
