package sohbet.live.cluster;

import sohbet.store.DatabaseUrl;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Elects one instance among those sharing a PostgreSQL for work that must run once (the Telegram
 * poller: Telegram answers 409 when two poll). Leadership is a session advisory lock held on a
 * dedicated connection: it ends when that connection does, so a dead leader frees it at once and
 * another instance takes over on its next try. A leader that loses its connection stops first.
 */
public final class PgLeader implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PgLeader.class.getName());
    private static final long LOCK_KEY = 7342002;

    /** What the leader runs. */
    public interface Duty {
        void start();

        void stop();
    }

    private final DatabaseUrl url;
    private final Duty duty;
    private final Duration every;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean leading;
    private volatile Connection current;

    public PgLeader(DatabaseUrl url, Duty duty, Duration every) {
        this.url = url;
        this.duty = duty;
        this.every = every;
        this.thread = Thread.ofPlatform().daemon().name("pg-leader").unstarted(this::run);
    }

    public PgLeader start() {
        thread.start();
        return this;
    }

    public boolean leading() {
        return leading;
    }

    private void run() {
        while (running) {
            try (Connection c = url.connectDirect("sohbet-leader")) {
                current = c;
                if (!lead(c)) {
                    return;
                }
            } catch (SQLException | RuntimeException e) {
                if (leading) {
                    LOG.warning(() -> "Lost the leader connection (" + e.getMessage() + "); stopping the bot here");
                }
                resign();
                pause();
            }
        }
    }

    /**
     * Holds or seeks the lock on {@code c} until the connection fails (an exception) or the leader is
     * closed (returns false, after stopping the duty while the lock is still held, so no other
     * instance starts before this one has finished its last send).
     */
    private boolean lead(Connection c) throws SQLException {
        try {
            while (running) {
                if (!leading) {
                    if (tryLock(c)) {
                        leading = true;
                        LOG.info("This instance now runs the Telegram bot (advisory lock taken)");
                        duty.start();
                    }
                } else {
                    // Keep the session (and with it the lock) alive, and notice at once when it is gone.
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT 1");
                    }
                }
                Thread.sleep(every.toMillis());
            }
        } catch (InterruptedException e) {
            // Closing. Clear the interrupt so the duty's stop can wait for a send in flight.
            Thread.interrupted();
        }
        resign();
        return false;
    }

    private synchronized void resign() {
        if (leading) {
            leading = false;
            duty.stop();
        }
    }

    private void pause() {
        try {
            Thread.sleep(every.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
            return rs.next() && rs.getBoolean(1);
        }
    }


    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        resign();
        Connection c = current;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
