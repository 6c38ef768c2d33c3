package sohbet.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh, empty database for one test class: a SQLite file in a temp folder, or a new database
 * in the PostgreSQL running on 127.0.0.1:5432. PostgreSQL being down fails the test: it never skips.
 */
public final class TestDatabase implements AutoCloseable {
    public enum Kind { SQLITE, POSTGRESQL }

    private static final String PG_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private final Kind kind;
    private final Path folder;
    private final String pgName;

    private TestDatabase(Kind kind, Path folder, String pgName) {
        this.kind = kind;
        this.folder = folder;
        this.pgName = pgName;
    }

    public static TestDatabase create(Kind kind) {
        try {
            Path folder = Files.createTempDirectory("sohbet-test");
            if (kind == Kind.SQLITE) {
                return new TestDatabase(kind, folder, null);
            }
            String name = "sohbet_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            pgAdmin("CREATE DATABASE " + name);
            return new TestDatabase(kind, folder, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Kind kind() {
        return kind;
    }

    public Path folder() {
        return folder;
    }

    /** Environment for {@code AppConfig.from}: this database, a free port, development mode, test secrets. */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("SECRET_KEY", "test-secret-key-0123456789");
        env.put("ADMIN_USERNAME", "admin");
        env.put("ADMIN_PASSWORD", "test-password");
        env.put("APP_ENV", "test");
        env.put("ADMIN_OTP", "off");
        // The automatic away reply would add a message to every conversation; AwayModeTest turns it on.
        env.put("AWAY_REPLY", "off");
        // Suites open many chats and post quickly from 127.0.0.1; RateLimitTest checks the real limits.
        env.put("LIMIT_MESSAGES_PER_MINUTE", "100000");
        env.put("LIMIT_NEW_THREADS_PER_HOUR", "100000");
        env.put("UPLOAD_DIR", folder.resolve("uploads").toString());
        if (kind == Kind.SQLITE) {
            env.put("SQLITE_PATH", folder.resolve("chat.db").toString());
        } else {
            env.put("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/" + pgName + "?sslmode=disable");
        }
        return env;
    }

    /** Runs SQL against the PostgreSQL admin database (to create, drop or break things). */
    public static void pgAdmin(String sql) {
        try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 is required for this test (bash .ci/run starts it): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (pgName != null) {
            pgAdmin("DROP DATABASE IF EXISTS " + pgName + " WITH (FORCE)");
        }
    }
}
