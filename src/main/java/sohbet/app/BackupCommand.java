package sohbet.app;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import sohbet.store.DatabaseUrl;

/**
 * {@code java -jar sohbet.jar backup FILE}: a consistent copy of the SQLite database, taken while
 * the app keeps running. SQLite's {@code VACUUM INTO} reads the database in one read transaction
 * (WAL lets writers go on meanwhile) and writes a compact copy that opens on its own. With
 * DATABASE_URL it writes nothing and says how to use pg_dump instead. Uploads are files, not rows:
 * it names the folder to copy with the backup. A generated signing key (secret.key beside the
 * database) is copied beside the backup: restored without it, every visitor's chat would end.
 */
final class BackupCommand {
    private BackupCommand() {
    }

    static int run(AppConfig config, String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2 || args[1].isBlank()) {
            err.println("Sohbet: usage: java -jar sohbet.jar backup FILE   (FILE must not exist yet)");
            return 2;
        }
        if (config.databaseUrl().isPresent()) {
            DatabaseUrl url = DatabaseUrl.parse(config.databaseUrl().get(), config.production());
            out.println("DATABASE_URL is set: PostgreSQL makes its own consistent backups while Sohbet runs. Use pg_dump:");
            out.println("  pg_dump --format=custom --file=" + args[1] + " \"$DATABASE_URL\"");
            out.println("and restore into an empty database with:");
            out.println("  pg_restore --no-owner --dbname=\"$NEW_DATABASE_URL\" " + args[1]);
            out.println("(" + url.jdbcUrl().replaceFirst("^jdbc:postgresql://", "").replaceFirst("\\?.*", "") + "; nothing was written.)");
            out.println(uploads(config));
            return 2;
        }
        Path source = config.sqlitePath().toAbsolutePath();
        Path target = Path.of(args[1]).toAbsolutePath();
        if (!Files.isRegularFile(source)) {
            err.println("Sohbet: SQLITE_PATH " + source + " does not exist: nothing to back up (is this the folder Sohbet runs in?)");
            return 1;
        }
        if (Files.exists(target)) {
            err.println("Sohbet: " + target + " already exists; choose a new file name (a backup never overwrites)");
            return 1;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source);
             Statement s = c.createStatement()) {
            // Wait for a writer instead of failing at once, as the app does.
            s.execute("PRAGMA busy_timeout = 10000");
            s.execute("VACUUM INTO '" + target.toString().replace("'", "''") + "'");
        } catch (SQLException e) {
            err.println("Sohbet: backup of " + source + " failed: " + e.getMessage());
            return 1;
        }
        out.println("Backed up " + source + " to " + target + " (" + size(target) + ").");
        if (config.secretKey().isEmpty()) {
            Path key = source.resolveSibling(SecretKey.FILE_NAME);
            if (Files.isRegularFile(key)) {
                Path keyCopy = target.resolveSibling(target.getFileName() + ".key");
                try {
                    // Created owner-only from the start, never readable by others for a moment.
                    Files.createFile(keyCopy, privateFile(keyCopy));
                    Files.write(keyCopy, Files.readAllBytes(key));
                } catch (java.io.IOException e) {
                    err.println("Sohbet: the database is backed up, but its key " + key + " could not be copied: " + e.getMessage()
                            + "; copy it by hand, or a restore ends every visitor's chat");
                    return 1;
                }
                out.println("Its signing key (" + SecretKey.FILE_NAME + ", SECRET_KEY is not set) is copied to " + keyCopy
                        + ": on restore, put it beside the database as " + SecretKey.FILE_NAME + ".");
            }
        }
        out.println(uploads(config));
        return 0;
    }

    /** The key copy is as private as the key: readable by its owner only. */
    private static java.nio.file.attribute.FileAttribute<?>[] privateFile(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new java.nio.file.attribute.FileAttribute<?>[] {java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))}
                : new java.nio.file.attribute.FileAttribute<?>[0];
    }

    private static String uploads(AppConfig config) {
        if (config.media().cloudinary().isPresent()) {
            return "Uploaded photos and audio are on Cloudinary (cloud " + config.media().cloudinary().get().cloudName() + "), not in this backup.";
        }
        return "Uploaded photos and audio are not inside it: copy the folder " + config.media().uploadDir().toAbsolutePath()
                + " (UPLOAD_DIR) along with it.";
    }

    private static String size(Path file) {
        try {
            return (Files.size(file) + 1023) / 1024 + " KB";
        } catch (java.io.IOException e) {
            return "size unknown";
        }
    }
}
