package sohbet.media;

import java.io.IOException;
import java.nio.channels.FileChannel;

/** MP3 by its frames: an optional ID3 tag, then frame headers that must chain, so one lucky sync word is not enough. */
final class Mpeg {
    private static final int MAX_ID3_SCAN = 4096;
    private static final int[][] BITRATES = {
            // MPEG-1 layer I, II, III
            {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
            {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
            // MPEG-2/2.5 layer I, then II and III
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
            {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}};
    private static final int[] SAMPLE_RATES = {44100, 48000, 32000};

    private Mpeg() {
    }

    static boolean isMp3(FileChannel ch, Bytes b, long size) throws IOException {
        long start = 0;
        if (b.ascii(0, "ID3")) {
            int version = b.u8(3);
            if (version < 2 || version > 4 || b.u8(4) == 0xFF) {
                return false;
            }
            long tagSize = 0;
            for (int i = 6; i < 10; i++) {
                int v = b.u8(i);
                if (v < 0 || v >= 0x80) {
                    return false;
                }
                tagSize = tagSize << 7 | v;
            }
            start = 10 + tagSize + ((b.u8(5) & 0x10) != 0 ? 10 : 0);
            // Encoders may pad between the tag and the first frame.
            Bytes after = Bytes.read(ch, start, MAX_ID3_SCAN);
            int skip = 0;
            while (skip < after.len() && after.u8(skip) == 0) {
                skip++;
            }
            start += skip;
        }
        Bytes first = Bytes.read(ch, start, 4);
        int length = frameLength(first, 0);
        if (length <= 0) {
            return false;
        }
        if (start + length >= size) {
            // A single frame (a very short clip): accept only after an ID3 tag vouched for it.
            return start > 0 && start + length == size;
        }
        return frameLength(Bytes.read(ch, start + length, 4), 0) > 0;
    }

    static boolean sync(Bytes b, int pos) {
        return b.u8(pos) == 0xFF && (b.u8(pos + 1) & 0xE0) == 0xE0;
    }

    /** The length in bytes of the MPEG audio frame whose header is at {@code pos}, or -1 when it is not one. */
    static int frameLength(Bytes b, int pos) {
        if (!sync(b, pos)) {
            return -1;
        }
        int h1 = b.u8(pos + 1);
        int h2 = b.u8(pos + 2);
        int version = (h1 >> 3) & 3; // 0: 2.5, 1: reserved, 2: 2, 3: 1
        int layer = (h1 >> 1) & 3;   // 1: III, 2: II, 3: I
        int bitrateIndex = (h2 >> 4) & 0xF;
        int rateIndex = (h2 >> 2) & 3;
        int padding = (h2 >> 1) & 1;
        if (version == 1 || layer == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
            return -1;
        }
        boolean mpeg1 = version == 3;
        int table = mpeg1 ? 3 - layer : (layer == 3 ? 3 : 4);
        int bitrate = BITRATES[table][bitrateIndex] * 1000;
        int sampleRate = SAMPLE_RATES[rateIndex] >> (mpeg1 ? 0 : version == 2 ? 1 : 2);
        if (layer == 3) {
            return (12 * bitrate / sampleRate + padding) * 4;
        }
        int coefficient = layer == 1 && !mpeg1 ? 72 : 144;
        return coefficient * bitrate / sampleRate + padding;
    }
}
