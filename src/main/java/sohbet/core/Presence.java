package sohbet.core;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Who is online: a visitor while one of its streams is open, the admin while a panel stream is open,
 * on this instance or on any other one that shares the database. Going offline waits a grace period,
 * so a reload (close, then reopen a moment later) does not flap.
 */
public final class Presence implements AutoCloseable {

    /** Told of each real change of the overall state, after the grace period for going offline. */
    public interface Listener {
        void visitorChanged(long threadId, boolean online);

        void adminChanged(boolean online);
    }

    /** Told when this instance's own state changes, so other instances can learn of it. */
    public interface Publisher {
        void localChanged(long key, boolean online);
    }

    /** The key the admin's presence is kept under; visitor keys are thread ids (positive). */
    public static final long ADMIN = -1;

    private final Duration grace;
    private final Map<Long, Integer> streams = new HashMap<>();
    private final Set<Long> local = new HashSet<>();
    private final Map<String, Set<Long>> remote = new HashMap<>();
    private final ScheduledExecutorService timer;
    private volatile Listener listener = new Listener() {
        @Override
        public void visitorChanged(long threadId, boolean online) {
        }

        @Override
        public void adminChanged(boolean online) {
        }
    };
    private volatile Publisher publisher = (key, online) -> { };

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

    public void publisher(Publisher publisher) {
        this.publisher = publisher;
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
        return online(threadId);
    }

    public synchronized boolean adminOnline() {
        return online(ADMIN);
    }

    /** Keys online on this instance, to tell an instance that just joined. */
    public synchronized Set<Long> localSnapshot() {
        return Set.copyOf(local);
    }

    /** Another instance reported a change of its own state. */
    public void remoteChanged(String instance, long key, boolean isOnline) {
        boolean before;
        boolean after;
        synchronized (this) {
            before = online(key);
            Set<Long> keys = remote.computeIfAbsent(instance, k -> new HashSet<>());
            if (isOnline) {
                keys.add(key);
            } else {
                keys.remove(key);
            }
            after = online(key);
        }
        if (before != after) {
            notifyChange(key, after);
        }
    }

    /** Another instance stopped answering: whatever it alone had online is gone. */
    public void instanceGone(String instance) {
        Set<Long> wentOffline = new HashSet<>();
        synchronized (this) {
            Set<Long> keys = remote.remove(instance);
            if (keys != null) {
                keys.stream().filter(k -> !online(k)).forEach(wentOffline::add);
            }
        }
        wentOffline.forEach(key -> notifyChange(key, false));
    }

    private boolean online(long key) {
        if (local.contains(key)) {
            return true;
        }
        for (Set<Long> keys : remote.values()) {
            if (keys.contains(key)) {
                return true;
            }
        }
        return false;
    }

    private void connected(long key) {
        boolean localChange;
        boolean overallChange;
        synchronized (this) {
            streams.merge(key, 1, Integer::sum);
            boolean before = online(key);
            localChange = local.add(key);
            overallChange = !before;
        }
        if (localChange) {
            publisher.localChanged(key, true);
        }
        if (overallChange) {
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
        boolean localChange;
        boolean overallChange;
        synchronized (this) {
            localChange = !streams.containsKey(key) && local.remove(key);
            overallChange = localChange && !online(key);
        }
        if (localChange) {
            publisher.localChanged(key, false);
        }
        if (overallChange) {
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
