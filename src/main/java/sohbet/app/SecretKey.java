package sohbet.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.logging.Logger;

import sohbet.store.Database;
import sohbet.store.Dialect;
import sohbet.store.SettingStore;

/**
 * The key that signs cookies and tokens. A set SECRET_KEY always wins. Without one, a random
 * 32-byte key is made on the first start and kept next to the data, so it survives restarts and
 * nobody else knows it: in a file readable only by its owner beside the SQLite database, or in the
 * PostgreSQL database itself, where every instance reads the same one.
 */
final class SecretKey {
    private static final Logger LOG = Logger.getLogger(SecretKey.class.getName());
    static final String SETTING = "secret_key";
    static final String FILE_NAME = "secret.key";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SecretKey() {
    }

    static String resolve(AppConfig config, Database db) {
        if (config.secretKey().isPresent()) {
            return config.secretKey().get();
        }
        if (db.dialect() == Dialect.POSTGRESQL) {
            SettingStore settings = new SettingStore(db);
            String mine = random();
            String key = settings.get(SETTING).orElseGet(() -> settings.putIfAbsent(SETTING, mine));
            LOG.info((key.equals(mine) ? "SECRET_KEY is not set: generated a key" : "SECRET_KEY is not set: using the generated key")
                    + " kept in the database (table app_settings), shared by every instance");
            return key;
        }
        return fromFile(config.sqlitePath().toAbsolutePath().resolveSibling(FILE_NAME));
    }

    /** The key in {@code file}, made first if missing; the file is only ever created whole, never rewritten. */
    static String fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Path tmp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp", ownerOnly(file));
                try {
                    Files.writeString(tmp, random(), StandardCharsets.US_ASCII);
                    Files.move(tmp, file);
                    LOG.info("SECRET_KEY is not set: generated a key, kept in " + file + " (readable by its owner only)");
                } catch (FileAlreadyExistsException raced) {
                    // Another process made it first: use that one.
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } else {
                LOG.info("SECRET_KEY is not set: using the generated key kept in " + file);
            }
            String key = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (key.length() < 16) {
                throw new AppConfig.ConfigException("The key file " + file + " is damaged (too short); delete it to have a new key made "
                        + "(visitors then start new chats), or set SECRET_KEY");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the generated key in " + file + ": " + e.getMessage(), e);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    private static String random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }
}
