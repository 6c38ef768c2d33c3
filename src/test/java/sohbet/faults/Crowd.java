package sohbet.faults;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import sohbet.support.SseClient;

/**
 * The test's clients (posting loops and live streams) as one thing that always stops: {@link #finish}
 * lets the loops complete the message they are on, {@link #close} (also on a failed assertion) ends
 * everything at once, so no client outlives its test.
 */
final class Crowd implements AutoCloseable {
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean aborted = new AtomicBoolean();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<SseClient> followers = new CopyOnWriteArrayList<>();

    /** Runs {@code loop} on a virtual thread; loops check {@link #stopping()}. */
    Thread start(String name, Runnable loop) {
        Thread t = Thread.ofVirtual().name(name).start(loop);
        threads.add(t);
        return t;
    }

    SseClient follow(SseClient f) {
        followers.add(f);
        return f;
    }

    List<SseClient> followers() {
        return List.copyOf(followers);
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
        for (Thread t : threads) {
            if (!t.join(within)) {
                throw new AssertionError(t.getName() + " did not finish within " + within);
            }
        }
    }

    @Override
    public void close() {
        stopping.set(true);
        aborted.set(true);
        followers.forEach(SseClient::close);
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
