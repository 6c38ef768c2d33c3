package sohbet.store;

import java.sql.SQLException;

import io.helidon.dbclient.DbClientException;

/** Recognises failures that mean "the database cannot be reached right now", as opposed to a bad statement. */
public final class DbFailures {
    private DbFailures() {
    }

    /**
     * The connection broke: the work can be retried on a fresh one. A pool timeout ("Connection is not
     * available") is not retried: the pool is saturated, and waiting again only deepens the queue.
     */
    public static boolean connectionLost(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (String.valueOf(c.getMessage()).contains("Connection is not available")) {
                return false;
            }
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql) {
                String state = sql.getSQLState();
                // 08xxx: connection exceptions; 57P0x: the server is shutting down or terminated us.
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
            }
            if (c instanceof DbClientException && String.valueOf(c.getMessage()).contains("No database connection")) {
                return true;
            }
        }
        return false;
    }

    /** The database is unreachable or too busy to answer in time: the client should hear 503, not 500. */
    public static boolean unavailable(Throwable e) {
        if (connectionLost(e)) {
            return true;
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            String msg = String.valueOf(c.getMessage());
            if (msg.contains("SQLITE_BUSY") || msg.contains("SQLITE_LOCKED") || msg.contains("has been closed")
                    || msg.contains("Connection is not available")) {
                return true;
            }
        }
        return false;
    }
}
