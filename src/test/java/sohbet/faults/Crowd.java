package sohbet.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import sohbet.support.Eventually;
import sohbet.support.SseClient;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

/**
 * The test's clients (posting loops and live streams) with the {@link Ledger} of what they were
 * told, as one thing that always stops: {@link #finish} lets the loops complete the message they
 * are on, {@link #close} (also on a failed assertion) ends everything at once, so no client
 * outlives its test. {@link #check} holds the store and every stream against the ledger.
 */
final class Crowd implements AutoCloseable {
    /** The run's random choices come from it ({@code -Dsohbet.faults.seed=N} replays a run); every failure names it. */
    final long seed = Long.getLong("sohbet.faults.seed", System.nanoTime());
    final Ledger ledger = new Ledger();
    /** The visitors whose page streams are followed, in order. */
    final List<Web> visitors = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean aborted = new AtomicBoolean();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<Followed> followers = new CopyOnWriteArrayList<>();

    private record Followed(SseClient stream, long thread) {
    }

    Random random(long offset) {
        return new Random(seed + offset);
    }

    /** Runs {@code loop} on a virtual thread; loops check {@link #stopping()}. */
    void start(String name, Runnable loop) {
        threads.add(Thread.ofVirtual().name(name).start(loop));
    }

    /**
     * Visitor {@code poster} posts new messages to its thread until {@link #finish}, each resubmitted until acknowledged
     * (or abandoned, by the policy), with a pause of {@code pause} ms plus up to {@code jitter} ms between messages.
     */
    void posts(String poster, Web visitor, Ledger.Policy policy, Random r, int pause, int jitter) {
        start("poster-" + poster, () -> {
            while (!stopping()) {
                Ledger.Sent s = ledger.next(poster, visitor.threadId(), poster + " yazıyor " + Long.toHexString(r.nextLong()));
                ledger.postUntilAcked(visitor, "/messages", s, policy, r, this::aborted);
                if (jitter > 0) {
                    AppProcess.pause(pause + r.nextInt(jitter));
                }
            }
        });
    }

    /** Follows a stream from its start; {@link #check} expects it to end with exactly the stored messages of {@code thread}. */
    void follow(String name, Web web, String path, long thread, long seedOffset) {
        followers.add(new Followed(SseClient.follow(name, web, path, seed + seedOffset), thread));
    }

    /** Follows the visitor's page stream, as visitor number {@code visitors.size()}. */
    synchronized Web followVisitor(Web visitor) {
        follow("visitor-" + visitors.size(), visitor, "/events?last_event_id=0", visitor.threadId(), visitors.size());
        visitors.add(visitor);
        return visitor;
    }

    List<SseClient> streams() {
        return followers.stream().map(Followed::stream).toList();
    }

    void awaitStreamsOpen(Duration within) {
        Eventually.until("every stream open", within, () -> followers.stream().allMatch(f -> f.stream().opened() > 0));
    }

    /** Waits for {@code more} further acknowledged posts: the app is serving again. */
    void awaitAcks(String what, Duration within, int more) {
        int before = ledger.acks();
        Eventually.until(what, within, () -> ledger.acks() > before + more);
    }

    /** True once the loops should not start another message. */
    boolean stopping() {
        return stopping.get();
    }

    /** True once retries should give up (the test is over). */
    boolean aborted() {
        return aborted.get();
    }

    /** Stops starting new messages and waits for the loops to finish the ones they are on. */
    void finish(Duration within) throws InterruptedException {
        stopping.set(true);
        Instant deadline = Instant.now().plus(within);
        for (Thread t : threads) {
            if (!t.join(Duration.between(Instant.now(), deadline))) {
                throw new AssertionError(t.getName() + " did not finish within " + within + " (seed " + seed + ")");
            }
        }
    }

    /**
     * The store against the ledger ({@link Ledger#verify}), each followed stream against its thread in the store (all of
     * it, no duplicate, in order, and no resync unless {@code resyncAllowed}), and every answer the posters got. The
     * verdict's failures hold all of it; the run's figures are printed.
     */
    Ledger.Verdict check(AppProcess app, TestDatabase db, Duration wait, boolean resyncAllowed) {
        List<StoredMessages.Row> rows = StoredMessages.all(db);
        Ledger.Verdict verdict = ledger.verify(rows);
        List<String> failures = new ArrayList<>(verdict.failures());
        for (Followed followed : followers) {
            SseClient f = followed.stream();
            List<Long> expected = StoredMessages.ids(rows, followed.thread());
            // Once it is clearly failing, do not wait out every stream of a large crowd.
            if (!f.awaitShows(expected, failures.size() > 20 ? Duration.ofMillis(1) : wait)) {
                failures.add(f.name() + " shows " + f.shown().size() + " of " + expected.size() + " messages; missing "
                        + expected.stream().filter(id -> !f.shown().contains(id)).toList() + "; " + f);
            }
            if (f.duplicates() > 0 || f.outOfOrder() > 0 || (!resyncAllowed && f.resyncs() > 0)) {
                failures.add(f.toString());
            }
            failures.addAll(f.problems());
        }
        failures.addAll(ledger.problems());
        System.out.println("[faults] " + app + ": " + verdict + ", " + followers.size() + " streams, answers " + ledger.outcomeCounts()
                + ", seed " + seed);
        return verdict.with(failures.size() > 40 ? failures.subList(0, 40) : failures);
    }

    @Override
    public void close() {
        stopping.set(true);
        aborted.set(true);
        followers.forEach(f -> f.stream().close());
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
