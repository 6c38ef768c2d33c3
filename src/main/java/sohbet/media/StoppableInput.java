package sohbet.media;

import java.io.IOException;
import java.util.function.BooleanSupplier;

import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An uploaded file held in memory, read by an image decoder; once {@code stop} says so, every read
 * fails. A decoder that keeps reading after its deadline passed is thereby thrown out of its loop,
 * seeking backwards included (the bytes are never cached elsewhere).
 */
final class StoppableInput extends ImageInputStreamImpl {
    private final byte[] data;
    private final BooleanSupplier stop;

    StoppableInput(byte[] data, BooleanSupplier stop) {
        this.data = data;
        this.stop = stop;
    }

    @Override
    public int read() throws IOException {
        check();
        bitOffset = 0;
        if (streamPos >= data.length) {
            return -1;
        }
        return data[(int) streamPos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        check();
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        if (streamPos >= data.length) {
            return -1;
        }
        int n = (int) Math.min(len, data.length - streamPos);
        System.arraycopy(data, (int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return data.length;
    }

    private void check() throws IOException {
        checkClosed();
        if (stop.getAsBoolean()) {
            throw new IOException("image decoding abandoned");
        }
    }
}
