package sohbet.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;

import sohbet.core.Message;

/**
 * Decides a file's type from its bytes alone; the client's file name and Content-Type are never
 * asked. Each accepted type needs more than a leading magic number where that is cheap (an Ogg
 * stream must carry Opus or Vorbis, an MP3 two consecutive valid frame headers, a WebM its DocType),
 * so a script or archive with a borrowed first line is refused. Images are also decoded and
 * re-encoded later, which is the real proof for them.
 */
public final class Sniffer {
    /** Bytes the quick check wants to see before it decides (fewer only when the file is shorter). */
    public static final int HEAD = 64;

    private static final Set<String> MP4_AUDIO_BRANDS = Set.of("M4A ", "M4B ", "mp41", "mp42", "isom", "iso2", "iso4", "iso5",
            "iso6", "3gp4", "3gp5", "3gp6", "3g2a", "dash", "MSNV", "f4a ");
    private static final int MAX_ID3_SCAN = 4096;

    private Sniffer() {
    }

    /**
     * A first look at the leading bytes while the upload is still arriving: image, audio, or neither
     * (then the upload is refused without reading the rest). {@link #sniff} has the last word.
     */
    public static Optional<Message.Kind> family(byte[] head, int len) {
        Bytes b = new Bytes(head, len);
        if (isJpeg(b) || isPng(b) || isGif(b) || b.ascii(0, "RIFF") && b.ascii(8, "WEBP")) {
            return Optional.of(Message.Kind.IMAGE);
        }
        if (b.ascii(0, "OggS") || b.ascii(0, "ID3") || mpegSync(b, 0) || b.ascii(4, "ftyp") || isEbml(b)
                || b.ascii(0, "RIFF") && b.ascii(8, "WAVE")) {
            return Optional.of(Message.Kind.AUDIO);
        }
        return Optional.empty();
    }

    /** The accepted type of a whole file, or empty when its bytes are none of them. */
    public static Optional<FileType> sniff(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return sniff(ch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<FileType> sniff(FileChannel ch) throws IOException {
        long size = ch.size();
        Bytes b = read(ch, 0, 512);
        if (isJpeg(b)) {
            return Optional.of(FileType.JPEG);
        }
        if (isPng(b) && b.ascii(12, "IHDR")) {
            return Optional.of(FileType.PNG);
        }
        if (isGif(b)) {
            return Optional.of(FileType.GIF);
        }
        if (b.ascii(0, "RIFF") && b.ascii(8, "WEBP") && (b.ascii(12, "VP8 ") || b.ascii(12, "VP8L") || b.ascii(12, "VP8X"))) {
            return Optional.of(FileType.WEBP);
        }
        if (b.ascii(0, "RIFF") && b.ascii(8, "WAVE") && b.ascii(12, "fmt ")) {
            return Optional.of(FileType.WAV);
        }
        if (isOggAudio(b)) {
            return Optional.of(FileType.OGG);
        }
        if (isWebm(b)) {
            return Optional.of(FileType.WEBM);
        }
        if (isMp4Audio(b)) {
            return Optional.of(FileType.M4A);
        }
        if (isMp3(ch, b, size)) {
            return Optional.of(FileType.MP3);
        }
        return Optional.empty();
    }

    // ---- images ------------------------------------------------------------------------------

    private static boolean isJpeg(Bytes b) {
        return b.u8(0) == 0xFF && b.u8(1) == 0xD8 && b.u8(2) == 0xFF;
    }

    private static boolean isPng(Bytes b) {
        return b.u8(0) == 0x89 && b.ascii(1, "PNG\r\n\u001a\n");
    }

    private static boolean isGif(Bytes b) {
        return b.ascii(0, "GIF87a") || b.ascii(0, "GIF89a");
    }

    // ---- audio -------------------------------------------------------------------------------

    /** An Ogg page whose first packet is an Opus or Vorbis identification header. */
    private static boolean isOggAudio(Bytes b) {
        if (!b.ascii(0, "OggS") || b.u8(4) != 0 || b.len < 27) {
            return false;
        }
        int segments = b.u8(26);
        int payload = 27 + segments;
        return b.ascii(payload, "OpusHead") || b.u8(payload) == 1 && b.ascii(payload + 1, "vorbis");
    }

    private static boolean isEbml(Bytes b) {
        return b.u8(0) == 0x1A && b.u8(1) == 0x45 && b.u8(2) == 0xDF && b.u8(3) == 0xA3;
    }

    /** An EBML header whose DocType is "webm". */
    private static boolean isWebm(Bytes b) {
        if (!isEbml(b)) {
            return false;
        }
        int[] size = vint(b, 4);
        if (size == null) {
            return false;
        }
        // Positions are longs and every element moves the walk forward by at least its id and size
        // bytes, so a huge declared size ends the walk instead of wrapping an int around.
        long pos = 4L + size[1];
        long end = Math.min(b.len, pos + size[0]);
        while (pos < end) {
            int[] id = vintRaw(b, (int) pos);
            if (id == null) {
                return false;
            }
            pos += id[1];
            int[] len = pos < b.len ? vint(b, (int) pos) : null;
            if (len == null) {
                return false;
            }
            pos += len[1];
            if (id[0] == 0x4282) {
                return len[0] == 4 && b.ascii((int) pos, "webm");
            }
            pos += len[0];
        }
        return false;
    }

    /** An EBML variable-length integer with its marker bit removed: {value, length}. */
    private static int[] vint(Bytes b, int pos) {
        int first = b.u8(pos);
        if (first <= 0) {
            return null;
        }
        int length = Integer.numberOfLeadingZeros(first) - 23;
        if (length > 8 || pos + length > b.len) {
            return null;
        }
        long value = first & (0xFF >> length);
        for (int i = 1; i < length; i++) {
            value = value << 8 | b.u8(pos + i);
        }
        return new int[] {(int) Math.min(value, Integer.MAX_VALUE), length};
    }

    /** An EBML element id, marker bit kept (as ids are written in the spec): {id, length}. */
    private static int[] vintRaw(Bytes b, int pos) {
        int first = b.u8(pos);
        if (first <= 0) {
            return null;
        }
        int length = Integer.numberOfLeadingZeros(first) - 23;
        if (length > 4 || pos + length > b.len) {
            return null;
        }
        int value = first;
        for (int i = 1; i < length; i++) {
            value = value << 8 | b.u8(pos + i);
        }
        return new int[] {value, length};
    }

    private static boolean isMp4Audio(Bytes b) {
        if (!b.ascii(4, "ftyp")) {
            return false;
        }
        long boxSize = b.u32(0);
        return boxSize >= 16 && boxSize <= 4096 && MP4_AUDIO_BRANDS.contains(b.string(8, 4));
    }

    private static boolean isMp3(FileChannel ch, Bytes b, long size) throws IOException {
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
            Bytes after = read(ch, start, MAX_ID3_SCAN);
            int skip = 0;
            while (skip < after.len && after.u8(skip) == 0) {
                skip++;
            }
            start += skip;
        }
        Bytes first = read(ch, start, 4);
        int length = mpegFrameLength(first, 0);
        if (length <= 0) {
            return false;
        }
        if (start + length >= size) {
            // A single frame (a very short clip): accept only after an ID3 tag vouched for it.
            return start > 0 && start + length == size;
        }
        return mpegFrameLength(read(ch, start + length, 4), 0) > 0;
    }

    private static boolean mpegSync(Bytes b, int pos) {
        return b.u8(pos) == 0xFF && (b.u8(pos + 1) & 0xE0) == 0xE0;
    }

    private static final int[][] BITRATES = {
            // MPEG-1 layer I, II, III
            {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
            {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
            // MPEG-2/2.5 layer I, then II and III
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
            {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}};
    private static final int[] SAMPLE_RATES = {44100, 48000, 32000};

    /** The length in bytes of the MPEG audio frame whose header is at {@code pos}, or -1 when it is not one. */
    static int mpegFrameLength(Bytes b, int pos) {
        if (!mpegSync(b, pos)) {
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

    // ---- bytes -------------------------------------------------------------------------------

    private static Bytes read(FileChannel ch, long position, int max) throws IOException {
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

    /** A read-only view of the first {@code len} bytes of an array; reads past the end give -1. */
    record Bytes(byte[] data, int len) {
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
}
