package sohbet.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sohbet.support.Web;
import sohbet.support.SseClient;
import sohbet.support.Eventually;
import sohbet.support.TestDatabase;

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
        long seed = Long.getLong("sohbet.faults.seed", System.nanoTime());
        Random rnd = new Random(seed);
        Instant began = Instant.now();
        try (TestDatabase db = TestDatabase.create(kind);
             AppProcess app = new AppProcess("crash-" + kind.name().toLowerCase(), db.env(), db.folder());
             Crowd crowd = new Crowd()) {
            app.start();
            Ledger ledger = new Ledger();
            List<Web> visitors = new ArrayList<>();
            for (int i = 0; i < POSTERS; i++) {
                Web c = app.web();
                c.openChat(Duration.ofSeconds(30));
                visitors.add(c);
            }
            // A browser whose post got no answer resubmits it (same client_id) most of the time; sometimes the person gives up.
            Ledger.Policy policy = new Ledger.Policy(0.25, Duration.ofSeconds(90), true);
            for (int i = 0; i < POSTERS; i++) {
                Web c = visitors.get(i);
                String poster = "v" + i;
                Random r = new Random(seed + i + 1);
                crowd.start("poster-" + poster, () -> {
                    while (!crowd.stopping()) {
                        Ledger.Sent s = ledger.next(poster, c.threadId(), poster + " mesaj " + Long.toHexString(r.nextLong()));
                        ledger.postUntilAcked(c, "/messages", s, policy, r, crowd::aborted);
                    }
                });
            }

            int killedStarting = 0;
            for (int k = 0; k < KILLS; k++) {
                if (k % 5 == 4) {
                    // Some kills land while the app is still starting: migrations, pool, socket.
                    AppProcess.pause(rnd.nextInt(900));
                    if (!healthy(app)) {
                        killedStarting++;
                    }
                } else {
                    int before = ledger.acks();
                    Eventually.until("an acknowledged post after restart " + app.launches(), Duration.ofSeconds(40),
                            () -> ledger.acks() > before);
                    AppProcess.pause(rnd.nextInt(400));
                }
                app.kill();
                app.launch();
            }
            app.awaitReady();
            crowd.finish(Duration.ofSeconds(100));

            List<StoredMessages.Row> rows = StoredMessages.all(db);
            Ledger.Verdict verdict = ledger.verify(rows);

            // The app's own view agrees: a fresh page stream (no Last-Event-ID) resyncs to exactly what is stored.
            Web first = visitors.getFirst();
            List<Long> expected = StoredMessages.ids(rows, first.threadId());
            try (SseClient page = SseClient.open(first, "/events")) {
                Eventually.until("a resync", Duration.ofSeconds(20), () -> page.resyncs() == 1);
                List<Long> shown = page.shown();
                // The resync carries the newest page of the history: a gapless suffix of what is stored.
                assertTrue(!shown.isEmpty() && shown.equals(expected.subList(expected.size() - shown.size(), expected.size())),
                        "a fresh stream shows what is stored; " + page);
            }

            Duration took = Duration.between(began, Instant.now());
            Figures.record("crash/" + kind.name().toLowerCase(), app.kills() + " SIGKILLs (" + killedStarting + " during start-up), "
                    + verdict + ", answers " + ledger.outcomeCounts() + ", seed " + seed + ", " + took.toSeconds() + " s");
            assertEquals(List.of(), verdict.failures(), "the database against what was acknowledged (seed " + seed + ")");
            assertEquals(List.of(), ledger.problems(), "answers during the crashes");
            assertEquals(List.of(), app.unexpectedErrors(), "server faults in " + app.log());
            assertTrue(app.kills() >= KILLS, "killed " + app.kills() + " times");
            assertTrue(verdict.acked() >= 100, "enough acknowledged messages to mean something: " + verdict);
            assertTrue(ledger.outcomes("no-answer") > 0, "some posts were cut by a kill");
        }
    }

    private static boolean healthy(AppProcess app) {
        try {
            return app.web().timeout(Duration.ofSeconds(2)).get("/health").statusCode() == 200;
        } catch (java.io.UncheckedIOException e) {
            return false;
        }
    }
}
