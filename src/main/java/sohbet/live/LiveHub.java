package sohbet.live;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import sohbet.chat.Message;

/**
 * Fan-out of committed events to open SSE streams. Each subscriber owns a bounded queue that only
 * its own stream thread drains; a subscriber that cannot keep up is dropped, never waited for, so
 * one slow phone cannot hold up the others.
 */
public final class LiveHub {
    private static final Logger LOG = Logger.getLogger(LiveHub.class.getName());

    private final Map<Long, Set<Subscriber>> visitors = new ConcurrentHashMap<>();
    private final Set<Subscriber> admins = ConcurrentHashMap.newKeySet();
    private final int queueCapacity;
    private volatile boolean closed;

    public LiveHub(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }

    public Subscriber subscribeVisitor(long threadId) {
        Subscriber s = new Subscriber(threadId, false, queueCapacity);
        visitors.computeIfAbsent(threadId, k -> ConcurrentHashMap.newKeySet()).add(s);
        if (closed) {
            s.drop();
        }
        return s;
    }

    public Subscriber subscribeAdmin(long selectedThreadId) {
        Subscriber s = new Subscriber(selectedThreadId, true, queueCapacity);
        admins.add(s);
        if (closed) {
            s.drop();
        }
        return s;
    }

    public void unsubscribe(Subscriber s) {
        if (s.admin()) {
            admins.remove(s);
        } else {
            visitors.computeIfPresent(s.threadId(), (k, set) -> {
                set.remove(s);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /** A message was committed: its thread's visitor streams and every admin stream hear of it. */
    public void messageStored(Message m) {
        LiveEvent.NewMessage event = new LiveEvent.NewMessage(m);
        Set<Subscriber> own = visitors.get(m.threadId());
        if (own != null) {
            own.forEach(s -> deliver(s, event));
        }
        admins.forEach(s -> deliver(s, event));
    }

    /** The admin came online or went away: every visitor stream shows it. */
    public void adminPresenceChanged(boolean online) {
        LiveEvent.AdminPresence event = new LiveEvent.AdminPresence(online);
        visitors.values().forEach(set -> set.forEach(s -> deliver(s, event)));
    }

    /** A visitor came online or went away: admin streams update the list and the open thread. */
    public void visitorPresenceChanged(long threadId, boolean online) {
        LiveEvent.VisitorPresence event = new LiveEvent.VisitorPresence(threadId, online);
        admins.forEach(s -> deliver(s, event));
    }

    /** Something in the thread list changed other than a message (a rename, a close). */
    public void threadChanged(long threadId) {
        LiveEvent.ThreadChanged event = new LiveEvent.ThreadChanged(threadId);
        admins.forEach(s -> deliver(s, event));
    }

    /** Every stream re-reads the store (after announcements from other instances may have been lost). */
    public void catchUpAll() {
        LiveEvent.CatchUp event = new LiveEvent.CatchUp();
        admins.forEach(s -> deliver(s, event));
        visitors.values().forEach(set -> set.forEach(s -> deliver(s, event)));
    }

    public int subscriberCount() {
        return admins.size() + visitors.values().stream().mapToInt(Set::size).sum();
    }

    /** Ends every stream, for shutdown. */
    public void close() {
        closed = true;
        admins.forEach(Subscriber::drop);
        visitors.values().forEach(set -> set.forEach(Subscriber::drop));
    }

    private void deliver(Subscriber s, LiveEvent event) {
        if (!s.offer(event)) {
            LOG.fine(() -> "Dropping a stream that fell " + queueCapacity + " events behind (thread " + s.threadId() + ")");
            s.drop();
        }
    }
}
