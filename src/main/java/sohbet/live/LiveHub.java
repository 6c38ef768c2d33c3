package sohbet.live;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import sohbet.core.ChatEvents;
import sohbet.core.Message;

/**
 * Fan-out of committed events to open SSE streams. Each subscriber owns a bounded queue that only
 * its own stream thread drains; a subscriber that cannot keep up is dropped, never waited for, so
 * one slow phone cannot hold up the others.
 */
public final class LiveHub implements ChatEvents {
    private static final Logger LOG = Logger.getLogger(LiveHub.class.getName());

    private final Map<Long, Set<Subscriber>> visitors = new ConcurrentHashMap<>();
    private final Set<Subscriber> admins = ConcurrentHashMap.newKeySet();
    private final int queueCapacity;
    private final java.util.concurrent.atomic.AtomicInteger total = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean closed;

    /** Counts changes that may alter the admin's thread list; panel tabs share a rendering per version. */
    private final java.util.concurrent.atomic.AtomicLong listVersion = new java.util.concurrent.atomic.AtomicLong();

    /** Events a visitor's stream may have waiting before it counts as too slow and is dropped (it reconnects and catches up). */
    static final int VISITOR_QUEUE = 32;

    public LiveHub(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }

    public Subscriber subscribeVisitor(long threadId) {
        // A visitor's stream carries one conversation (a few events a second at most), while a panel tab carries
        // every thread's: a small queue each keeps thousands of open visitor streams cheap (bench: streams).
        Subscriber s = new Subscriber(threadId, false, Math.min(queueCapacity, VISITOR_QUEUE));
        visitors.computeIfAbsent(threadId, k -> ConcurrentHashMap.newKeySet()).add(s);
        total.incrementAndGet();
        if (closed) {
            s.drop();
        }
        return s;
    }

    public Subscriber subscribeAdmin(long selectedThreadId) {
        Subscriber s = new Subscriber(selectedThreadId, true, queueCapacity);
        admins.add(s);
        total.incrementAndGet();
        if (closed) {
            s.drop();
        }
        return s;
    }

    public void unsubscribe(Subscriber s) {
        boolean removed;
        if (s.admin()) {
            removed = admins.remove(s);
        } else {
            boolean[] gone = new boolean[1];
            visitors.computeIfPresent(s.threadId(), (k, set) -> {
                gone[0] = set.remove(s);
                return set.isEmpty() ? null : set;
            });
            removed = gone[0];
        }
        if (removed) {
            total.decrementAndGet();
        }
    }

    /**
     * Ends the oldest stream of a visitor's thread. A browser that reconnected leaves its old stream
     * behind until a write fails; making room this way means a flapping connection is never refused.
     */
    public void dropOldestVisitorStream(long threadId) {
        Set<Subscriber> set = visitors.get(threadId);
        if (set != null) {
            set.stream().min(java.util.Comparator.comparingLong(Subscriber::openedAt)).ifPresent(Subscriber::drop);
        }
    }

    /** Streams open for one visitor's thread (tabs, or a client opening too many). */
    public int visitorStreams(long threadId) {
        Set<Subscriber> set = visitors.get(threadId);
        return set == null ? 0 : set.size();
    }

    /**
     * A message was committed: its thread's visitor streams and every admin stream hear of it.
     * {@code previousInThread}: the id before it in the thread, or -1 when not known.
     */
    @Override
    public void messageStored(Message m, long previousInThread) {
        listVersion.incrementAndGet();
        LiveEvent.NewMessage event = new LiveEvent.NewMessage(m, previousInThread);
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
        listVersion.incrementAndGet();
        LiveEvent.VisitorPresence event = new LiveEvent.VisitorPresence(threadId, online);
        admins.forEach(s -> deliver(s, event));
    }

    /** Passes typing and read marks on to other instances (messages and presence travel their own way). */
    public interface Relay {
        void typing(long threadId, boolean byVisitor);

        void threadRead(long threadId);
    }

    private volatile Relay relay;

    public void relay(Relay relay) {
        this.relay = relay;
    }

    /** Typing is shown on the other side only: the visitor's streams for the admin, the admin's for the visitor. */
    public void typing(long threadId, boolean byVisitor) {
        remoteTyping(threadId, byVisitor);
        Relay r = relay;
        if (r != null) {
            r.typing(threadId, byVisitor);
        }
    }

    /** Typing reported by another instance: shown here, not passed on again. */
    public void remoteTyping(long threadId, boolean byVisitor) {
        LiveEvent.Typing event = new LiveEvent.Typing(threadId, byVisitor);
        if (byVisitor) {
            admins.stream().filter(s -> s.threadId() == threadId).forEach(s -> deliver(s, event));
        } else {
            Set<Subscriber> own = visitors.get(threadId);
            if (own != null) {
                own.forEach(s -> deliver(s, event));
            }
        }
    }

    /** The admin read the thread: its visitor sees "seen". */
    @Override
    public void threadRead(long threadId) {
        remoteThreadRead(threadId);
        Relay r = relay;
        if (r != null) {
            r.threadRead(threadId);
        }
    }

    /** A read mark from another instance. */
    public void remoteThreadRead(long threadId) {
        listVersion.incrementAndGet();
        LiveEvent.ThreadRead event = new LiveEvent.ThreadRead(threadId);
        Set<Subscriber> own = visitors.get(threadId);
        if (own != null) {
            own.forEach(s -> deliver(s, event));
        }
        admins.forEach(s -> deliver(s, new LiveEvent.ThreadChanged(threadId)));
    }

    /** Something in the thread list changed other than a message (a rename, a close). */
    @Override
    public void threadChanged(long threadId) {
        listVersion.incrementAndGet();
        LiveEvent.ThreadChanged event = new LiveEvent.ThreadChanged(threadId);
        admins.forEach(s -> deliver(s, event));
    }

    /** Every stream re-reads the store (after announcements from other instances may have been lost). */
    public void catchUpAll() {
        listVersion.incrementAndGet();
        LiveEvent.CatchUp event = new LiveEvent.CatchUp();
        admins.forEach(s -> deliver(s, event));
        visitors.values().forEach(set -> set.forEach(s -> deliver(s, event)));
    }

    /** Grows with every change that may alter the thread list; read it before rendering the list. */
    public long listVersion() {
        return listVersion.get();
    }

    public int subscriberCount() {
        return total.get();
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
