package sohbet.store;

/** The two databases Sohbet runs on; everything that differs between them is decided here or in migrations. */
public enum Dialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /** Classpath folder of this dialect's migrations. */
    public String migrationFolder() {
        return "db/migration/" + folder;
    }

    /**
     * PostgreSQL hands out identity values before commit, so two concurrent inserts can commit
     * out of id order and a stream resuming "after id N" would skip the late one. Taking one
     * transaction-scoped lock before inserting a message makes ids commit in order.
     * SQLite already serialises writers.
     */
    public String messageOrderLock() {
        return this == POSTGRESQL ? "SELECT pg_advisory_xact_lock(7342001)" : null;
    }
}
