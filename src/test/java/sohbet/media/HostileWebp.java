package sohbet.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 104-byte WebP that once froze the server: the small sample, then a {@code JUNK} chunk whose
 * size field is 0xFFFFFFF8. Read as a signed int that size is -8, so "skip 8 + size bytes" skipped
 * nothing and the chunk walk stood still on the same chunk forever.
 */
final class HostileWebp {
    private HostileWebp() {
    }

    static byte[] bytes() {
        byte[] sample = Fixtures.bytes("small.webp");
        ByteBuffer b = ByteBuffer.allocate(sample.length + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put(sample);
        b.put("JUNK".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.putInt(0xFFFFFFF8);
        b.putLong(0);
        byte[] out = b.array();
        // The RIFF size covers everything after its own 8 bytes, so the file stays well-formed.
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(4, out.length - 8);
        return out;
    }
}
