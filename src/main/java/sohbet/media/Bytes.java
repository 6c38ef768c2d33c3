package sohbet.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/** A read-only view of the first {@code len} bytes of an array; reads past the end give -1, so no walk can step outside. */
record Bytes(byte[] data, int len) {

    /** Up to {@code max} bytes of a file from {@code position} (fewer where the file ends). */
    static Bytes read(FileChannel ch, long position, int max) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(max);
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n <= 0) {
                break;
            }
            pos += n;
        }
        return new Bytes(buf.array(), buf.position());
    }

    int u8(int i) {
        return i >= 0 && i < len ? data[i] & 0xFF : -1;
    }

    long u32(int i) {
        if (i < 0 || i + 4 > len) {
            return -1;
        }
        return (long) u8(i) << 24 | u8(i + 1) << 16 | u8(i + 2) << 8 | u8(i + 3);
    }

    boolean ascii(int at, String s) {
        if (at < 0 || at + s.length() > len) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if ((data[at + i] & 0xFF) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    String string(int at, int n) {
        if (at < 0 || at + n > len) {
            return "";
        }
        return new String(data, at, n, StandardCharsets.ISO_8859_1);
    }
}
