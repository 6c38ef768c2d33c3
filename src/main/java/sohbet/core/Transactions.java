package sohbet.core;

import java.util.function.Function;

import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbTransaction;

/**
 * Where the core's changes commit. The core states what belongs in one transaction; the store
 * decides how (SQLite's single writer, retries after a lost connection).
 */
public interface Transactions {
    /** Runs {@code work} in one transaction and commits; an exception rolls back and is rethrown. */
    <T> T write(Function<DbTransaction, T> work);

    /** For reads outside a transaction. */
    DbExecute read();

    /** Whether {@code failure} means the database is unavailable for every writer (down, busy), not just for this write. */
    boolean unavailable(Throwable failure);
}
