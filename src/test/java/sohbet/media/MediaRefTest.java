package sohbet.media;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MediaRefTest {
    @Test
    void roundTrips() {
        MediaRef local = MediaRef.local("images/abc.jpg", 1800, 2400);
        assertEquals("local:images/abc.jpg;1800x2400", local.toString());
        assertEquals(Optional.of(local), MediaRef.parse(local.toString()));
        MediaRef audio = MediaRef.local("audio/abc.ogg", 0, 0);
        assertEquals("local:audio/abc.ogg;", audio.toString());
        assertEquals(Optional.of(audio), MediaRef.parse(audio.toString()));
        MediaRef cloud = MediaRef.cloudinary("image", "sohbet/abc", 10, 20, "https://res.cloudinary.com/demo/image/upload/v1/sohbet/abc.jpg");
        assertEquals(Optional.of(cloud), MediaRef.parse(cloud.toString()));
        assertEquals("image", cloud.resourceType());
        assertEquals("sohbet/abc", cloud.publicId());
        assertNull(local.publicId());
    }

    @Test
    void refusesWhatCouldEscapeTheUploadFolder() {
        assertEquals(Optional.empty(), MediaRef.parse("local:../etc/passwd;"));
        assertEquals(Optional.empty(), MediaRef.parse("local:/etc/passwd;"));
        assertEquals(Optional.empty(), MediaRef.parse("local:images\\..\\x;"));
        assertEquals(Optional.empty(), MediaRef.parse("telegram:AgACAgIAAx"));
        assertEquals(Optional.empty(), MediaRef.parse("cloudinary:image/x;;"));
        assertEquals(Optional.empty(), MediaRef.parse(null));
    }
}
