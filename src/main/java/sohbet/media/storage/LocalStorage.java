package sohbet.media.storage;

import sohbet.media.FileType;
import sohbet.media.ImageProcessor;
import sohbet.media.MediaRef;
import sohbet.media.MediaStorage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Files under UPLOAD_DIR: {@code images/<name>.<ext>} with {@code images/<name>.p.jpg} (or
 * {@code .p.png}) beside it, and {@code audio/<name>.<ext>}. Names are random and made by the
 * server. Writes go to a temporary file first and are moved into place, so a half-written file is
 * never served. {@code tmp/} holds uploads still arriving.
 */
public final class LocalStorage implements MediaStorage {
    private static final Logger LOG = Logger.getLogger(LocalStorage.class.getName());

    private final Path root;

    public LocalStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root.resolve("images"));
            Files.createDirectories(this.root.resolve("audio"));
            Files.createDirectories(tmpDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create UPLOAD_DIR folders under " + this.root, e);
        }
    }

    public Path root() {
        return root;
    }

    /** Where uploads are spooled while they arrive (also used with Cloudinary). */
    public Path tmpDir() {
        return root.resolve("tmp");
    }

    /** Removes spooled uploads a crash left behind. */
    public void sweepTmp(Duration olderThan) {
        Instant cutoff = Instant.now().minus(olderThan);
        try (Stream<Path> files = Files.list(tmpDir())) {
            files.filter(f -> {
                try {
                    return Files.getLastModifiedTime(f).toInstant().isBefore(cutoff);
                } catch (IOException e) {
                    return false;
                }
            }).forEach(MediaStorage::deleteQuietly);
        } catch (IOException e) {
            LOG.warning(() -> "Cannot sweep " + tmpDir() + ": " + e.getMessage());
        }
    }

    @Override
    public MediaRef storeImage(String name, ImageProcessor.Result image) throws IOException {
        String key = "images/" + name + "." + image.type().extension();
        Path original = resolve(key);
        Path preview = previewPath(original, image.previewType());
        write(preview, image.preview());
        try {
            write(original, image.original());
        } catch (IOException | RuntimeException e) {
            MediaStorage.deleteQuietly(preview);
            throw e;
        }
        return MediaRef.local(key, image.width(), image.height());
    }

    @Override
    public MediaRef storeAudio(String name, FileType type, Path file) throws IOException {
        String key = "audio/" + name + "." + type.extension();
        Path target = resolve(key);
        Path tmp = Files.createTempFile(target.getParent(), ".incoming-", ".part");
        try {
            Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
            move(tmp, target);
        } catch (IOException | RuntimeException e) {
            MediaStorage.deleteQuietly(tmp);
            throw e;
        }
        return MediaRef.local(key, 0, 0);
    }

    @Override
    public Optional<Path> localFile(MediaRef ref, boolean preview) {
        if (ref.backend() != MediaRef.Backend.LOCAL) {
            return Optional.empty();
        }
        Path original = resolve(ref.key());
        if (preview) {
            for (FileType t : new FileType[] {FileType.JPEG, FileType.PNG}) {
                Path p = previewPath(original, t);
                if (Files.isRegularFile(p)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
        return Files.isRegularFile(original) ? Optional.of(original) : Optional.empty();
    }

    @Override
    public Optional<String> originalUrl(MediaRef ref) {
        return Optional.empty();
    }

    @Override
    public Optional<String> previewUrl(MediaRef ref) {
        return Optional.empty();
    }

    @Override
    public InputStream open(MediaRef ref) throws IOException {
        return Files.newInputStream(localFile(ref, false).orElseThrow(() -> new NoSuchFileException(ref.key())));
    }

    @Override
    public void delete(MediaRef ref) throws IOException {
        if (ref.backend() != MediaRef.Backend.LOCAL) {
            return;
        }
        Path original = resolve(ref.key());
        Files.deleteIfExists(original);
        Files.deleteIfExists(previewPath(original, FileType.JPEG));
        Files.deleteIfExists(previewPath(original, FileType.PNG));
    }


    private Path resolve(String key) {
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new IllegalArgumentException("media key outside UPLOAD_DIR: " + key);
        }
        return p;
    }

    private static Path previewPath(Path original, FileType type) {
        String file = original.getFileName().toString();
        int dot = file.lastIndexOf('.');
        String base = dot < 0 ? file : file.substring(0, dot);
        return original.resolveSibling(base + ".p." + type.extension());
    }

    private static void write(Path target, byte[] data) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".incoming-", ".part");
        try {
            Files.write(tmp, data);
            move(tmp, target);
        } catch (IOException | RuntimeException e) {
            MediaStorage.deleteQuietly(tmp);
            throw e;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

}
