package sohbet.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Bot API server on 127.0.0.1 that can be broken on purpose, for the app running in another
 * process: answers 500, 429 with retry_after, slow answers, or nothing at all (the port closed).
 * It speaks the wire format of the fixtures in {@code src/test/resources/telegram/}, the same ones
 * the Telegram tests' own fake serves (that one is package-private to {@code sohbet.telegram}
 * and cannot be closed and reopened on its port, which "down" needs). Accepted sendMessage calls
 * are recorded: what the admin's chat would show.
 */
final class FakeTelegram implements AutoCloseable {
    static final String TOKEN = "123456789:AAFakeFaultsToken_0123456789abcdefgh";
    static final long ADMIN_CHAT = 777000111L;

    enum Mode { NORMAL, ERROR_500, TOO_MANY_429, SLOW }

    /** A sendMessage the fake accepted: its text, in the order they came. */
    record Sent(int messageId, String text) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Sent> accepted = new ArrayList<>();
    private final AtomicInteger nextMessageId = new AtomicInteger(5001);
    private final AtomicInteger polls = new AtomicInteger();
    private final AtomicInteger refusedSends = new AtomicInteger();
    private final java.util.Map<Mode, AtomicInteger> sendsByMode = new java.util.EnumMap<>(Mode.class);
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Mode mode = Mode.NORMAL;
    // Taking a send and answering it is one step that closing the port waits for: "down" never swallows an answer.
    private final java.util.concurrent.locks.ReentrantReadWriteLock gate = new java.util.concurrent.locks.ReentrantReadWriteLock();
    private HttpServer server;
    private volatile boolean open;

    FakeTelegram() {
        for (Mode m : Mode.values()) {
            sendsByMode.put(m, new AtomicInteger());
        }
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            this.port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        up();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    void mode(Mode m) {
        this.mode = m;
    }

    /** Opens the port (again). */
    synchronized void up() {
        if (server != null) {
            return;
        }
        for (int attempt = 0; ; attempt++) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
                break;
            } catch (IOException e) {
                if (attempt > 50) {
                    throw new UncheckedIOException(e);
                }
                AppProcess.pause(50);
            }
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
        open = true;
    }

    /** Closes the port: every call is refused, as when api.telegram.org cannot be reached. */
    synchronized void down() {
        gate.writeLock().lock();
        try {
            open = false;
            if (server != null) {
                server.stop(0);
                server = null;
            }
        } finally {
            gate.writeLock().unlock();
        }
    }

    int polls() {
        return polls.get();
    }

    /** sendMessage calls answered in mode {@code m}. */
    int sends(Mode m) {
        return sendsByMode.get(m).get();
    }

    int refusedSends() {
        return refusedSends.get();
    }

    /** Sends being answered right now (slow answers still running). */
    int inFlight() {
        return inFlight.get();
    }

    List<Sent> accepted() {
        synchronized (accepted) {
            return List.copyOf(accepted);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String prefix = "/bot" + TOKEN + "/";
            if (!path.startsWith(prefix)) {
                send(ex, 401, read("error-401.json"));
                return;
            }
            String method = path.substring(prefix.length()).toLowerCase(Locale.ROOT);
            byte[] raw = ex.getRequestBody().readAllBytes();
            JsonNode params = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
            switch (method) {
                case "getme" -> send(ex, 200, read("getMe.json"));
                case "deletewebhook" -> send(ex, 200, read("deleteWebhook-ok.json"));
                case "getupdates" -> {
                    polls.incrementAndGet();
                    // Hold the long poll a little (never the full timeout: the fake must close quickly).
                    AppProcess.pause(Math.min(1000, params.path("timeout").asLong(0) * 1000));
                    send(ex, 200, read("getUpdates-empty.json"));
                }
                case "sendmessage" -> sendMessage(ex, params);
                default -> send(ex, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found: method not found\"}");
            }
        }
    }

    private void sendMessage(HttpExchange ex, JsonNode params) throws IOException {
        Mode m = mode;
        sendsByMode.get(m).incrementAndGet();
        switch (m) {
            case ERROR_500 -> {
                refusedSends.incrementAndGet();
                send(ex, 500, "{\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"}");
                return;
            }
            case TOO_MANY_429 -> {
                refusedSends.incrementAndGet();
                ObjectNode body = (ObjectNode) JSON.readTree(read("error-429.json"));
                body.put("description", "Too Many Requests: retry after 1");
                ((ObjectNode) body.get("parameters")).put("retry_after", 1);
                ex.getResponseHeaders().set("Retry-After", "1");
                send(ex, 429, body.toString());
                return;
            }
            default -> {
            }
        }
        inFlight.incrementAndGet();
        try {
            int id = nextMessageId.getAndIncrement();
            String text = params.path("text").asText();
            ObjectNode body = (ObjectNode) JSON.readTree(read("sendMessage-ok.json"));
            ObjectNode result = (ObjectNode) body.get("result");
            result.put("message_id", id);
            result.put("text", text);
            result.remove("entities");
            ((ObjectNode) result.get("chat")).put("id", params.path("chat_id").asLong());
            if (m == Mode.SLOW) {
                AppProcess.pause(Duration.ofSeconds(2).toMillis());
            }
            // Telegram has the message once it answers 200; the answer is what says so.
            gate.readLock().lock();
            try {
                if (!open) {
                    // The port closed while this call was on its way: it never reached "Telegram".
                    throw new IOException("down");
                }
                synchronized (accepted) {
                    accepted.add(new Sent(id, text));
                }
                send(ex, 200, body.toString());
            } finally {
                gate.readLock().unlock();
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        // Closing the body completes the exchange and flushes the answer onto the socket now, not at the handler's end.
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String read(String name) {
        try (InputStream in = FakeTelegram.class.getResourceAsStream("/telegram/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        down();
        threads.shutdownNow();
    }
}
