package sohbet.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import sohbet.support.Web;
import sohbet.support.SseClient;
import sohbet.support.Eventually;
import sohbet.support.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Load with faults: hundreds of visitors (500 by default), each with its live stream open, post while
 * PostgreSQL's connections are terminated twice and the app is killed and restarted once. The app
 * keeps serving the others (it is back within seconds after each fault), every acknowledged
 * message is stored once, and every visitor's stream ends with exactly its thread.
 * {@code -Dsohbet.faults.loadVisitors=N} changes the crowd (500 by default; 1,000 passes in about 20 to 30 s on a 2-core machine).
 */
class LoadWithFaultsTest {
    private static final int VISITORS = Integer.getInteger("sohbet.faults.loadVisitors", 500);
    private static final int POSTS_EACH = 4;
    private static final Duration WAIT = Duration.ofSeconds(40);

    @Test
    void visitorsKeepBeingServedThroughDatabaseAndProcessFaults() throws Exception {
        long seed = Long.getLong("sohbet.faults.seed", System.nanoTime());
        Random rnd = new Random(seed);
        Instant began = Instant.now();
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL);
             AppProcess app = new AppProcess("load-with-faults", db.env(), db.folder()).start();
             Crowd crowd = new Crowd()) {
            Ledger ledger = new Ledger();
            List<Web> visitors = Collections.synchronizedList(new ArrayList<>());
            List<Thread> openers = new ArrayList<>();
            for (int i = 0; i < VISITORS; i++) {
                openers.add(Thread.ofVirtual().start(() -> {
                    Web c = app.web().timeout(Duration.ofSeconds(30));
                    c.openChat(WAIT);
                    visitors.add(c);
                }));
            }
            for (Thread t : openers) {
                t.join(WAIT);
            }
            assertEquals(VISITORS, visitors.size(), "every visitor opened a chat");
            List<SseClient> followers = new ArrayList<>();
            for (int i = 0; i < VISITORS; i++) {
                followers.add(crowd.follow(SseClient.follow("visitor-" + i, visitors.get(i), "/events?last_event_id=0", seed + i)));
            }
            Eventually.until("every stream open", WAIT, () -> followers.stream().allMatch(f -> f.opened() > 0));

            // Each visitor posts a few messages at random moments of a 12-second window, resubmitting until acknowledged.
            Ledger.Policy policy = new Ledger.Policy(0, Duration.ofSeconds(60), true);
            Instant window = Instant.now();
            CountDownLatch done = new CountDownLatch(VISITORS);
            for (int i = 0; i < VISITORS; i++) {
                Web c = visitors.get(i);
                String poster = "v" + i;
                Random r = new Random(seed + 10_000 + i);
                crowd.start("poster-" + poster, () -> {
                    try {
                        for (int k = 0; k < POSTS_EACH; k++) {
                            AppProcess.pause(r.nextInt(12_000 / POSTS_EACH));
                            Ledger.Sent s = ledger.next(poster, c.threadId(), poster + " yük " + k + " " + Long.toHexString(r.nextLong()));
                            ledger.postUntilAcked(c, "/messages", s, policy, r, crowd::aborted);
                        }
                    } finally {
                        done.countDown();
                    }
                });
            }

            // The faults, while the posts go on: terminated connections, a SIGKILL and restart, terminated connections again.
            List<String> recoveries = new ArrayList<>();
            String name = StoredMessages.databaseName(db);
            untilElapsed(window, 3_000 + rnd.nextInt(500));
            recoveries.add("pg_terminate_backend: " + recovery(ledger, () -> TestDatabase.pgAdmin(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "' AND pid <> pg_backend_pid()")));
            untilElapsed(window, 6_000 + rnd.nextInt(500));
            recoveries.add("SIGKILL and restart: " + recovery(ledger, () -> {
                app.kill();
                app.launch();
            }));
            untilElapsed(window, 9_000 + rnd.nextInt(500));
            recoveries.add("pg_terminate_backend: " + recovery(ledger, () -> TestDatabase.pgAdmin(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "' AND pid <> pg_backend_pid()")));
            assertTrue(done.await(90, java.util.concurrent.TimeUnit.SECONDS), "every visitor finished posting");

            List<StoredMessages.Row> rows = StoredMessages.all(db);
            Ledger.Verdict verdict = ledger.verify(rows);
            List<String> failures = new ArrayList<>(verdict.failures());
            int events = 0;
            int connections = 0;
            for (int i = 0; i < VISITORS; i++) {
                SseClient f = followers.get(i);
                List<Long> expected = StoredMessages.ids(rows, visitors.get(i).threadId());
                if (!f.awaitShows(expected, failures.size() > 20 ? Duration.ofMillis(1) : WAIT)) {
                    failures.add(f.name() + " shows " + f.shown() + ", the store has " + expected + "; " + f);
                }
                if (f.duplicates() > 0 || f.outOfOrder() > 0) {
                    failures.add(f.toString());
                }
                failures.addAll(f.problems());
                events += f.messages();
                connections += f.connects();
            }
            crowd.close();
            failures.addAll(ledger.problems());
            Figures.record("load-with-faults", VISITORS + " visitors with open streams, " + verdict + ", answers " + ledger.outcomeCounts() + ", "
                    + connections + " stream connections, " + events + " message events checked, recovery " + recoveries + ", seed " + seed + ", "
                    + Duration.between(began, Instant.now()).toSeconds() + " s");
            assertEquals(List.of(), failures.size() > 40 ? failures.subList(0, 40) : failures, "seed " + seed);
            assertEquals(VISITORS * POSTS_EACH, verdict.acked(), "every post acknowledged in the end");
            assertEquals(List.of(), app.unexpectedErrors(), "server faults in " + app.log());
        }
    }

    /** Runs the fault and measures how long until the next acknowledged post: the others are being served again. */
    private static String recovery(Ledger ledger, Runnable fault) {
        int before = ledger.acks();
        Instant t0 = Instant.now();
        fault.run();
        Eventually.until("posts acknowledged after the fault", WAIT, () -> ledger.acks() > before);
        return Duration.between(t0, Instant.now()).toMillis() + " ms";
    }

    private static void untilElapsed(Instant start, long millis) {
        long left = millis - Duration.between(start, Instant.now()).toMillis();
        if (left > 0) {
            AppProcess.pause(left);
        }
    }
}
