package sohbet.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sohbet.support.Eventually;
import sohbet.support.SseClient;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash: visitors post in a loop, each message with its own client_id, while the app is killed
 * with SIGKILL at random moments (mid-request, mid-commit, during start-up) and restarted on
 * the same database. Afterwards every message that was acknowledged is stored exactly once,
 * nothing is stored twice, and each visitor's messages keep their posting order.
 */
class CrashTest {
    private static final int KILLS = Integer.getInteger("sohbet.faults.kills", 20);
    private static final int POSTERS = 4;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void everyAcknowledgedMessageSurvivesSigkillExactlyOnceAndInOrder(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind);
             AppProcess app = new AppProcess("crash-" + kind.name().toLowerCase(), db).start();
             Crowd crowd = new Crowd()) {
            Random rnd = crowd.random(0);
            List<Web> visitors = new ArrayList<>();
            // A browser whose post got no answer resubmits it (same client_id) most of the time; sometimes the person gives up.
            Ledger.Policy policy = new Ledger.Policy(0.25, Duration.ofSeconds(90), true);
            for (int i = 0; i < POSTERS; i++) {
                visitors.add(app.visitor(Duration.ofSeconds(30)));
            }
            for (int i = 0; i < POSTERS; i++) {
                crowd.posts("v" + i, visitors.get(i), policy, crowd.random(i + 1), 0, 0);
            }

            for (int k = 0; k < KILLS; k++) {
                if (k % 5 == 4) {
                    // Some kills land while the app is still starting: migrations, pool, socket.
                    AppProcess.pause(rnd.nextInt(900));
                } else {
                    crowd.awaitAcks("an acknowledged post after restart " + app.launches(), Duration.ofSeconds(40), 0);
                    AppProcess.pause(rnd.nextInt(400));
                }
                app.kill();
                app.launch();
            }
            app.awaitReady();
            crowd.finish(Duration.ofSeconds(100));
            Ledger.Verdict verdict = crowd.check(app, db, Duration.ZERO, true);

            // The app's own view agrees: a fresh page stream (no Last-Event-ID) resyncs to exactly what is stored.
            Web first = visitors.getFirst();
            List<Long> expected = StoredMessages.ids(StoredMessages.all(db), first.threadId());
            try (SseClient page = SseClient.open(first, "/events")) {
                Eventually.until("a resync", Duration.ofSeconds(20), () -> page.resyncs() == 1);
                List<Long> shown = page.shown();
                // The resync carries the newest page of the history: a gapless suffix of what is stored.
                assertTrue(!shown.isEmpty() && shown.equals(expected.subList(expected.size() - shown.size(), expected.size())),
                        "a fresh stream shows what is stored; " + page);
            }
            assertEquals(List.of(), verdict.failures(), "the database and the answers against what was acknowledged (seed " + crowd.seed + ")");
            app.assertNoServerFaults();
            assertTrue(app.kills() >= KILLS, "killed " + app.kills() + " times");
            assertTrue(verdict.acked() >= 100, "enough acknowledged messages to mean something: " + verdict);
            assertTrue(crowd.ledger.outcomes("no-answer") > 0, "some posts were cut by a kill");
        }
    }
}
