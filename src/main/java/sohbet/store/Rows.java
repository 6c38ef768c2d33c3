package sohbet.store;

import java.time.Instant;

import io.helidon.dbclient.DbRow;

/** Column readers that work on both drivers (SQLite hands back Integer where PostgreSQL gives Long). */
final class Rows {
    private Rows() {
    }

    static long longOf(DbRow row, String column) {
        return ((Number) raw(row, column)).longValue();
    }

    /** The column's value, or null for SQL NULL (DbColumn.get() throws on NULL). */
    private static Object raw(DbRow row, String column) {
        return row.column(column).asOptional().orElse(null);
    }

    static Long nullableLong(DbRow row, String column) {
        Object v = raw(row, column);
        return v == null ? null : ((Number) v).longValue();
    }

    static int intOf(DbRow row, String column) {
        return ((Number) raw(row, column)).intValue();
    }

    static String string(DbRow row, String column) {
        Object v = raw(row, column);
        return v == null ? null : v.toString();
    }

    static Instant instant(DbRow row, String column) {
        return Instant.ofEpochMilli(longOf(row, column));
    }
}
