package sohbet.faults;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page's live stream, as a browser's EventSource keeps it: it reconnects when the connection
 * ends (cut by the test, by a crash, or by the server), sending the id of the last event it got
 * as {@code Last-Event-ID}, while the URL keeps the id the page was loaded with. What the page
 * shows is modelled as a list of message ids: a {@code message} event appends (a second copy
 * of an id is counted as a duplicate), a {@code resync} replaces the list with its ids.
 */
final class Follower implements AutoCloseable {
    private static final Pattern DOM_ID = Pattern.compile("id=\"m-(\\d+)\"");
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Client client;
    private final String path;
    private final Random rnd;
    private final List<Long> shown = new ArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicInteger connects = new AtomicInteger();
    private final AtomicInteger cuts = new AtomicInteger();
    private final AtomicInteger refusals = new AtomicInteger();
    private volatile long lastEventId;
    private volatile int duplicates;
    private volatile int outOfOrder;
    private volatile int resyncs;
    private volatile int messages;
    private volatile boolean closed;
    private volatile Socket socket;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicInteger opened = new AtomicInteger();
    private volatile String firstLastEventId;
    private volatile boolean reconnect = true;
    private Thread thread;

    /**
     * @param path the stream URL as the page has it, e.g. {@code /events?last_event_id=0}
     */
    Follower(String name, Client client, String path, long seed) {
        this.name = name;
        this.client = client;
        this.path = path;
        this.rnd = new Random(seed);
    }

    /** The first connection sends this Last-Event-ID header as is (an unknown, absurd or foreign id). */
    Follower firstLastEventId(String raw) {
        this.firstLastEventId = raw;
        return this;
    }

    /** One connection only: no reconnect when it ends. */
    Follower once() {
        this.reconnect = false;
        return this;
    }

    /** Every message and resync event in arrival order, as "message:ID" or "resync:ID". */
    List<String> log() {
        return List.copyOf(log);
    }

    /** Connections answered 200 (streams that opened). */
    int opened() {
        return opened.get();
    }

    Follower start() {
        thread = Thread.ofVirtual().name("follower-" + name).start(this::run);
        return this;
    }

    /** Cuts the current connection from the client side, as a phone losing its network would. */
    void cut() {
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

    synchronized List<Long> shown() {
        return List.copyOf(shown);
    }

    int connects() {
        return connects.get();
    }

    int cuts() {
        return cuts.get();
    }

    int refusals() {
        return refusals.get();
    }

    int duplicates() {
        return duplicates;
    }

    int outOfOrder() {
        return outOfOrder;
    }

    int resyncs() {
        return resyncs;
    }

    int messages() {
        return messages;
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    String name() {
        return name;
    }

    /** Waits until the page shows exactly {@code expected}; false on timeout. */
    boolean awaitShows(List<Long> expected, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (shown().equals(expected)) {
                return true;
            }
            AppProcess.pause(20);
        }
        return shown().equals(expected);
    }

    private void run() {
        while (!closed) {
            boolean refused = connectOnce();
            if (!reconnect || closed) {
                return;
            }
            // EventSource waits the server's retry (2 s); a shorter wait keeps the test quick and the race window wide.
            // While nothing listens (a restart), wait longer: hundreds of streams must not starve the starting app.
            AppProcess.pause(refused ? 150 + rnd.nextInt(150) : 20 + rnd.nextInt(60));
        }
    }

    /** One connection, read until it ends; true when nothing listened on the port. */
    private boolean connectOnce() {
        try (Socket s = new Socket()) {
            socket = s;
            if (closed) {
                return false;
            }
            RawHttp.connect(s, client.port(), READ_TIMEOUT);
            connects.incrementAndGet();
            OutputStream out = s.getOutputStream();
            StringBuilder req = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: ").append(RawHttp.HOST).append(':')
                    .append(client.port()).append("\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n");
            String cookie = client.cookieHeader();
            if (cookie != null) {
                req.append("Cookie: ").append(cookie).append("\r\n");
            }
            String raw = firstLastEventId;
            if (raw != null) {
                firstLastEventId = null;
                req.append("Last-Event-ID: ").append(raw).append("\r\n");
            } else if (lastEventId > 0) {
                req.append("Last-Event-ID: ").append(lastEventId).append("\r\n");
            }
            req.append("\r\n");
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new BufferedInputStream(s.getInputStream());
            RawHttp.Head head = RawHttp.readHead(in);
            if (head == null) {
                return false;
            }
            if (head.status() != 200) {
                refusals.incrementAndGet();
                if (head.status() >= 500 && head.status() != 503) {
                    problems.add(name + ": stream answered " + head.status());
                }
                if (head.status() == 429 || head.status() == 401 || head.status() == 403 || head.status() == 204) {
                    problems.add(name + ": stream refused with " + head.status());
                }
                AppProcess.pause(100);
                return false;
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

    private void readEvents(BufferedReader r) throws IOException {
        String id = null;
        String event = null;
        StringBuilder data = null;
        String line;
        while ((line = r.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    dispatch(id, event == null ? "message" : event, data.toString());
                }
                id = null;
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

    private synchronized void dispatch(String id, String event, String data) {
        switch (event) {
            case "message" -> {
                log.add("message:" + id);
                messages++;
                if (id == null) {
                    problems.add(name + ": message event without an id");
                    return;
                }
                long mid = Long.parseLong(id);
                Matcher m = DOM_ID.matcher(data);
                if (!m.find() || Long.parseLong(m.group(1)) != mid) {
                    problems.add(name + ": message event " + mid + " does not carry element m-" + mid);
                }
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
                log.add("resync:" + id);
                resyncs++;
                shown.clear();
                Matcher m = DOM_ID.matcher(data);
                while (m.find()) {
                    shown.add(Long.parseLong(m.group(1)));
                }
                if (id != null && !id.isEmpty()) {
                    lastEventId = Long.parseLong(id);
                }
            }
            default -> {
                // presence, typing, seen, threads, toast: not part of the message list
            }
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
