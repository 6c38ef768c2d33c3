package sohbet.live;

import java.time.Duration;
import java.util.logging.Logger;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.http.Status;

/**
 * Runs one SSE connection on its request's own (virtual) thread: the only writer of its sink.
 * Waits on the subscriber's queue, writes what comes, sends a heartbeat comment when idle (a gone
 * client is only noticed on a write), and treats a failed write as the close.
 */
public final class SseStream {
    private static final Logger LOG = Logger.getLogger(SseStream.class.getName());

    /** What a particular stream does with its events. */
    public interface Handler {
        /** Initial events: replay, current presence. */
        void open(EventSink sink);

        void event(EventSink sink, LiveEvent event);

        /** Called when the queue has just run empty (or a wake-up came due): the moment to send coalesced updates. */
        default void idle(EventSink sink) {
        }

        /** Milliseconds until {@link #idle} has something due (a throttled update), or Long.MAX_VALUE. */
        default long wakeInMillis() {
            return Long.MAX_VALUE;
        }
    }

    /** What streams report for metrics: opened and closed streams, and each message written to one. */
    public interface Listener {
        void opened(boolean panel);

        void closed(boolean panel);

        /** A message reached a stream {@code latency} after it was stored. */
        void delivered(Duration latency);
    }

    private static final Listener NO_LISTENER = new Listener() {
        @Override
        public void opened(boolean panel) {
        }

        @Override
        public void closed(boolean panel) {
        }

        @Override
        public void delivered(Duration latency) {
        }
    };

    private final LiveHub hub;
    private final Duration heartbeat;
    private final Listener listener;

    public SseStream(LiveHub hub, Duration heartbeat) {
        this(hub, heartbeat, NO_LISTENER);
    }

    public SseStream(LiveHub hub, Duration heartbeat, Listener listener) {
        this.hub = hub;
        this.heartbeat = heartbeat;
        this.listener = listener;
    }

    public void run(ServerResponse res, Subscriber sub, Handler handler) {
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        // no-store keeps a page the visitor left out of the back/forward cache, so its stream ends with it.
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.create("X-Accel-Buffering"), "no");
        EventSink sink = null;
        listener.opened(sub.admin());
        try {
            sink = new EventSink(res.outputStream());
            sink.emit(SseFrame.comment("open", Duration.ofSeconds(2)));
            handler.open(sink);
            long lastBeat = System.nanoTime();
            while (!sub.dropped()) {
                long beatIn = heartbeat.toMillis() - (System.nanoTime() - lastBeat) / 1_000_000;
                LiveEvent e = sub.next(Math.max(1, Math.min(beatIn, handler.wakeInMillis())));
                if (e == null) {
                    handler.idle(sink);
                    if ((System.nanoTime() - lastBeat) / 1_000_000 >= heartbeat.toMillis()) {
                        sink.emit(SseFrame.comment("hb"));
                        lastBeat = System.nanoTime();
                    }
                    continue;
                }
                lastBeat = System.nanoTime();
                if (e instanceof LiveEvent.Stop) {
                    break;
                }
                handler.event(sink, e);
                if (e instanceof LiveEvent.NewMessage m) {
                    listener.delivered(Duration.between(m.message().createdAt(), java.time.Instant.now()));
                }
                if (sub.isEmpty()) {
                    handler.idle(sink);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The client went away (or the server is stopping): a failed write is the close.
            LOG.fine(() -> "Stream closed: " + e);
        } finally {
            listener.closed(sub.admin());
            hub.unsubscribe(sub);
            if (sink != null) {
                try {
                    sink.close();
                } catch (RuntimeException ignored) {
                    // already closed by the peer
                }
            }
        }
    }

    public static SseFrame event(String name, String data) {
        return SseFrame.event(name, data);
    }

    public static SseFrame event(String name, long id, String data) {
        return SseFrame.event(name, id, data);
    }
}
