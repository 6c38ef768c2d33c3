package sohbet.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import sohbet.support.TestDatabase;

/** Reads what the database really holds, straight over JDBC, behind the app's back; and cuts its connections. */
final class StoredMessages {
    record Row(long id, long threadId, String sender, String clientId, String body) {
    }

    private StoredMessages() {
    }

    static String jdbcUrl(TestDatabase db) {
        Map<String, String> env = db.env();
        if (db.kind() == TestDatabase.Kind.SQLITE) {
            return "jdbc:sqlite:" + env.get("SQLITE_PATH");
        }
        return "jdbc:postgresql://127.0.0.1:5432/" + databaseName(db);
    }

    /** The PostgreSQL database's name, for pg_terminate_backend and direct reads. */
    static String databaseName(TestDatabase db) {
        String url = db.env().get("DATABASE_URL");
        return url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
    }

    /** The fault: PostgreSQL ends every connection the app holds to this database, as a failover or an admin would. */
    static void terminateConnections(TestDatabase db) {
        TestDatabase.pgAdmin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + databaseName(db)
                + "' AND pid <> pg_backend_pid()");
    }

    private static Connection connect(TestDatabase db) throws SQLException {
        return db.kind() == TestDatabase.Kind.SQLITE ? DriverManager.getConnection(jdbcUrl(db))
                : DriverManager.getConnection(jdbcUrl(db), "postgres", "");
    }

    /** Every message, in id order. */
    static List<Row> all(TestDatabase db) {
        try (Connection c = connect(db);
             PreparedStatement st = c.prepareStatement("SELECT id, thread_id, sender, client_id, body FROM messages ORDER BY id");
             ResultSet rs = st.executeQuery()) {
            List<Row> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read messages: " + e.getMessage(), e);
        }
    }

    /** The message ids of one thread, in order: what a stream of that thread must end with. */
    static List<Long> ids(List<Row> rows, long threadId) {
        return rows.stream().filter(r -> r.threadId() == threadId).map(Row::id).toList();
    }

    /** The first column of the first row {@code sql} finds for {@code key}, or null. */
    static String query(TestDatabase db, String sql, Object... key) {
        try (Connection c = connect(db); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < key.length; i++) {
                st.setObject(i + 1, key[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
