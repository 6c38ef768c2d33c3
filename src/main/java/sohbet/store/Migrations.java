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
 * transaction, recording them in {@code schema_version}. Why not Flyway: docs/decisions.md,
 * "Migrations by a small runner".
 */
public final class Migrations {
    private static final Logger LOG = Logger.getLogger(Migrations.class.getName());

    private Migrations() {
    }

    public static int migrate(Database db) {
        Dialect dialect = db.dialect();
        try (Connection c = db.rawConnection()) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
            }
            c.setAutoCommit(false);
            int version = 0;
            for (int v = 1; ; v++) {
                String sql = load(dialect.migrationFolder() + "/V" + v + ".sql");
                if (sql == null) {
                    break;
                }
                applyOnce(c, dialect, v, sql);
                version = v;
            }
            return version;
        } catch (SQLException e) {
            throw new IllegalStateException("Database migration failed: " + e.getMessage(), e);
        }
    }

    /**
     * One migration in its own transaction: a failure leaves every earlier one applied and this one
     * not at all. Several instances may start at once; on PostgreSQL one migrates, the others wait
     * for the lock and then find the version recorded.
     */
    private static void applyOnce(Connection c, Dialect dialect, int v, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (dialect == Dialect.POSTGRESQL) {
                s.execute("SELECT pg_advisory_xact_lock(7342000)");
            }
            if (currentVersion(c) >= v) {
                c.commit();
                return;
            }
            for (String statement : statements(sql)) {
                s.execute(statement);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")) {
                ps.setInt(1, v);
                ps.setLong(2, System.currentTimeMillis());
                ps.executeUpdate();
            }
            c.commit();
            LOG.info(() -> "Applied migration V" + v);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
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

    /**
     * Splits a migration into statements on the semicolons that end them: not those inside quotes,
     * comments, PostgreSQL dollar-quoted bodies ({@code $$ ... $$}, {@code $fn$ ... $fn$}) or a
     * trigger's {@code BEGIN ... END}.
     */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = sql.length();
        int depth = 0; // BEGIN ... END nesting inside CREATE TRIGGER
        while (i < n) {
            char ch = sql.charAt(i);
            if (ch == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol;
                continue;
            }
            if (ch == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
                continue;
            }
            if (ch == '\'' || ch == '"') {
                int close = i + 1;
                while (close < n) {
                    if (sql.charAt(close) == ch) {
                        if (close + 1 < n && sql.charAt(close + 1) == ch) {
                            close += 2; // a doubled quote is one quote character
                            continue;
                        }
                        break;
                    }
                    close++;
                }
                current.append(sql, i, Math.min(n, close + 1));
                i = close + 1;
                continue;
            }
            if (ch == '$') {
                int tagEnd = i + 1;
                while (tagEnd < n && (Character.isLetterOrDigit(sql.charAt(tagEnd)) || sql.charAt(tagEnd) == '_')) {
                    tagEnd++;
                }
                if (tagEnd < n && sql.charAt(tagEnd) == '$') {
                    String tag = sql.substring(i, tagEnd + 1);
                    int close = sql.indexOf(tag, tagEnd + 1);
                    int stop = close < 0 ? n : close + tag.length();
                    current.append(sql, i, stop);
                    i = stop;
                    continue;
                }
            }
            if (Character.isLetter(ch) && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))) {
                int w = i;
                while (w < n && (Character.isLetterOrDigit(sql.charAt(w)) || sql.charAt(w) == '_')) {
                    w++;
                }
                String word = sql.substring(i, w).toUpperCase(java.util.Locale.ROOT);
                boolean inTrigger = current.toString().strip().toUpperCase(java.util.Locale.ROOT).matches("(?s)CREATE\\s+(TEMP\\s+|TEMPORARY\\s+)?TRIGGER\\b.*");
                if (inTrigger && (word.equals("BEGIN") || word.equals("CASE"))) {
                    depth++;
                } else if (inTrigger && word.equals("END") && depth > 0) {
                    depth--;
                }
                current.append(sql, i, w);
                i = w;
                continue;
            }
            if (ch == ';' && depth == 0) {
                String st = current.toString().strip();
                if (!st.isEmpty()) {
                    out.add(st);
                }
                current.setLength(0);
                i++;
                continue;
            }
            current.append(ch);
            i++;
        }
        String last = current.toString().strip();
        if (!last.isEmpty()) {
            out.add(last);
        }
        return out;
    }
}
