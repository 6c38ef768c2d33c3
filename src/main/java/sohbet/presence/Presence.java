package sohbet.presence;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Who is online: a visitor while one of its streams is open, the admin while a panel stream is open.
 * Going offline waits a grace period, so a reload (close, then reopen a moment later) does not flap.
 */
public final class Presence implements AutoCloseable {

    /** Told of each real change, after the grace period for going offline. */
    public interface Listener {
        void visitorChanged(long threadId, boolean online);

        void adminChanged(boolean online);
    }

    private static final long ADMIN = -1;

    private final Duration grace;
    private final Map<Long, Integer> streams = new HashMap<>();
    private final Set<Long> online = new HashSet<>();
    private final ScheduledExecutorService timer;
    private volatile Listener listener = new Listener() {
        @Override
        public void visitorChanged(long threadId, boolean online) {
        }

        @Override
        public void adminChanged(boolean online) {
        }
    };

    public Presence(Duration grace) {
        this.grace = grace;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "presence-grace");
            t.setDaemon(true);
            return t;
        });
    }

    public void listener(Listener listener) {
        this.listener = listener;
    }

    public void visitorConnected(long threadId) {
        connected(threadId);
    }

    public void visitorDisconnected(long threadId) {
        disconnected(threadId);
    }

    public void adminConnected() {
        connected(ADMIN);
    }

    public void adminDisconnected() {
        disconnected(ADMIN);
    }

    public synchronized boolean visitorOnline(long threadId) {
        return online.contains(threadId);
    }

    public synchronized boolean adminOnline() {
        return online.contains(ADMIN);
    }

    private void connected(long key) {
        boolean changed;
        synchronized (this) {
            streams.merge(key, 1, Integer::sum);
            changed = online.add(key);
        }
        if (changed) {
            notifyChange(key, true);
        }
    }

    private void disconnected(long key) {
        synchronized (this) {
            Integer left = streams.merge(key, -1, Integer::sum);
            if (left == null || left > 0) {
                return;
            }
            streams.remove(key);
        }
        timer.schedule(() -> expireIfStillGone(key), grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void expireIfStillGone(long key) {
        boolean changed;
        synchronized (this) {
            changed = !streams.containsKey(key) && online.remove(key);
        }
        if (changed) {
            notifyChange(key, false);
        }
    }

    private void notifyChange(long key, boolean isOnline) {
        if (key == ADMIN) {
            listener.adminChanged(isOnline);
        } else {
            listener.visitorChanged(key, isOnline);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
