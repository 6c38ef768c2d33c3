package sohbet.store;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.logging.Logger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbTransaction;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import sohbet.core.Transactions;

/** The one DbClient of the process, its pool, and the rules for writing through it. */
public final class Database implements Transactions, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    private static final int WRITE_ATTEMPTS = 4;

    private final DbClient client;
    private final HikariPool pool;
    private final Dialect dialect;
    // SQLite allows one writer; queuing writers here avoids SQLITE_BUSY on lock upgrades.
    private final ReentrantLock sqliteWriteLock = new ReentrantLock(true);

    private final String instanceId = java.util.UUID.randomUUID().toString().substring(0, 8);
    private DatabaseUrl url;

    private Database(HikariPool pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
        this.client = JdbcClientBuilder.create().connectionPool(pool).build();
    }

    public static Database sqlite(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the folder for SQLITE_PATH " + file + ": " + e.getMessage(), e);
        }
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("sohbet-sqlite");
        hc.setJdbcUrl("jdbc:sqlite:" + file.toAbsolutePath());
        hc.addDataSourceProperty("journal_mode", "WAL");
        hc.addDataSourceProperty("busy_timeout", "5000");
        hc.addDataSourceProperty("foreign_keys", "true");
        hc.addDataSourceProperty("synchronous", "NORMAL");
        hc.setMaximumPoolSize(4);
        hc.setMinimumIdle(1);
        hc.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
        return open(hc, Dialect.SQLITE);
    }

    public static Database postgres(DatabaseUrl url, int poolSize) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("sohbet-pg");
        hc.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) {
            hc.setUsername(url.user());
        }
        if (url.password() != null) {
            hc.setPassword(url.password());
        }
        hc.setMaximumPoolSize(poolSize);
        hc.setMinimumIdle(1);
        hc.setConnectionTimeout(Duration.ofSeconds(3).toMillis());
        hc.setValidationTimeout(Duration.ofSeconds(2).toMillis());
        hc.setKeepaliveTime(Duration.ofSeconds(60).toMillis());
        hc.setMaxLifetime(Duration.ofMinutes(30).toMillis());
        // Start even when the database is down for a moment; requests answer 503 until it is back.
        hc.setInitializationFailTimeout(-1);
        hc.addDataSourceProperty("tcpKeepAlive", "true");
        hc.addDataSourceProperty("ApplicationName", "sohbet");
        Database db = open(hc, Dialect.POSTGRESQL);
        db.url = url;
        return db;
    }

    private static Database open(HikariConfig hc, Dialect dialect) {
        HikariDataSource ds = new HikariDataSource(hc);
        Database db = new Database(new HikariPool(ds, dialect.name().toLowerCase()), dialect);
        LOG.info(() -> "Database: " + dialect.name().toLowerCase() + " (" + hc.getJdbcUrl().replaceAll("\\?.*", "") + ")");
        return db;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** This process's name among instances sharing the database. */
    public String instanceId() {
        return instanceId;
    }

    /** The PostgreSQL address, for connections outside the pool (the LISTEN connection); null on SQLite. */
    public DatabaseUrl postgresUrl() {
        return url;
    }

    /** For reads; each statement runs on its own pooled connection. */
    @Override
    public boolean unavailable(Throwable failure) {
        return DbFailures.unavailable(failure);
    }

    @Override
    public DbExecute read() {
        return client.execute();
    }

    /**
     * Runs {@code work} in one transaction and commits; any exception rolls back and is rethrown.
     * A connection that broke (a database restart, a killed backend) is retried on a fresh one: the
     * pool evicts the broken one, and every write here is idempotent (messages by client id), so a
     * commit whose answer was lost cannot store twice.
     */
    @Override
    public <T> T write(Function<DbTransaction, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return writeOnce(work);
            } catch (RuntimeException e) {
                if (attempt >= WRITE_ATTEMPTS || !DbFailures.connectionLost(e)) {
                    throw e;
                }
                LOG.warning(() -> "Database connection lost, retrying: " + e.getMessage());
                try {
                    Thread.sleep(50L * attempt * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private <T> T writeOnce(Function<DbTransaction, T> work) {
        boolean locked = dialect == Dialect.SQLITE;
        if (locked) {
            sqliteWriteLock.lock();
        }
        try {
            DbTransaction tx = client.transaction();
            try {
                if (locked) {
                    // Take SQLite's write lock first, so busy_timeout waits out another process's writer: a
                    // deferred transaction that reads first fails at once when it upgrades. (BEGIN IMMEDIATE
                    // would too, but a timed-out BEGIN leaves the pooled connection unusable.)
                    tx.dml("UPDATE schema_version SET version = version WHERE 0 = 1");
                }
                T result = work.apply(tx);
                tx.commit();
                return result;
            } catch (RuntimeException | Error e) {
                try {
                    tx.rollback();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        } finally {
            if (locked) {
                sqliteWriteLock.unlock();
            }
        }
    }

    /** True when a trivial query answers within a couple of seconds. */
    public boolean isUp() {
        try (var c = pool.connection()) {
            return c.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    /** A raw connection, for work DbClient does not cover (migrations' DDL batches). Caller closes it. */
    java.sql.Connection rawConnection() {
        return pool.connection();
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            pool.dataSource().close();
        }
    }
}
