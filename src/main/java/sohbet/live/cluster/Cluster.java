package sohbet.live.cluster;

import sohbet.live.LiveHub;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import io.helidon.dbclient.DbExecute;
import sohbet.core.Message;
import sohbet.core.MessageListener;
import sohbet.core.Messages;
import sohbet.core.Presence;
import sohbet.store.Database;

/**
 * Makes instances that share one PostgreSQL behave as one: a message committed anywhere reaches
 * streams everywhere, and presence is the union of every instance's streams. Instances say hello
 * when they (re)connect, are answered with everyone's online keys, and send a heartbeat; one that
 * falls silent is forgotten, and what only it had online goes offline.
 *
 * <p>The wire format is written and read here only, one NOTIFY each: {@code m|inst|thread|id|previous}
 * (sent inside the message's transaction, so it is heard only if it committed), {@code p|inst|key|1/0}, {@code t|inst|thread|v/a}
 * (typing), {@code r|inst|thread} (read), {@code h|inst}, {@code hello|inst}.
 */
public final class Cluster implements MessageListener, LiveHub.Relay, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Cluster.class.getName());

    private final String me;
    private final LiveHub hub;
    private final Presence presence;
    private final Messages messages;
    private final Clock clock;
    private final Duration heartbeat;
    private final Map<String, Instant> lastHeard = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final PgBus bus;

    public Cluster(Database db, LiveHub hub, Presence presence, Messages messages, Clock clock, Duration heartbeat) {
        this.me = db.instanceId();
        this.hub = hub;
        this.presence = presence;
        this.messages = messages;
        this.clock = clock;
        this.heartbeat = heartbeat;
        this.bus = new PgBus(db.postgresUrl(), db, new PgBus.Receiver() {
            @Override
            public void received(String payload) {
                apply(payload);
            }

            @Override
            public void connected() {
                publishQuietly("hello|" + me);
                // Anything announced while we were not listening is only in the database now.
                hub.catchUpAll();
            }
        });
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("cluster-heartbeat").unstarted(r));
    }

    @Override
    public void inTransaction(DbExecute tx, Messages.Stored stored) {
        Message m = stored.message();
        PgBus.notifyIn(tx, "m|" + me + "|" + m.threadId() + "|" + m.id() + "|" + stored.previousInThread());
    }

    /** Tells the other instances that a presence key (a visitor's thread, or the admin) went on- or offline. */
    public void presenceChanged(long key, boolean online) {
        publishQuietly("p|" + me + "|" + key + "|" + (online ? 1 : 0));
    }

    // Typing and read marks are only worth sending live; a lost one is harmless.
    @Override
    public void typing(long threadId, boolean byVisitor) {
        publishQuietly("t|" + me + "|" + threadId + "|" + (byVisitor ? "v" : "a"));
    }

    @Override
    public void threadRead(long threadId) {
        publishQuietly("r|" + me + "|" + threadId);
    }

    public Cluster start() {
        bus.start();
        long every = heartbeat.toMillis();
        timer.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
        return this;
    }

    private void beat() {
        publishQuietly("h|" + me);
        Instant deadline = clock.instant().minus(heartbeat.multipliedBy(4));
        lastHeard.forEach((instance, heard) -> {
            if (heard.isBefore(deadline) && lastHeard.remove(instance, heard)) {
                LOG.info(() -> "Instance " + instance + " fell silent; forgetting its presence");
                presence.instanceGone(instance);
            }
        });
    }

    void apply(String payload) {
        String[] f = payload.split("\\|");
        if (f.length < 2 || f[1].equals(me)) {
            return;
        }
        String from = f[1];
        lastHeard.put(from, clock.instant());
        switch (f[0]) {
            case "m" -> {
                // One read per instance, then its streams deliver from the event like local ones.
                long previous = f.length > 4 ? Long.parseLong(f[4]) : -1;
                messages.byId(Long.parseLong(f[3])).ifPresent(m -> hub.messageStored(m, previous));
            }
            case "p" -> presence.remoteChanged(from, Long.parseLong(f[2]), "1".equals(f[3]));
            case "t" -> hub.remoteTyping(Long.parseLong(f[2]), "v".equals(f[3]));
            case "r" -> hub.remoteThreadRead(Long.parseLong(f[2]));
            case "hello" -> presence.localSnapshot().forEach(key -> publishQuietly("p|" + me + "|" + key + "|1"));
            default -> {
            }
        }
    }

    private void publishQuietly(String payload) {
        try {
            bus.publish(payload);
        } catch (RuntimeException e) {
            // Presence and heartbeats are refreshed continually; a lost one heals on the next.
            LOG.fine(() -> "Could not publish " + payload + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        bus.close();
    }
}
