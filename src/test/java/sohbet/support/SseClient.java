package sohbet.support;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page's live stream over a plain socket, parsed by the text/event-stream rules. {@link #open} is one
 * connection, for asserting what a page gets; {@link #follow} reconnects as a browser's EventSource does
 * (sending the id of the last event as {@code Last-Event-ID}, the URL keeping the id the page was loaded
 * with), for streams cut by the test, a crash or the server. Either way the page's message list is
 * modelled: a {@code message} event appends its id (a second copy counts as a duplicate), a
 * {@code resync} replaces the list. Longer than most classes: connection, parsing and the page model
 * belong together, and splitting them would only spread the same state over three files.
 */
public final class SseClient implements AutoCloseable {
    /** One dispatched event; {@code data} joins multi-line data with '\n' as EventSource does. */
    public record Event(String id, String name, String data) {
    }

    private static final Pattern DOM_ID = Pattern.compile("id=\"m-(\\d+)\"");
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Web web;
    private final String path;
    private final String[] headers;
    private final boolean reconnect;
    private final Random rnd;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Event> seen = new ArrayList<>();
    private final List<Long> shown = new ArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicInteger connects = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicInteger cuts = new AtomicInteger();
    private final CompletableFuture<Integer> firstStatus = new CompletableFuture<>();
    private volatile long lastEventId;
    private volatile int duplicates;
    private volatile int outOfOrder;
    private volatile int resyncs;
    private volatile int messages;
    private volatile boolean closed;
    private volatile boolean ended;
    private volatile Socket socket;
    private Thread thread;

    private SseClient(String name, Web web, String path, boolean reconnect, long seed, String... headers) {
        this.name = name;
        this.web = web;
        this.path = path;
        this.reconnect = reconnect;
        this.rnd = new Random(seed);
        this.headers = headers;
    }

    /** One connection, open once its answer's head is in; {@code headers} go with it (a Last-Event-ID, an Origin). */
    public static SseClient open(Web web, String path, String... headers) {
        SseClient c = new SseClient(path, web, path, false, 0, headers).start();
        try {
            c.firstStatus.get(READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer to GET " + path + ": " + e);
        }
        return c;
    }

    /** A stream that reconnects whenever it ends, until closed; {@code seed} varies its reconnect pauses. */
    public static SseClient follow(String name, Web web, String path, long seed) {
        return new SseClient(name, web, path, true, seed).start();
    }

    private SseClient start() {
        thread = Thread.ofVirtual().name("sse-" + name).start(this::run);
        return this;
    }

    /** The status of the first answer (0 if there was none). */
    public int status() {
        return firstStatus.getNow(0);
    }

    /** The next event matching {@code p} within the timeout; earlier non-matching events are kept in {@link #seen()}. */
    public Event await(Predicate<Event> p, Duration timeout) {
        for (Event e : poll(timeout, p)) {
            if (p.test(e)) {
                return e;
            }
        }
        throw new AssertionError("no matching event within " + timeout + "; saw " + seen());
    }

    public Event await(String name, Duration timeout) {
        return await(e -> e.name().equals(name), timeout);
    }

    /** Events that arrive within {@code window}; for asserting that something does NOT come. */
    public List<Event> drain(Duration window) {
        return poll(window, e -> false);
    }

    private List<Event> poll(Duration window, Predicate<Event> stopAt) {
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
                    if (stopAt.test(e)) {
                        break;
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

    public String name() {
        return name;
    }

    /** Cuts the current connection from the client side, as a phone losing its network would. */
    public void cut() {
        Socket s = socket;
        if (s != null) {
            cuts.incrementAndGet();
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    /** The message ids the page shows. */
    public synchronized List<Long> shown() {
        return List.copyOf(shown);
    }

    /** Every message and resync event in arrival order, as "message:ID" or "resync:ID". */
    public List<String> log() {
        return List.copyOf(log);
    }

    /** Waits until the page shows exactly {@code expected}; false on timeout. */
    public boolean awaitShows(List<Long> expected, Duration within) {
        try {
            Eventually.until("the page showing " + expected.size() + " messages", within, () -> shown().equals(expected));
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }

    public int connects() {
        return connects.get();
    }

    /** Connections answered 200 (streams that opened). */
    public int opened() {
        return opened.get();
    }

    public int refusals() {
        return refusals.get();
    }

    public int duplicates() {
        return duplicates;
    }

    public int outOfOrder() {
        return outOfOrder;
    }

    public int resyncs() {
        return resyncs;
    }

    public int messages() {
        return messages;
    }

    /** What a page could not live with: a server fault, a refused reconnect, a silent stream, a malformed event. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    private void run() {
        while (!closed) {
            boolean refused = connectOnce();
            if (!reconnect || closed) {
                break;
            }
            // EventSource waits the server's retry (2 s); a shorter wait keeps the test quick and the race window wide.
            // While nothing listens or the server refuses (a restart, a full server), wait longer: hundreds of
            // streams must not starve the starting app.
            pause(refused ? 150 + rnd.nextInt(150) : 20 + rnd.nextInt(60));
        }
        ended = true;
        firstStatus.complete(0);
    }

    /** One connection, read until it ends; true when nothing listened on the port. */
    private boolean connectOnce() {
        try (Socket s = new Socket()) {
            socket = s;
            if (closed) {
                return false;
            }
            int port = web.base().getPort();
            RawHttp.connect(s, port, READ_TIMEOUT);
            connects.incrementAndGet();
            OutputStream out = s.getOutputStream();
            out.write(request(port).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new BufferedInputStream(s.getInputStream());
            RawHttp.Head head = RawHttp.readHead(in);
            if (head == null) {
                return false;
            }
            firstStatus.complete(head.status());
            if (head.status() != 200) {
                refused(head.status());
                return true;
            }
            opened.incrementAndGet();
            InputStream body = head.chunked() ? new RawHttp.ChunkedInput(in) : in;
            readEvents(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)));
        } catch (RawHttp.Refused e) {
            return true;
        } catch (RawHttp.Hung | java.net.SocketTimeoutException e) {
            if (!closed) {
                problems.add(name + ": stream silent for " + READ_TIMEOUT + " (no heartbeat)");
            }
        } catch (IOException | RuntimeException e) {
            // A cut, a crash, a refused connection while the server is down: reconnect as EventSource does.
        } finally {
            socket = null;
        }
        return false;
    }

    private String request(int port) {
        StringBuilder req = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: ").append(RawHttp.HOST).append(':')
                .append(port).append("\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n");
        String cookie = web.cookieHeader(path);
        if (cookie != null) {
            req.append("Cookie: ").append(cookie).append("\r\n");
        }
        boolean first = connects.get() == 1;
        for (int i = 0; first && i < headers.length; i += 2) {
            req.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        if (!first && lastEventId > 0) {
            req.append("Last-Event-ID: ").append(lastEventId).append("\r\n");
        }
        return req.append("\r\n").toString();
    }

    private void refused(int status) {
        refusals.incrementAndGet();
        if (status >= 500 && status != 503) {
            problems.add(name + ": stream answered " + status);
        }
        if (status == 429 || status == 401 || status == 403 || status == 204) {
            problems.add(name + ": stream refused with " + status);
        }
    }

    private void readEvents(BufferedReader r) throws IOException {
        String id = null;
        String event = null;
        StringBuilder data = null;
        String line;
        while ((line = r.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    dispatch(new Event(id, event == null ? "message" : event, data.toString()));
                }
                event = null;
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
                case "event" -> event = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> {
                }
            }
        }
    }

    private synchronized void dispatch(Event e) {
        events.add(e);
        switch (e.name()) {
            case "message" -> {
                log.add("message:" + e.id());
                messages++;
                Matcher m = DOM_ID.matcher(e.data());
                if (e.id() == null || !m.find() || !m.group(1).equals(e.id())) {
                    problems.add(name + ": message event " + e.id() + " does not carry its element m-" + e.id());
                    return;
                }
                long mid = Long.parseLong(e.id());
                lastEventId = mid;
                if (shown.contains(mid)) {
                    duplicates++;
                    return;
                }
                if (!shown.isEmpty() && mid < shown.getLast()) {
                    outOfOrder++;
                }
                shown.add(mid);
            }
            case "resync" -> {
                log.add("resync:" + e.id());
                resyncs++;
                shown.clear();
                Matcher m = DOM_ID.matcher(e.data());
                while (m.find()) {
                    shown.add(Long.parseLong(m.group(1)));
                }
                if (e.id() != null && !e.id().isEmpty()) {
                    lastEventId = Long.parseLong(e.id());
                }
            }
            default -> {
                // presence, typing, seen, threads, toast: not part of the message list
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new java.io.InterruptedIOException());
        }
    }

    @Override
    public void close() {
        closed = true;
        cut();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return name + ": " + connects + " connections, " + cuts + " cuts, " + messages + " message events, " + resyncs + " resyncs, "
                + duplicates + " duplicates, " + outOfOrder + " out of order, " + refusals + " refusals, showing " + shown().size()
                + (problems.isEmpty() ? "" : ", problems " + problems);
    }
}
