package sohbet.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sohbet.support.Web.form;

/** {@code backup FILE}: a consistent copy of a live SQLite database; with PostgreSQL, how to use pg_dump. */
class BackupCommandTest {

    @Test
    void copiesTheLiveDatabaseWhileVisitorsWriteAndNamesTheUploadsFolder() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.SQLITE)) {
            AppConfig config = AppConfig.from(db.env());
            try (Sohbet app = new Sohbet(config, Clock.systemUTC(), new Sohbet.Timing(Duration.ofSeconds(2), Duration.ofMillis(200), 16)).start()) {
                Web visitor = new Web(URI.create("http://127.0.0.1:" + app.port()));
                visitor.get("/");
                assertEquals(303, visitor.post("/messages", form("body", "yedeklenecek", "client_id", "b-0")).statusCode());
                // Writes go on during the backup: it must neither fail nor catch a half-written state.
                AtomicBoolean writing = new AtomicBoolean(true);
                AtomicInteger written = new AtomicInteger();
                Thread writer = Thread.ofVirtual().start(() -> {
                    while (writing.get()) {
                        if (visitor.post("/messages", form("body", "arada " + written.get(), "client_id", "w-" + written.get())).statusCode() == 303) {
                            written.incrementAndGet();
                        }
                    }
                });
                Path target = db.folder().resolve("backup.db");
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int code = BackupCommand.run(config, new String[] {"backup", target.toString()}, print(out), print(err));
                writing.set(false);
                writer.join();
                assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
                assertThat(out.toString(StandardCharsets.UTF_8), containsString("copy the folder " + config.media().uploadDir().toAbsolutePath()));

                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + target);
                     Statement s = c.createStatement()) {
                    try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                        rs.next();
                        assertEquals("ok", rs.getString(1));
                    }
                    try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM messages WHERE body = 'yedeklenecek'")) {
                        rs.next();
                        assertEquals(1, rs.getInt(1), "what was stored before the backup is in it");
                    }
                }
                assertTrue(written.get() > 0, "the app kept taking messages during the backup");

                ByteArrayOutputStream again = new ByteArrayOutputStream();
                assertEquals(1, BackupCommand.run(config, new String[] {"backup", target.toString()}, print(new ByteArrayOutputStream()), print(again)));
                assertThat(again.toString(StandardCharsets.UTF_8), containsString("already exists"));
            }
        }
    }

    @Test
    void aGeneratedKeyIsCopiedBesideTheBackupForTheOwnerOnly() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.SQLITE)) {
            Map<String, String> env = new java.util.HashMap<>(db.env());
            env.remove("SECRET_KEY");
            AppConfig config = AppConfig.from(env);
            try (sohbet.store.Database store = sohbet.store.Database.sqlite(config.sqlitePath())) {
                sohbet.store.Migrations.migrate(store);
            }
            Path keyFile = config.sqlitePath().toAbsolutePath().resolveSibling(SecretKey.FILE_NAME);
            String key = SecretKey.fromFile(keyFile);
            Path target = db.folder().resolve("with-key.db");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(0, BackupCommand.run(config, new String[] {"backup", target.toString()}, print(out), print(err)),
                    err.toString(StandardCharsets.UTF_8));
            Path copy = db.folder().resolve("with-key.db.key");
            assertEquals(key, Files.readString(copy).strip(), "the backup's key is the key the cookies were signed with");
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));
            assertThat(out.toString(StandardCharsets.UTF_8), containsString("put it beside the database as secret.key"));
        }
    }

    @Test
    void withPostgresItSaysHowToUsePgDumpAndWritesNothing() throws Exception {
        Path folder = Files.createTempDirectory("sohbet-backup");
        AppConfig config = AppConfig.from(Map.of("DATABASE_URL", "postgresql://u:secret@db.example:5432/app", "APP_ENV", "development"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = BackupCommand.run(config, new String[] {"backup", folder.resolve("x.dump").toString()}, print(out), print(new ByteArrayOutputStream()));
        String said = out.toString(StandardCharsets.UTF_8);
        assertEquals(2, code);
        assertThat(said, containsString("pg_dump --format=custom"));
        assertThat(said, containsString("pg_restore"));
        assertTrue(!said.contains("secret"), "the password is not printed");
        assertTrue(Files.notExists(folder.resolve("x.dump")));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
