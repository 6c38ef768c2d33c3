package sohbet.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real SSE connection over a socket, parsed by the text/event-stream rules, for asserting what a page would get. */
public final class SseClient implements AutoCloseable {
    /** One dispatched event; {@code data} joins multi-line data with '\n' as EventSource does. */
    public record Event(String id, String name, String data) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Event> seen = new ArrayList<>();
    private final InputStream body;
    private final int status;
    private volatile boolean ended;

    private SseClient(InputStream body, int status) {
        this.body = body;
        this.status = status;
        Thread.ofVirtual().start(this::read);
    }

    public static SseClient open(Web web, String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(web.base().resolve(path)).header("Accept", "text/event-stream");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<InputStream> res = web.http().send(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            return new SseClient(res.body(), res.statusCode());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return status;
    }

    /** The next event matching {@code p} within the timeout; earlier non-matching events are kept in {@link #seen()}. */
    public Event await(Predicate<Event> p, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try {
            while (Instant.now().isBefore(deadline)) {
                Event e = events.poll(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
                if (e != null) {
                    synchronized (seen) {
                        seen.add(e);
                    }
                    if (p.test(e)) {
                        return e;
                    }
                }
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no matching event within " + timeout + "; saw " + seen());
    }

    public Event await(String name, Duration timeout) {
        return await(e -> e.name().equals(name), timeout);
    }

    /** Events that arrive within {@code window}; for asserting that something does NOT come. */
    public List<Event> drain(Duration window) {
        List<Event> out = new ArrayList<>();
        Instant deadline = Instant.now().plus(window);
        try {
            while (Instant.now().isBefore(deadline)) {
                Event e = events.poll(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
                if (e != null) {
                    out.add(e);
                    synchronized (seen) {
                        seen.add(e);
                    }
                }
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    public List<Event> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    public boolean ended() {
        return ended;
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = null;
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, name == null ? "message" : name, data.toString()));
                    }
                    name = null;
                    data = null;
                    continue;
                }
                if (line.startsWith(":")) {
                    continue;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "id" -> id = value;
                    case "event" -> name = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            // closed
        } finally {
            ended = true;
        }
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
