package sohbet.live;

import java.time.Duration;
import java.util.logging.Logger;

import io.helidon.http.HeaderNames;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;

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
        void open(SseSink sink);

        void event(SseSink sink, LiveEvent event);

        /** Called when the queue has just run empty: the moment to send coalesced updates. */
        default void idle(SseSink sink) {
        }
    }

    private final LiveHub hub;
    private final Duration heartbeat;

    public SseStream(LiveHub hub, Duration heartbeat) {
        this.hub = hub;
        this.heartbeat = heartbeat;
    }

    public void run(ServerResponse res, Subscriber sub, Handler handler) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.create("X-Accel-Buffering"), "no");
        SseSink sink = null;
        try {
            sink = res.sink(SseSink.TYPE);
            sink.emit(SseEvent.builder().comment("open").reconnectDelay(Duration.ofSeconds(2)).build());
            handler.open(sink);
            while (!sub.dropped()) {
                LiveEvent e = sub.next(heartbeat.toMillis());
                if (e == null) {
                    sink.emit(SseEvent.builder().comment("hb").build());
                    continue;
                }
                if (e instanceof LiveEvent.Stop) {
                    break;
                }
                handler.event(sink, e);
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

    public static SseEvent event(String name, String data) {
        return SseEvent.builder().name(name).data(data).build();
    }

    public static SseEvent event(String name, long id, String data) {
        return SseEvent.builder().name(name).id(Long.toString(id)).data(data).build();
    }
}
