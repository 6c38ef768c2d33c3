package sohbet.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Applies {@code db/migration/<dialect>/V1.sql, V2.sql, ...} in order, each once, each in its own
 * transaction, recording them in {@code schema_version}. A dozen lines of SQL per release do not
 * need a migration framework's start-up cost.
 */
public final class Migrations {
    private static final Logger LOG = Logger.getLogger(Migrations.class.getName());

    private Migrations() {
    }

    public static int migrate(Database db) {
        Dialect dialect = db.dialect();
        try (Connection c = db.rawConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                if (dialect == Dialect.POSTGRESQL) {
                    // Several instances may start at once; only one migrates, the others wait.
                    s.execute("SELECT pg_advisory_xact_lock(7342000)");
                }
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
            }
            int current = currentVersion(c);
            int applied = 0;
            for (int v = current + 1; ; v++) {
                String sql = load(dialect.migrationFolder() + "/V" + v + ".sql");
                if (sql == null) {
                    break;
                }
                try (Statement s = c.createStatement()) {
                    for (String statement : statements(sql)) {
                        s.execute(statement);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")) {
                    ps.setInt(1, v);
                    ps.setLong(2, System.currentTimeMillis());
                    ps.executeUpdate();
                }
                applied++;
                final int version = v;
                LOG.info(() -> "Applied migration V" + version);
            }
            c.commit();
            return current + applied;
        } catch (SQLException e) {
            throw new IllegalStateException("Database migration failed: " + e.getMessage(), e);
        }
    }

    private static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static String load(String resource) {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + resource, e);
        }
    }

    /** Splits on ';' at the end of a line; migration files keep one statement per ';'-terminated block. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String st = current.toString().strip();
                out.add(st.substring(0, st.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
