package sohbet.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
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
        if (b.ascii(0, "OggS") || b.ascii(0, "ID3") || Mpeg.sync(b, 0) || b.ascii(4, "ftyp") || Ebml.isEbml(b)
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
        Bytes b = Bytes.read(ch, 0, 512);
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
        if (Ebml.isWebm(b)) {
            return Optional.of(FileType.WEBM);
        }
        if (isMp4Audio(b)) {
            return Optional.of(FileType.M4A);
        }
        if (Mpeg.isMp3(ch, b, size)) {
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
        if (!b.ascii(0, "OggS") || b.u8(4) != 0 || b.len() < 27) {
            return false;
        }
        int segments = b.u8(26);
        int payload = 27 + segments;
        return b.ascii(payload, "OpusHead") || b.u8(payload) == 1 && b.ascii(payload + 1, "vorbis");
    }

    private static boolean isMp4Audio(Bytes b) {
        if (!b.ascii(4, "ftyp")) {
            return false;
        }
        long boxSize = b.u32(0);
        return boxSize >= 16 && boxSize <= 4096 && MP4_AUDIO_BRANDS.contains(b.string(8, 4));
    }
}
