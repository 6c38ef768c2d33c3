package sohbet.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageProcessorTest {
    private final ImageProcessor images = ImageProcessor.standard();

    @Test
    void aRotatedPhotoComesOutUprightWithoutExifAndWithASmallPreview() throws IOException {
        byte[] photo = Fixtures.bytes("big-photo.jpg");
        assertEquals(6, ExifOrientation.of(photo, FileType.JPEG), "the sample says: rotate 90° clockwise");
        assertTrue(hasGpsIfd(photo), "the sample carries GPS");

        ImageProcessor.Result r = images.process(photo, FileType.JPEG);
        assertEquals(FileType.JPEG, r.type());
        assertEquals(1800, r.width());
        assertEquals(2400, r.height());
        BufferedImage stored = ImageIO.read(new ByteArrayInputStream(r.original()));
        assertEquals(1800, stored.getWidth());
        assertEquals(2400, stored.getHeight());
        assertFalse(contains(r.original(), "Exif"), "no EXIF segment");
        assertFalse(hasGpsIfd(r.original()), "no GPS");
        assertEquals(1, ExifOrientation.of(r.original(), FileType.JPEG));

        assertEquals(360, r.previewWidth());
        assertEquals(480, r.previewHeight());
        BufferedImage preview = ImageIO.read(new ByteArrayInputStream(r.preview()));
        assertEquals(360, preview.getWidth());
        assertEquals(480, preview.getHeight());
        assertThat("tens of KB", r.preview().length, lessThan(100_000));
        assertThat("the original is lighter than the 1.3 MB upload", r.original().length, lessThan(photo.length));
    }

    @Test
    void theSmallSamplesAreReencoded() throws IOException {
        ImageProcessor.Result png = images.process(Fixtures.bytes("small.png"), FileType.PNG);
        assertEquals(FileType.PNG, png.type());
        assertEquals(64, png.width());
        assertEquals(48, png.height());
        ImageProcessor.Result webp = images.process(Fixtures.bytes("small.webp"), FileType.WEBP);
        assertTrue(webp.type() == FileType.JPEG || webp.type() == FileType.PNG, "WebP is stored as JPEG (or PNG with alpha)");
        assertEquals(80, webp.width());
        assertEquals(60, webp.height());
        assertEquals(80, ImageIO.read(new ByteArrayInputStream(webp.original())).getWidth());
    }

    @Test
    void aGifWithAScriptAfterItsEndLosesTheScript() throws IOException {
        byte[] gif = Fixtures.bytes("gif-with-script.gif");
        assertTrue(contains(gif, "<script>"));
        ImageProcessor.Result r = images.process(gif, FileType.GIF);
        assertEquals(FileType.GIF, r.type());
        assertFalse(contains(r.original(), "<script"));
        assertFalse(contains(r.preview(), "<script"));
        assertTrue(new String(r.original(), 0, 6, StandardCharsets.ISO_8859_1).startsWith("GIF8"));
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(r.original()));
        assertEquals(40, decoded.getWidth());
    }

    @Test
    void truncatedAndDamagedImagesAreRefused() {
        MediaException truncated = assertThrows(MediaException.class, () -> images.process(Fixtures.bytes("truncated.jpg"), FileType.JPEG));
        assertEquals("error.media.broken", truncated.key());
        assertEquals(400, truncated.status());
        byte[] png = Fixtures.bytes("small.png");
        assertThrows(MediaException.class, () -> images.process(Arrays.copyOf(png, png.length / 2), FileType.PNG));
        byte[] gif = Fixtures.bytes("small.gif");
        assertThrows(MediaException.class, () -> images.process(Arrays.copyOf(gif, 30), FileType.GIF));
        assertThrows(MediaException.class, () -> images.process("GIF89a not really".getBytes(StandardCharsets.ISO_8859_1), FileType.GIF));
    }

    @Test
    void tooManyPixelsAreRefusedBeforeDecoding() {
        ImageProcessor small = new ImageProcessor(2560, 480, 1_000_000);
        MediaException e = assertThrows(MediaException.class, () -> small.process(Fixtures.bytes("big-photo.jpg"), FileType.JPEG));
        assertEquals("error.media.tooManyPixels", e.key());
        assertEquals(413, e.status());
    }

    @Test
    void bigImagesAreCappedAndStayUpright() throws IOException {
        ImageProcessor capped = new ImageProcessor(1000, 200, 50_000_000);
        ImageProcessor.Result r = capped.process(Fixtures.bytes("big-photo.jpg"), FileType.JPEG);
        // 2400 × 1800 read every 3rd pixel (2400 / 1000 rounded up), then turned upright.
        assertEquals(600, r.width());
        assertEquals(800, r.height());
        assertThat(Math.max(r.previewWidth(), r.previewHeight()), lessThanOrEqualTo(200));
    }

    @ParameterizedTest
    @CsvSource({"1, 0, 0", "2, 2, 0", "3, 2, 1", "4, 0, 1", "5, 0, 0", "6, 1, 0", "7, 1, 2", "8, 0, 2"})
    void everyExifOrientation(int orientation, int markerX, int markerY) {
        // A 3×2 picture with one red pixel at the top left; after orientation it must be where a viewer expects it.
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xFF0000);
        BufferedImage out = ImageEncoder.orient(img, orientation);
        boolean swapped = orientation >= 5;
        assertEquals(swapped ? 2 : 3, out.getWidth());
        assertEquals(swapped ? 3 : 2, out.getHeight());
        assertEquals(0xFF0000, out.getRGB(markerX, markerY) & 0xFFFFFF);
    }

    /** The EXIF GPSInfo pointer (tag 0x8825, type LONG) in either byte order. */
    static boolean hasGpsIfd(byte[] data) {
        return contains(data, "\u0088\u0025\u0000\u0004") || contains(data, "\u0025\u0088\u0004\u0000");
    }

    static boolean contains(byte[] data, String ascii) {
        byte[] needle = ascii.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
