package sohbet.live.cluster;

import sohbet.store.Database;
import sohbet.store.DatabaseUrl;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;
import java.util.stream.Stream;

import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * PostgreSQL LISTEN/NOTIFY as the link between instances that share one database. Payloads are
 * small ids; receivers read the rows. The listener holds its own connection (a pooled one would
 * lose the LISTEN) and reconnects by itself; after a reconnect it says so, because notifications
 * sent meanwhile are gone and receivers must catch up from the database.
 */
public final class PgBus implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PgBus.class.getName());
    static final String CHANNEL = "sohbet";

    /** What the bus hands over. */
    public interface Receiver {
        void received(String payload);

        /** Called on every (re)connection of the listener, before any payload. */
        void connected();
    }

    private final DatabaseUrl url;
    private final Database db;
    private final Receiver receiver;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection current;

    public PgBus(DatabaseUrl url, Database db, Receiver receiver) {
        this.url = url;
        this.db = db;
        this.receiver = receiver;
        this.thread = Thread.ofPlatform().daemon().name("pg-listen").unstarted(this::listen);
    }

    public PgBus start() {
        thread.start();
        return this;
    }

    /** Sends outside any transaction. */
    public void publish(String payload) {
        db.write(tx -> {
            notifyIn(tx, payload);
            return null;
        });
    }

    /** Sends as part of {@code tx}: PostgreSQL delivers it only if, and when, the transaction commits. */
    public static void notifyIn(DbExecute tx, String payload) {
        try (Stream<DbRow> rows = tx.query("SELECT pg_notify(?, ?)", CHANNEL, payload)) {
            rows.forEach(r -> { });
        }
    }

    private void listen() {
        long backoff = 250;
        while (running) {
            try (Connection c = url.connectDirect("sohbet-listen")) {
                current = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                backoff = 250;
                receiver.connected();
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] batch = pg.getNotifications(1000);
                    if (batch != null) {
                        for (PGNotification n : batch) {
                            try {
                                receiver.received(n.getParameter());
                            } catch (RuntimeException e) {
                                LOG.warning(() -> "Could not apply notification '" + n.getParameter() + "': " + e);
                            }
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warning(() -> "Listener connection lost (" + e.getMessage() + "); reconnecting");
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(backoff * 2, 5000);
            }
        }
    }


    @Override
    public void close() {
        running = false;
        Connection c = current;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
