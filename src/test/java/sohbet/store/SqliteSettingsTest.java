package sohbet.store;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded database is created on first run with the settings a concurrent server needs. */
class SqliteSettingsTest {
    @Test
    void createsTheFileAndRunsInWalWithABusyTimeoutAndForeignKeys(@TempDir Path dir) {
        Path file = dir.resolve("nested/data/chat.db");
        try (Database db = Database.sqlite(file)) {
            assertEquals(Migrations.migrate(db), Migrations.migrate(db), "migrating twice changes nothing");
            assertTrue(Files.exists(file));
            assertEquals("wal", pragma(db, "journal_mode"));
            assertEquals("5000", pragma(db, "busy_timeout"));
            assertEquals("1", pragma(db, "foreign_keys"));
        }
    }

    private static String pragma(Database db, String name) {
        return db.read().get("PRAGMA " + name).map(r -> Rows.string(r, name.equals("busy_timeout") ? "timeout" : name)).orElseThrow();
    }
}
