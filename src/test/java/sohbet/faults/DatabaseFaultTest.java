package sohbet.faults;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

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

    /** Visitors that post (resubmitting on 503 with the same client_id until acknowledged), each with its stream, already under way. */
    private static Crowd load(AppProcess app, int visitors) {
        Crowd crowd = new Crowd();
        for (int i = 0; i < visitors; i++) {
            Web c = crowd.followVisitor(app.visitor(WAIT));
            crowd.posts("v" + i, c, new Ledger.Policy(0, Duration.ofSeconds(60), true), crowd.random(100 + i), 5, 30);
        }
        crowd.awaitAcks("posting under way", WAIT, 20);
        return crowd;
    }

    /** Once posts flow again: the store and the streams against what was acknowledged. */
    private static List<String> check(Crowd crowd, AppProcess app, TestDatabase db) throws InterruptedException {
        crowd.finish(Duration.ofSeconds(70));
        return new ArrayList<>(crowd.check(app, db, WAIT, true).failures());
    }

    @Test
    void terminatedPostgresBackendsGetA503AndTheAppRecoversWithoutRestart() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL);
             AppProcess app = new AppProcess("db-pg-terminate", db).start();
             Crowd crowd = load(app, 6)) {
            long pid = app.pid();
            Random rnd = crowd.random(0);
            Instant end = Instant.now().plusSeconds(7);
            while (Instant.now().isBefore(end)) {
                StoredMessages.terminateConnections(db);
                AppProcess.pause(300 + rnd.nextInt(700));
            }
            crowd.awaitAcks("posts acknowledged again", WAIT, 20);
            assertEquals(200, app.web().get("/health").statusCode(), "healthy again");
            assertEquals(List.of(), check(crowd, app, db), "seed " + crowd.seed);
            assertEquals(pid, app.pid(), "recovered without a restart");
            app.assertNoServerFaults();
        }
    }

    @Test
    void aSqliteLockShorterThanTheBusyTimeoutIsWaitedOut() throws Throwable {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.SQLITE);
             AppProcess app = new AppProcess("db-sqlite-short-lock", db).start();
             Crowd crowd = load(app, 3);
             Connection other = DriverManager.getConnection(StoredMessages.jdbcUrl(db));
             Statement st = other.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            AppProcess.pause(1500); // the fault: another process writes for 1.5 s, well within the 5 s busy timeout
            st.execute("ROLLBACK");
            crowd.awaitAcks("posts acknowledged again", WAIT, 20);
            assertEquals(List.of(), check(crowd, app, db), "seed " + crowd.seed);
            app.assertNoServerFaults();
            KnownBugs.check(KnownBugs.SQLITE_BUSY_IMMEDIATE, () -> assertEquals(0, crowd.ledger.outcomes("503"),
                    "a lock shorter than busy_timeout is waited out, not answered 503: " + crowd.ledger.outcomeCounts()));
        }
    }

    @Test
    void aSqliteFileHeldByAnotherWriterGetsA503AndTheAppRecoversWithoutRestart() throws Throwable {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.SQLITE);
             AppProcess app = new AppProcess("db-sqlite-locked", db).start();
             Crowd crowd = load(app, 4);
             Connection other = DriverManager.getConnection(StoredMessages.jdbcUrl(db));
             Statement st = other.createStatement()) {
            long pid = app.pid();
            Web reader = app.web();
            reader.setCookie("sohbet_visitor", crowd.visitors.getFirst().cookie("sohbet_visitor"));
            int readFailures = 0;
            st.execute("BEGIN IMMEDIATE");
            Instant release = Instant.now().plusSeconds(7);
            // Reads go on in WAL mode while another process holds the write lock.
            while (Instant.now().isBefore(release)) {
                HttpResponse<String> page = reader.get("/");
                crowd.ledger.checkAnswer(page, "GET / while locked");
                if (page.statusCode() != 200 && page.statusCode() != 500) {
                    readFailures++; // a 500 is reported by checkAnswer
                }
                AppProcess.pause(200);
            }
            st.execute("ROLLBACK");
            crowd.awaitAcks("posts acknowledged again", WAIT, 20);
            List<String> failures = check(crowd, app, db);
            // A BEGIN IMMEDIATE that gave up after busy_timeout leaves its pooled connection broken for the next request
            // (KnownBugs.SQLITE_FAILED_BEGIN_500): that request's 500 is counted there, every other failure here.
            List<String> poisoned = app.errorReports().stream().filter(r -> r.contains("no transaction is active")).toList();
            List<String> server500 = failures.stream().filter(f -> f.contains(" answered 500")).toList();
            if (!poisoned.isEmpty()) {
                failures.removeAll(server500);
            }
            assertEquals(List.of(), failures, "seed " + crowd.seed);
            assertTrue(crowd.ledger.outcomes("503") > 0, "a post that waited past the busy timeout got a clear 503: " + crowd.ledger.outcomeCounts());
            assertEquals(0, readFailures, "pages still read while another process writes");
            assertEquals(pid, app.pid(), "recovered without a restart");
            app.assertNoServerFaults("no transaction is active");
            KnownBugs.check(KnownBugs.SQLITE_FAILED_BEGIN_500, () -> assertEquals(List.of(), server500,
                    "after a BEGIN that timed out, the next request on that connection must not fail"));
        }
    }
}
