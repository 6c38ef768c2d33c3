package sohbet.web;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http1.Http1ConnectionListener;

/**
 * Cuts a connection whose request headers or body stop arriving. Helidon's listener has no read
 * timeout on its NIO sockets (its idle check only closes a connection waiting for its next request),
 * so a client sending a byte now and then could hold a connection, and a virtual thread, for as long
 * as it liked. Each connection is served by one virtual thread that blocks while reading; when a
 * deadline passes, that thread is interrupted, which closes the socket (an interrupted read on an
 * NIO channel closes the channel).
 *
 * <p>Headers get {@code timeout} from the end of the request line. A body gets {@code timeout} plus
 * one second per {@link #MIN_BYTES_PER_SECOND} bytes it declares, so a large upload over a slow
 * line still arrives, while a stalled form post is cut after about {@code timeout}. Requests
 * without a body (SSE streams among them) are never timed: they carry their own heartbeat.
 */
public final class StalledRequests implements Http1ConnectionListener, AutoCloseable {
    /** The slowest upload still waited for: 32 KB/s, a weak mobile line. */
    public static final long MIN_BYTES_PER_SECOND = 32 * 1024;

    private final Duration timeout;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stalled-requests");
        t.setDaemon(true);
        return t;
    });
    private final ThreadLocal<Deadline> headers = new ThreadLocal<>();

    public StalledRequests(Duration timeout) {
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        headers.set(arm(timeout));
    }

    @Override
    public void headers(ConnectionContext ctx, Headers received) {
        Deadline d = headers.get();
        headers.remove();
        if (d != null) {
            d.disarm();
        }
    }

    /** Routing filter: times the body, and reads whatever of it the route left, under the same deadline. */
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!req.content().hasEntity()) {
            chain.proceed();
            return;
        }
        long declared = req.headers().contentLength().orElse(0);
        Deadline d = arm(timeout.plusSeconds(declared / MIN_BYTES_PER_SECOND));
        try {
            chain.proceed();
            if (!req.content().consumed() && !res.headers().contains(HeaderValues.CONNECTION_CLOSE)) {
                try {
                    req.content().consume();
                } catch (RuntimeException unreadable) {
                    // Helidon closes a connection whose body it cannot finish reading.
                }
            }
        } catch (RuntimeException e) {
            if (d.fired()) {
                // The route saw its body cut off; the connection is closed, nobody reads an answer.
                return;
            }
            throw e;
        } finally {
            d.disarm();
        }
    }

    private Deadline arm(Duration after) {
        Deadline d = new Deadline(Thread.currentThread());
        d.future = timer.schedule(d::fire, after.toMillis(), TimeUnit.MILLISECONDS);
        return d;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One armed deadline; after {@link #disarm} returns it can no longer interrupt its thread. */
    private static final class Deadline {
        private final Thread thread;
        private volatile ScheduledFuture<?> future;
        private boolean done;
        private boolean fired;

        Deadline(Thread thread) {
            this.thread = thread;
        }

        synchronized void fire() {
            if (!done) {
                fired = true;
                thread.interrupt();
            }
        }

        synchronized boolean fired() {
            return fired;
        }

        void disarm() {
            boolean interrupted;
            synchronized (this) {
                done = true;
                interrupted = fired;
            }
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
            if (interrupted) {
                // Whatever the interrupt was meant to stop has ended; the next request on this thread starts clean.
                Thread.interrupted();
            }
        }
    }
}
