package sohbet.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Seeded damage to a valid file: flipped bits, truncation, inserted and repeated bytes, and above
 * all size and offset fields overwritten with the values that break naive parsers (0, -1, 2^31,
 * 2^32-8 …), in both byte orders, plus appended chunks and segments that claim such sizes. The same
 * seed always gives the same inputs, so a failure names the seed and can be replayed.
 */
final class Mutator {
    static final int[] EXTREMES = {0, 1, 2, 7, 8, 0x7F, 0x80, 0xFF, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFFFFF8,
            0xFFFFFFF7, 0xFFFFFFF4, 0xFFFFFFF0, 0xFFFFFFFE};
    private static final String[] TAGS = {"JUNK", "EXIF", "VP8 ", "VP8X", "eXIf", "IEND", "IHDR", "ftyp", "moov", "OggS", "fmt ", "data"};

    private final Random random;

    Mutator(long seed) {
        this.random = new Random(seed);
    }

    byte[] mutate(byte[] original) {
        byte[] d = original.clone();
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            d = once(d);
        }
        return d;
    }

    private byte[] once(byte[] d) {
        if (d.length == 0) {
            return appendChunk(d);
        }
        return switch (random.nextInt(8)) {
            case 0 -> flipBits(d);
            case 1 -> overwrite(d, 4);
            case 2 -> overwrite(d, 2);
            case 3 -> Arrays.copyOf(d, random.nextInt(d.length));
            case 4 -> insert(d);
            case 5 -> repeat(d);
            case 6 -> appendChunk(d);
            default -> overwrite(d, random.nextBoolean() ? 1 : 4);
        };
    }

    private byte[] flipBits(byte[] d) {
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            d[random.nextInt(d.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return d;
    }

    /** An extreme value over {@code width} bytes at a random place, big- or little-endian. */
    private byte[] overwrite(byte[] d, int width) {
        if (d.length < width) {
            return d;
        }
        int at = random.nextInt(d.length - width + 1);
        int v = EXTREMES[random.nextInt(EXTREMES.length)];
        boolean little = random.nextBoolean();
        for (int i = 0; i < width; i++) {
            int shift = 8 * (little ? i : width - 1 - i);
            d[at + i] = (byte) (v >>> shift);
        }
        return d;
    }

    private byte[] insert(byte[] d) {
        int at = random.nextInt(d.length + 1);
        byte[] junk = new byte[1 + random.nextInt(16)];
        random.nextBytes(junk);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(d, 0, at);
        out.writeBytes(junk);
        out.write(d, at, d.length - at);
        return out.toByteArray();
    }

    private byte[] repeat(byte[] d) {
        int from = random.nextInt(d.length);
        int len = 1 + random.nextInt(Math.min(64, d.length - from));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(d);
        out.write(d, from, len);
        return out.toByteArray();
    }

    /** A chunk (RIFF, PNG, ISOBMFF style) or a JPEG segment whose size field is extreme. */
    private byte[] appendChunk(byte[] d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(d);
        int v = EXTREMES[random.nextInt(EXTREMES.length)];
        if (random.nextInt(4) == 0) {
            out.write(0xFF);
            out.write(0xE0 + random.nextInt(16));
            out.write(v >>> 8);
            out.write(v);
        } else {
            boolean little = random.nextBoolean();
            byte[] tag = TAGS[random.nextInt(TAGS.length)].getBytes(StandardCharsets.US_ASCII);
            byte[] size = little
                    ? new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)}
                    : new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
            if (little) {
                out.writeBytes(tag);
                out.writeBytes(size);
            } else {
                out.writeBytes(size);
                out.writeBytes(tag);
            }
        }
        byte[] tail = new byte[random.nextInt(24)];
        random.nextBytes(tail);
        out.writeBytes(tail);
        return out.toByteArray();
    }
}
