package sohbet.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ExifOrientationTest {
    private static final Duration BOUND = Duration.ofSeconds(5);

    @Test
    void theHostile104ByteWebpIsReadToItsEndInsteadOfForever() {
        byte[] webp = HostileWebp.bytes();
        assertEquals(104, webp.length);
        assertEquals(1, (int) assertTimeoutPreemptively(BOUND, () -> ExifOrientation.of(webp, FileType.WEBP)));
    }

    @Test
    void theHostileWebpIsStoredLikeAnyOtherPhotoAndFreesItsPermit() {
        ImageProcessor images = ImageProcessor.standard();
        byte[] webp = HostileWebp.bytes();
        // More uploads than there are decode permits: each one must end and give its permit back.
        for (int i = 0; i < 3; i++) {
            ImageProcessor.Result r = assertTimeoutPreemptively(BOUND, () -> images.process(webp, FileType.WEBP));
            assertEquals(80, r.width());
        }
    }

    @Test
    void anExifChunkAfterTheJunkIsStillFound() {
        // A well-formed JUNK chunk with an odd size (padded by one byte), then an EXIF chunk saying "rotate 90°".
        byte[] sample = Fixtures.bytes("small.webp");
        byte[] tiff = tiffWithOrientation(6);
        ByteBuffer b = ByteBuffer.allocate(sample.length + 8 + 4 + 8 + tiff.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(sample).put(ascii("JUNK")).putInt(3).put(new byte[] {1, 2, 3, 0});
        b.put(ascii("EXIF")).putInt(tiff.length).put(tiff);
        assertEquals(6, ExifOrientation.of(b.array(), FileType.WEBP));
    }

    @Test
    void sizesThatPointBackwardsOrPastTheEndEndTheWalk() {
        byte[] tiff = tiffWithOrientation(8);
        for (int size : new int[] {0xFFFFFFF8, 0xFFFFFFF7, 0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, -20}) {
            ByteBuffer b = ByteBuffer.allocate(12 + 8 + 8 + tiff.length).order(ByteOrder.LITTLE_ENDIAN);
            b.put(ascii("RIFF")).putInt(b.capacity() - 8).put(ascii("WEBP"));
            b.put(ascii("JUNK")).putInt(size).put(new byte[8]);
            b.put(tiff);
            assertEquals(1, (int) assertTimeoutPreemptively(BOUND, () -> ExifOrientation.of(b.array(), FileType.WEBP)), "size " + size);
        }
        // A JPEG segment whose length is 0 or 1 (it counts its own two bytes) and a PNG chunk of 2^32-12 bytes.
        for (int len : new int[] {0, 1}) {
            byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, (byte) len, (byte) 0xFF, (byte) 0xE0, 0, (byte) len};
            assertEquals(1, (int) assertTimeoutPreemptively(BOUND, () -> ExifOrientation.of(jpeg, FileType.JPEG)));
        }
        ByteBuffer png = ByteBuffer.allocate(8 + 12 + 12).order(ByteOrder.BIG_ENDIAN);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        png.putInt(0xFFFFFFF4).put(ascii("tEXt")).putInt(0).putInt(0).put(ascii("IEND")).putInt(0);
        assertEquals(1, (int) assertTimeoutPreemptively(BOUND, () -> ExifOrientation.of(png.array(), FileType.PNG)));
    }

    @Test
    void anIfdThatClaimsMoreEntriesThanItHoldsIsReadOnlyAsFarAsItGoes() {
        byte[] tiff = tiffWithOrientation(3);
        // Entry count 0xFFFF, but only one entry is there.
        tiff[8] = (byte) 0xFF;
        tiff[9] = (byte) 0xFF;
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + tiff.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(b.capacity() - 8).put(ascii("WEBP")).put(ascii("EXIF")).putInt(tiff.length).put(tiff);
        assertEquals(3, ExifOrientation.of(b.array(), FileType.WEBP));
        // An IFD offset of 2^32-1 points nowhere.
        ByteBuffer.wrap(b.array()).order(ByteOrder.LITTLE_ENDIAN).putInt(20 + 4, 0xFFFFFFFF);
        assertEquals(1, ExifOrientation.of(b.array(), FileType.WEBP));
    }

    /** A little-endian TIFF header with one IFD holding only the Orientation tag. */
    static byte[] tiffWithOrientation(int orientation) {
        ByteBuffer t = ByteBuffer.allocate(8 + 2 + 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
        t.put(ascii("II")).putShort((short) 42).putInt(8);
        t.putShort((short) 1);
        t.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        t.putInt(0);
        return t.array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
