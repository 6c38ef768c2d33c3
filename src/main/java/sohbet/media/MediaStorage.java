package sohbet.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where uploaded files live: the local disk ({@link LocalStorage}) or Cloudinary
 * ({@link CloudinaryStorage}). Files are written before the message that refers to them is
 * committed; a message that is then not stored (a repeated client id, a database error) has its
 * files deleted again.
 */
public interface MediaStorage {

    /** Keeps a processed image; {@code name} is a server-made random name (no extension). */
    MediaRef storeImage(String name, ImageProcessor.Result image) throws IOException;

    /** Keeps an audio file as uploaded (its type already checked by its bytes). */
    MediaRef storeAudio(String name, FileType type, Path file) throws IOException;

    /** A local file to serve, original or preview; empty when the reference is not this storage's or the file is gone. */
    Optional<Path> localFile(MediaRef ref, boolean preview);

    /** The address pages use for the original when it is not served by this server; empty for local files. */
    Optional<String> originalUrl(MediaRef ref);

    /** The address of a small preview when it is not served by this server; empty for local files. */
    Optional<String> previewUrl(MediaRef ref);

    /** Reads a stored original (for the Telegram bridge: sending a photo or voice note). */
    InputStream open(MediaRef ref) throws IOException;

    /** Removes a stored original and its preview; a reference already gone is not an error. */
    void delete(MediaRef ref) throws IOException;

    /** Hosts pages must allow in their CSP img-src/media-src for this storage; none for local files. */
    default java.util.List<String> contentHosts() {
        return java.util.List.of();
    }

    /** Removes a file if it is there; a file that cannot be removed is left for the next sweep. */
    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            java.util.logging.Logger.getLogger(MediaStorage.class.getName()).warning(() -> "Cannot delete " + p + ": " + e.getMessage());
        }
    }
}
