package sohbet.faults;

import java.util.Set;

/**
 * Faults this suite found whose cause is in the application (or its server library), reported
 * and awaiting a fix there. Each is still exercised on every run and counted in the figures; it
 * fails the build only with {@code -Dsohbet.faults.knownBugs=true}, or once its id is removed
 * from {@link #OPEN} (remove it with the fix, so the suite guards against its return).
 */
final class KnownBugs {
    // ---- open: reported, awaiting a fix ----

    /**
     * With transaction_mode=IMMEDIATE (ddcda4d), a BEGIN that fails after busy_timeout leaves the pooled sqlite-jdbc
     * connection with autocommit off but no transaction (sqlite-jdbc flips its flag before running BEGIN, and Hikari
     * never saw the change succeed). The next borrower either fails to set autocommit back ("cannot commit - no
     * transaction is active", 500 on a read) or runs a "transaction" whose statements each commit on their own and
     * then fails to commit it ("cannot rollback - no transaction is active", 500 for a post whose message IS stored):
     * the message, thread update and outbox row are then not atomic.
     */
    static final String SQLITE_FAILED_BEGIN_500 = "sqlite-failed-begin-poisons-connection-500";

    // ---- fixed: enforced, guarding against their return ----

    // A method that is not a token answered 500, truncated or badly chunked bodies answered 500, and HTTP/1.0
    // went unanswered: all fixed, and guarded by HostileInputContract (never a 5xx; HTTP/1.0 gets its 505).

    /**
     * SQLite writes fail at once with SQLITE_BUSY while another process holds the write lock: a deferred transaction
     * that reads first never waits busy_timeout. (ddcda4d's transaction_mode=IMMEDIATE fixed this but caused
     * SQLITE_FAILED_BEGIN_500; a first no-op write in each SQLite write transaction fixes it without that.)
     */
    static final String SQLITE_BUSY_IMMEDIATE = "sqlite-busy-not-waited";
    /** Quickly reconnecting streams of one visitor got 429 while closed streams still counted (fixed in c2f2a11). */
    static final String STALE_STREAMS_429 = "stale-streams-429";

    private static final Set<String> OPEN = Set.of();

    private KnownBugs() {
    }

    /**
     * Runs a check that fails while bug {@code id} is present: while the bug is open (and not
     * enforced) the failure aborts the test, which JUnit reports as skipped with the reason; once
     * fixed it simply passes.
     */
    static void check(String id, org.junit.jupiter.api.function.Executable assertion) throws Throwable {
        try {
            assertion.execute();
        } catch (AssertionError e) {
            if (enforced(id)) {
                throw e;
            }
            throw new org.opentest4j.TestAbortedException("known bug " + id + " still present (reported; enforce with -Dsohbet.faults.knownBugs=true): "
                    + e.getMessage());
        }
    }

    /** Whether a failure caused by this bug fails the build. */
    static boolean enforced(String id) {
        return Boolean.getBoolean("sohbet.faults.knownBugs") || !OPEN.contains(id);
    }
}
