package sohbet.live;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/** One open stream's mailbox. Written by the hub, drained only by the stream's own thread. */
public final class Subscriber {
    private final long threadId;
    private final boolean admin;
    private final ArrayBlockingQueue<LiveEvent> queue;
    private final long openedAt = System.nanoTime();
    private volatile boolean dropped;

    Subscriber(long threadId, boolean admin, int capacity) {
        this.threadId = threadId;
        this.admin = admin;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** The visitor's thread, or for an admin stream the thread open in the panel (0 for none). */
    public long threadId() {
        return threadId;
    }

    long openedAt() {
        return openedAt;
    }

    public boolean admin() {
        return admin;
    }

    public boolean dropped() {
        return dropped;
    }

    boolean offer(LiveEvent event) {
        return !dropped && queue.offer(event);
    }

    void drop() {
        dropped = true;
        queue.clear();
        queue.offer(new LiveEvent.Stop());
    }

    /** The next event, or null when {@code timeoutMillis} passed without one (time for a heartbeat). */
    public LiveEvent next(long timeoutMillis) throws InterruptedException {
        return queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }
}
