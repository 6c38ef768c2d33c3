package sohbet.faults;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;
import sohbet.support.Web;
import sohbet.support.SseClient;
import sohbet.support.Eventually;
import sohbet.support.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stream drops: live streams are cut from the client side (a phone losing its network) and from
 * the server side (the app killed and restarted) while messages flow both ways. Reconnecting with
 * Last-Event-ID, every page ends with exactly the thread's messages: no gap, no duplicate, no
 * resync needed. An id the server cannot trust (unknown, from the future, too old, not a
 * number) gets a resync instead.
 */
class StreamDropTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ADMIN_PASSWORD = "test-password";

    @Test
    void everyStreamEndsWithExactlyTheFullSequenceThroughCutsAndRestarts() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.SQLITE);
             AppProcess app = new AppProcess("stream-drops", db).start();
             Crowd crowd = new Crowd()) {
            Random rnd = crowd.random(0);
            Web admin = app.web();
            String csrf = admin.signIn("admin", ADMIN_PASSWORD);
            List<Web> visitors = crowd.visitors;
            for (int i = 0; i < 6; i++) {
                crowd.followVisitor(app.visitor(WAIT));
            }
            long watched = visitors.getFirst().threadId();
            crowd.follow("admin", admin, "/admin/events?thread=" + watched + "&last_event_id=0", watched, 99);
            crowd.awaitStreamsOpen(WAIT);

            for (int i = 0; i < visitors.size(); i++) {
                crowd.posts("v" + i, visitors.get(i), new Ledger.Policy(0, Duration.ofSeconds(60), true), crowd.random(1000 + i), 10, 50);
            }
            Random ar = crowd.random(2000);
            Ledger.Policy adminRetry = new Ledger.Policy(0, Duration.ofSeconds(60), false);
            crowd.start("poster-admin", () -> {
                while (!crowd.stopping()) {
                    // The admin answers the watched thread most, the others now and then.
                    long thread = ar.nextInt(3) == 0 ? visitors.get(ar.nextInt(visitors.size())).threadId() : watched;
                    Ledger.Sent s = crowd.ledger.next("admin", thread, "yanıt " + Long.toHexString(ar.nextLong()));
                    crowd.ledger.postUntilAcked(admin, "/admin/threads/" + thread + "/messages", s, adminRetry, ar, crowd::aborted, "_csrf", csrf);
                    AppProcess.pause(20 + ar.nextInt(60));
                }
            });

            // Nine seconds of traffic: client-side cuts throughout, two server-side crashes in the middle.
            Instant end = Instant.now().plusSeconds(9);
            Instant[] crashes = {Instant.now().plusSeconds(3), Instant.now().plusSeconds(6)};
            int crashed = 0;
            List<SseClient> streams = crowd.streams();
            while (Instant.now().isBefore(end)) {
                if (crashed < crashes.length && Instant.now().isAfter(crashes[crashed])) {
                    app.kill();
                    app.start();
                    crashed++;
                    continue;
                }
                streams.get(rnd.nextInt(streams.size())).cut();
                AppProcess.pause(60 + rnd.nextInt(200));
            }
            crowd.finish(Duration.ofSeconds(70));
            Ledger.Verdict verdict = crowd.check(app, db, WAIT, false);
            assertEquals(List.of(), verdict.failures(), "store, streams and answers (seed " + crowd.seed + ")");
            app.assertNoServerFaults();
            assertTrue(verdict.acked() > 100, verdict.toString());
        }
    }

    @Test
    void anUnknownTooOldOrMeaninglessIdGetsAResync() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.SQLITE);
             AppProcess app = new AppProcess("stream-resync", db).start()) {
            // Ids the server cannot trust: the whole list comes back as a resync carrying the newest id.
            // (A visitor of its own for each: quickly closed streams still count against one visitor until the
            // server's next write; reconnectsOnAQuietThreadAreNotRefused is about that.)
            for (String raw : List.of("1000000", "abc", "-5", "99999999999999999999999", "1e3", "0x10", " ", "5,6")) {
                Web v = app.visitor(WAIT);
                List<Long> mine = postThree(v);
                String header = raw.equals("1000000") ? Long.toString(mine.getLast() + 1_000_000) : raw;
                try (SseClient f = SseClient.open(v, "/events", "Last-Event-ID", header)) {
                    assertTrue(f.awaitShows(mine, WAIT), "Last-Event-ID '" + header + "': " + f + " " + f.log());
                    assertEquals(List.of("resync:" + mine.getLast()), f.log(), "Last-Event-ID '" + header + "' gets one resync and nothing else");
                    assertEquals(List.of(), f.problems());
                }
            }
            Web a = app.visitor(WAIT);
            List<Long> ids = postThree(a);
            long newest = ids.getLast();
            // A trusted id gets exactly what is newer, and the header beats the page's own query id.
            try (SseClient f = SseClient.open(a, "/events?last_event_id=" + newest, "Last-Event-ID", Long.toString(ids.getFirst()))) {
                Eventually.until("stream open", WAIT, () -> f.opened() > 0);
                long marker = post(a, "işaret");
                ids.add(marker);
                List<Long> after = List.of(ids.get(1), ids.get(2), marker);
                assertTrue(f.awaitShows(after, WAIT), f + " " + f.log());
                assertEquals(after.stream().map(id -> "message:" + id).toList(), f.log());
            }
            // An id from another, busier thread is from this thread's future: resync.
            Web b = app.visitor(WAIT);
            long foreign = post(b, "başka konuşma");
            try (SseClient f = SseClient.open(a, "/events", "Last-Event-ID", Long.toString(foreign))) {
                assertTrue(f.awaitShows(ids, WAIT), f + " " + f.log());
                assertEquals(List.of("resync:" + ids.getLast()), f.log(), "a foreign id gets one resync");
            }
            // Too old: more missed messages than the server replays (500) means a resync with the newest page.
            List<Long> many = new ArrayList<>();
            for (int i = 0; i < 520; i++) {
                many.add(post(b, "çok " + i));
            }
            try (SseClient f = SseClient.open(b, "/events", "Last-Event-ID", Long.toString(foreign))) {
                Eventually.until("resync", WAIT, () -> f.resyncs() == 1);
                List<Long> shown = f.shown();
                // The resync carries the newest page of the history (however long a page is): a gapless suffix.
                assertTrue(!shown.isEmpty() && shown.equals(many.subList(many.size() - shown.size(), many.size())), f.toString());
                assertEquals(List.of("resync:" + many.getLast()), f.log());
            }
            app.assertNoServerFaults();
        }
    }

    @Test
    void reconnectsOnAQuietThreadAreNotRefused() throws Throwable {
        // A flaky network cuts a quiet stream again and again: the server only notices a gone client on its
        // next write (a heartbeat, up to 15 s later), so the old streams still count when the new one arrives.
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.SQLITE);
             AppProcess app = new AppProcess("stream-quiet-reconnects", db).start()) {
            Web a = app.visitor(WAIT);
            long first = post(a, "sessiz");
            try (SseClient f = SseClient.follow("quiet", a, "/events?last_event_id=0", 7)) {
                for (int i = 1; i <= 8; i++) {
                    int opened = i;
                    Eventually.until("stream open " + opened, WAIT, () -> f.opened() >= opened || f.refusals() > 0);
                    if (f.refusals() > 0) {
                        break;
                    }
                    f.cut();
                }
                Eventually.until("stream open again", WAIT, () -> f.opened() >= 9 || f.refusals() > 0);
                KnownBugs.check(KnownBugs.STALE_STREAMS_429, () -> assertEquals(0, f.refusals(), "a reconnect after cuts is served, not refused: " + f));
                long later = post(a, "sonra");
                assertTrue(f.awaitShows(List.of(first, later), WAIT), f.toString());
            }
            app.assertNoServerFaults();
        }
    }

    private static List<Long> postThree(Web c) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(post(c, "üç mesaj " + i));
        }
        return ids;
    }

    /** Posts one message as an htmx request and returns its id from the answered fragment. */
    private static long post(Web c, String body) {
        HttpResponse<String> r = c.htmxPost("/messages", Web.form("body", body, "client_id", "c" + System.nanoTime()));
        assertEquals(200, r.statusCode(), r.body());
        Matcher m = Ledger.MESSAGE_ID.matcher(r.body());
        assertTrue(m.find(), r.body());
        return Long.parseLong(m.group(1));
    }
}
