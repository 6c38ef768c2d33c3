package sohbet.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import sohbet.support.Web;
import sohbet.support.SseClient;
import sohbet.support.Eventually;
import sohbet.support.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Database faults under load: PostgreSQL backends terminated again and again, and a SQLite file
 * held by another writer for longer than the app's busy timeout (5 s). Requests get a clear 503
 * (never a 500, never a stack trace), the app recovers by itself without a restart, and every
 * acknowledged message is stored exactly once and reaches the streams.
 */
class DatabaseFaultTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Posters that resubmit on 503 (same client_id) until acknowledged, and a stream per visitor. */
    private static final class Load implements AutoCloseable {
        final Ledger ledger = new Ledger();
        final List<Web> visitors = new ArrayList<>();
        final List<SseClient> followers = new ArrayList<>();
        final List<Thread> posters = new ArrayList<>();
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicBoolean aborted = new AtomicBoolean();

        Load(AppProcess app, int count, long seed) {
            Ledger.Policy policy = new Ledger.Policy(0, Duration.ofSeconds(60), true);
            for (int i = 0; i < count; i++) {
                Web c = app.web();
                c.openChat(WAIT);
                visitors.add(c);
                followers.add(SseClient.follow("visitor-" + i, c, "/events?last_event_id=0", seed + i));
                String poster = "v" + i;
                Random r = new Random(seed + 100 + i);
                posters.add(Thread.ofVirtual().start(() -> {
                    while (!stop.get()) {
                        Ledger.Sent s = ledger.next(poster, c.threadId(), poster + " " + Long.toHexString(r.nextLong()));
                        ledger.postUntilAcked(c, "/messages", s, policy, r, aborted::get);
                        AppProcess.pause(5 + r.nextInt(30));
                    }
                }));
            }
        }

        /** Stops posting, then checks the store and every stream against what was acknowledged. */
        Ledger.Verdict finish(TestDatabase db, List<String> failures) throws InterruptedException {
            stop.set(true);
            for (Thread t : posters) {
                t.join(Duration.ofSeconds(70));
            }
            List<StoredMessages.Row> rows = StoredMessages.all(db);
            Ledger.Verdict verdict = ledger.verify(rows);
            failures.addAll(verdict.failures());
            for (int i = 0; i < followers.size(); i++) {
                SseClient f = followers.get(i);
                List<Long> expected = StoredMessages.ids(rows, visitors.get(i).threadId());
                if (!f.awaitShows(expected, WAIT)) {
                    failures.add(f.name() + " shows " + f.shown().size() + " of " + expected.size() + "; missing "
                            + expected.stream().filter(id -> !f.shown().contains(id)).toList() + "; " + f);
                }
                if (f.duplicates() > 0 || f.outOfOrder() > 0) {
                    failures.add(f.toString());
                }
                failures.addAll(f.problems());
            }
            failures.addAll(ledger.problems());
            return verdict;
        }

        @Override
        public void close() {
            stop.set(true);
            aborted.set(true);
            followers.forEach(SseClient::close);
            posters.forEach(Thread::interrupt);
        }
    }

    @Test
    void terminatedPostgresBackendsGetA503AndTheAppRecoversWithoutRestart() throws Exception {
        long seed = Long.getLong("sohbet.faults.seed", System.nanoTime());
        Random rnd = new Random(seed);
        Instant began = Instant.now();
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL);
             AppProcess app = new AppProcess("db-pg-terminate", db.env(), db.folder()).start();
             Load load = new Load(app, 6, seed)) {
            long pid = app.pid();
            Eventually.until("posting under way", WAIT, () -> load.ledger.acks() > 20);
            int rounds = 0;
            Instant end = Instant.now().plusSeconds(7);
            while (Instant.now().isBefore(end)) {
                TestDatabase.pgAdmin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                        + StoredMessages.databaseName(db) + "' AND pid <> pg_backend_pid()");
                rounds++;
                AppProcess.pause(300 + rnd.nextInt(700));
            }
            int acksAfterFaults = load.ledger.acks();
            Eventually.until("posts acknowledged again", WAIT, () -> load.ledger.acks() > acksAfterFaults + 20);
            assertEquals(200, app.web().get("/health").statusCode(), "healthy again");
            List<String> failures = new ArrayList<>();
            Ledger.Verdict verdict = load.finish(db, failures);
            Figures.record("db-faults/postgresql", rounds + " rounds of pg_terminate_backend, " + verdict + ", answers "
                    + load.ledger.outcomeCounts() + ", seed " + seed + ", " + Duration.between(began, Instant.now()).toSeconds() + " s");
            assertEquals(List.of(), failures, "seed " + seed);
            assertEquals(pid, app.pid(), "recovered without a restart");
            assertEquals(1, app.launches());
            assertEquals(List.of(), app.unexpectedErrors(), "server faults in " + app.log());
        }
    }

    @Test
    void aSqliteLockShorterThanTheBusyTimeoutIsWaitedOut() throws Throwable {
        long seed = Long.getLong("sohbet.faults.seed", System.nanoTime());
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.SQLITE);
             AppProcess app = new AppProcess("db-sqlite-short-lock", db.env(), db.folder()).start();
             Load load = new Load(app, 3, seed)) {
            Eventually.until("posting under way", WAIT, () -> load.ledger.acks() > 20);
            try (Connection other = DriverManager.getConnection(StoredMessages.jdbcUrl(db));
                 Statement st = other.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
                AppProcess.pause(1500); // the fault: another process writes for 1.5 s, well within the 5 s busy timeout
                st.execute("ROLLBACK");
            }
            int acksAfterLock = load.ledger.acks();
            Eventually.until("posts acknowledged again", WAIT, () -> load.ledger.acks() > acksAfterLock + 20);
            List<String> failures = new ArrayList<>();
            Ledger.Verdict verdict = load.finish(db, failures);
            Figures.record("db-faults/sqlite-short-lock", "write lock held 1.5 s by another process, " + verdict + ", answers "
                    + load.ledger.outcomeCounts() + ", seed " + seed);
            assertEquals(List.of(), failures, "seed " + seed);
            assertEquals(List.of(), app.unexpectedErrors(), "server faults in " + app.log());
            KnownBugs.check(KnownBugs.SQLITE_BUSY_IMMEDIATE, () -> assertEquals(0, load.ledger.outcomes("503"),
                    "a lock shorter than busy_timeout is waited out, not answered 503: " + load.ledger.outcomeCounts()));
        }
    }

    @Test
    void aSqliteFileHeldByAnotherWriterGetsA503AndTheAppRecoversWithoutRestart() throws Throwable {
        long seed = Long.getLong("sohbet.faults.seed", System.nanoTime());
        Instant began = Instant.now();
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.SQLITE);
             AppProcess app = new AppProcess("db-sqlite-locked", db.env(), db.folder()).start();
             Load load = new Load(app, 4, seed)) {
            long pid = app.pid();
            Web reader = app.web();
            reader.setCookie("sohbet_visitor", load.visitors.getFirst().cookie("sohbet_visitor"));
            Eventually.until("posting under way", WAIT, () -> load.ledger.acks() > 20);
            int readsDuringLock = 0;
            int readFailures = 0;
            try (Connection other = DriverManager.getConnection(StoredMessages.jdbcUrl(db));
                 Statement st = other.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
                Instant release = Instant.now().plusSeconds(7);
                // Reads go on in WAL mode while another process holds the write lock.
                while (Instant.now().isBefore(release)) {
                    java.net.http.HttpResponse<String> page = reader.get("/");
                    load.ledger.checkAnswer(page, "GET / while locked");
                    readsDuringLock++;
                    if (page.statusCode() != 200 && page.statusCode() != 500) {
                        readFailures++; // a 500 is reported by checkAnswer
                    }
                    AppProcess.pause(200);
                }
                st.execute("ROLLBACK");
            }
            int acksAfterLock = load.ledger.acks();
            Eventually.until("posts acknowledged again", WAIT, () -> load.ledger.acks() > acksAfterLock + 20);
            List<String> failures = new ArrayList<>();
            Ledger.Verdict verdict = load.finish(db, failures);
            Figures.record("db-faults/sqlite-locked", "write lock held 7 s by another process, " + verdict + ", answers "
                    + load.ledger.outcomeCounts() + ", " + readsDuringLock + " page reads during the lock (" + readFailures + " not 200), seed "
                    + seed + ", " + Duration.between(began, Instant.now()).toSeconds() + " s");
            // A BEGIN IMMEDIATE that gave up after busy_timeout leaves its pooled connection broken for the next request
            // (KnownBugs.SQLITE_FAILED_BEGIN_500): that request's 500 is counted there, every other failure here.
            List<String> poisoned = app.errorReports().stream().filter(r -> r.contains("no transaction is active")).toList();
            List<String> server500 = failures.stream().filter(f -> f.contains(" answered 500")).toList();
            if (!poisoned.isEmpty()) {
                failures.removeAll(server500);
            }
            assertEquals(List.of(), failures, "seed " + seed);
            assertTrue(load.ledger.outcomes("503") > 0, "a post that waited past the busy timeout got a clear 503: " + load.ledger.outcomeCounts());
            assertEquals(0, readFailures, "pages still read while another process writes");
            assertEquals(pid, app.pid(), "recovered without a restart");
            assertEquals(List.of(), app.errorReports().stream().filter(r -> !poisoned.contains(r)).toList(), "server faults in " + app.log());
            KnownBugs.check(KnownBugs.SQLITE_FAILED_BEGIN_500, () -> assertEquals(List.of(), server500,
                    "after a BEGIN that timed out, the next request on that connection must not fail"));
        }
    }
}
