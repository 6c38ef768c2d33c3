package sohbet.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL);
             AppProcess app = new AppProcess("load-with-faults", db).start();
             Crowd crowd = new Crowd()) {
            Random rnd = crowd.random(0);
            List<Web> opened = Collections.synchronizedList(new ArrayList<>());
            List<Thread> openers = new ArrayList<>();
            for (int i = 0; i < VISITORS; i++) {
                openers.add(Thread.ofVirtual().start(() -> {
                    Web c = app.web().timeout(Duration.ofSeconds(30));
                    c.openChat(WAIT);
                    opened.add(c);
                }));
            }
            for (Thread t : openers) {
                t.join(WAIT);
            }
            assertEquals(VISITORS, opened.size(), "every visitor opened a chat");
            opened.forEach(crowd::followVisitor);
            crowd.awaitStreamsOpen(WAIT);

            // Each visitor posts a few messages at random moments of a 12-second window, resubmitting until acknowledged.
            Ledger.Policy policy = new Ledger.Policy(0, Duration.ofSeconds(60), true);
            Instant window = Instant.now();
            for (int i = 0; i < VISITORS; i++) {
                Web c = crowd.visitors.get(i);
                String poster = "v" + i;
                Random r = crowd.random(10_000 + i);
                crowd.start("poster-" + poster, () -> {
                    for (int k = 0; k < POSTS_EACH; k++) {
                        AppProcess.pause(r.nextInt(12_000 / POSTS_EACH));
                        Ledger.Sent s = crowd.ledger.next(poster, c.threadId(), poster + " yük " + k + " " + Long.toHexString(r.nextLong()));
                        crowd.ledger.postUntilAcked(c, "/messages", s, policy, r, crowd::aborted);
                    }
                });
            }

            // The faults, while the posts go on, each followed by posts acknowledged again: terminated connections, a SIGKILL
            // and restart, terminated connections again.
            AppProcess.pauseUntil(window, 3_000 + rnd.nextInt(500));
            StoredMessages.terminateConnections(db);
            crowd.awaitAcks("posts acknowledged after pg_terminate_backend", WAIT, 0);
            AppProcess.pauseUntil(window, 6_000 + rnd.nextInt(500));
            app.kill();
            app.launch();
            crowd.awaitAcks("posts acknowledged after a SIGKILL and restart", WAIT, 0);
            AppProcess.pauseUntil(window, 9_000 + rnd.nextInt(500));
            StoredMessages.terminateConnections(db);
            crowd.awaitAcks("posts acknowledged after pg_terminate_backend again", WAIT, 0);
            crowd.finish(Duration.ofSeconds(90));

            Ledger.Verdict verdict = crowd.check(app, db, WAIT, true);
            assertEquals(List.of(), verdict.failures(), "seed " + crowd.seed);
            assertEquals(VISITORS * POSTS_EACH, verdict.acked(), "every post acknowledged in the end");
            app.assertNoServerFaults();
        }
    }
}
