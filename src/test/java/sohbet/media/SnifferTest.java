package sohbet.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import sohbet.core.Message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnifferTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
            "big-photo.jpg, JPEG", "truncated.jpg, JPEG", "small.png, PNG", "small.gif, GIF", "gif-with-script.gif, GIF",
            "small.webp, WEBP", "voice.ogg, OGG", "recorder.webm, WEBM", "note.mp3, MP3", "note.m4a, M4A", "short.wav, WAV"})
    void acceptedTypesAreKnownByTheirBytes(String name, FileType expected) {
        assertEquals(Optional.of(expected), Sniffer.sniff(Fixtures.file(dir, name)));
        byte[] b = Fixtures.bytes(name);
        assertEquals(Optional.of(expected.kind()), Sniffer.family(b, Math.min(b.length, Sniffer.HEAD)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.svg", "html-as.png", "html-as.mp3", "archive-as.ogg", "empty.png"})
    void anythingElseIsNoneOfThem(String name) {
        assertEquals(Optional.empty(), Sniffer.sniff(Fixtures.file(dir, name)));
        byte[] b = Fixtures.bytes(name);
        assertEquals(Optional.empty(), Sniffer.family(b, Math.min(b.length, Sniffer.HEAD)));
    }

    @Test
    void aBorrowedFirstLineIsNotEnough() throws Exception {
        // Each starts like an accepted type but is not one.
        assertEquals(Optional.empty(), sniff("OggS\0\2\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1\u0013<script>alert(1)</script>"));
        assertEquals(Optional.empty(), sniff("\u001aE\u00df\u00a3\u0084B\u0082\u0088matroska<html>"));
        assertEquals(Optional.empty(), sniff("ID3\4\0\0\0\0\0\0<html><script>alert(1)</script></html>"));
        assertEquals(Optional.empty(), sniff("\u00ff\u00fb<html>not really an mp3 frame at all, just text"));
        assertEquals(Optional.empty(), sniff("RIFF\0\0\0\0WAVE<script>"));
        assertEquals(Optional.empty(), sniff("\0\0\0\u0018ftypqt  \0\0\0\0<html>"));
        assertEquals(Optional.empty(), sniff("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>"));
        assertEquals(Optional.empty(), sniff("PK\3\4 an archive"));
    }

    @Test
    void mp3WithoutTagNeedsTwoFramesInARow() throws Exception {
        byte[] mp3 = Fixtures.bytes("note.mp3");
        int tag = 10 + ((mp3[6] & 0x7F) << 21 | (mp3[7] & 0x7F) << 14 | (mp3[8] & 0x7F) << 7 | (mp3[9] & 0x7F));
        byte[] untagged = java.util.Arrays.copyOfRange(mp3, tag, mp3.length);
        Path p = dir.resolve("untagged.mp3");
        Files.write(p, untagged);
        assertEquals(Optional.of(FileType.MP3), Sniffer.sniff(p));
        Bytes first = new Bytes(untagged, untagged.length);
        assertTrue(Mpeg.frameLength(first, 0) > 0);
        assertEquals(Optional.of(Message.Kind.AUDIO), Sniffer.family(untagged, Sniffer.HEAD));
    }

    private Optional<FileType> sniff(String latin1) throws Exception {
        Path p = Files.createTempFile(dir, "s", ".bin");
        Files.write(p, latin1.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        return Sniffer.sniff(p);
    }
}
