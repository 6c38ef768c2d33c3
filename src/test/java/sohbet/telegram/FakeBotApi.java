package sohbet.telegram;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Bot API server on 127.0.0.1 for the real telegrambots client: {@code /bot<token>/<method>}, method
 * names case-insensitive, JSON envelopes and error statuses as Telegram sends them (bodies from
 * {@code src/test/resources/telegram/}), getUpdates with offset confirmation and long-poll holding.
 */
final class FakeBotApi implements AutoCloseable {
    static final String TOKEN = "123456789:AAFakeTestTokenDoNotLog_0123456789ab";
    static final long ADMIN_CHAT = 777000111L;

    /** One answer the fake will give: HTTP status, content type, body. */
    record Answer(int status, String contentType, String body) {
        static Answer fixture(int status, String name) {
            return new Answer(status, name.endsWith(".html") ? "text/html" : "application/json", read(name));
        }

        static Answer tooManyRequests(int retryAfter) {
            ObjectNode body = (ObjectNode) json(read("error-429.json"));
            body.put("description", "Too Many Requests: retry after " + retryAfter);
            ((ObjectNode) body.get("parameters")).put("retry_after", retryAfter);
            return new Answer(429, "application/json", body.toString());
        }
    }

    /** A request the fake received. */
    record Call(String method, JsonNode params, Instant at, int status) {
        String text() {
            return params.path("text").asText(null);
        }

        String chatId() {
            return params.path("chat_id").asText(null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Call> calls = new ArrayList<>();
    private final List<Long> polls = new ArrayList<>();
    private final List<ObjectNode> pending = new ArrayList<>();
    private final Deque<Answer> nextSendAnswers = new ArrayDeque<>();
    private final AtomicInteger nextMessageId = new AtomicInteger(1201);
    private Answer outage;
    private boolean closed;

    FakeBotApi() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // ---- scripting -------------------------------------------------------------------------

    /** The next sendMessage calls get these answers, in order, before normal service resumes. */
    synchronized void answerNextSends(Answer... answers) {
        nextSendAnswers.addAll(List.of(answers));
    }

    /** While set, every sendMessage gets this answer (an outage); null ends it. */
    synchronized void outage(Answer answer) {
        outage = answer;
    }

    /** Queues the updates of a getUpdates fixture, each adjusted by {@code adjust}. */
    void queueUpdates(String fixture, Consumer<ObjectNode> adjust) {
        ArrayNode result = (ArrayNode) json(read(fixture)).get("result");
        synchronized (this) {
            for (JsonNode u : result) {
                ObjectNode copy = u.deepCopy();
                adjust.accept(copy);
                pending.add(copy);
            }
            pending.sort((a, b) -> Long.compare(a.get("update_id").asLong(), b.get("update_id").asLong()));
            notifyAll();
        }
    }

    void queueUpdates(String fixture) {
        queueUpdates(fixture, u -> { });
    }

    // ---- what happened ---------------------------------------------------------------------

    synchronized List<Call> calls(String method) {
        String m = method.toLowerCase(Locale.ROOT);
        return calls.stream().filter(c -> c.method().equals(m)).toList();
    }

    /** sendMessage calls Telegram accepted, in the order they arrived. */
    synchronized List<Call> delivered() {
        return calls.stream().filter(c -> c.method().equals("sendmessage") && c.status() == 200).toList();
    }

    synchronized List<Call> deliveredTo(long chatId) {
        return delivered().stream().filter(c -> String.valueOf(chatId).equals(c.chatId())).toList();
    }

    /** True once a getUpdates asked for offsets beyond {@code updateId}: the poller finished handling it. */
    synchronized boolean confirmed(long updateId) {
        return polls.stream().anyMatch(offset -> offset > updateId);
    }

    // ---- the server ------------------------------------------------------------------------

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String prefix = "/bot" + TOKEN + "/";
            if (!path.startsWith("/bot")) {
                send(ex, new Answer(404, "application/json", "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}"));
                return;
            }
            if (!path.startsWith(prefix)) {
                send(ex, Answer.fixture(401, "error-401.json"));
                return;
            }
            String method = path.substring(prefix.length()).toLowerCase(Locale.ROOT);
            JsonNode params = params(ex);
            if (method.equals("getupdates")) {
                // Recorded on arrival: the offset it carries says what the poller has finished with.
                synchronized (this) {
                    polls.add(params.path("offset").asLong());
                }
            }
            Answer answer = switch (method) {
                case "getme" -> Answer.fixture(200, "getMe.json");
                case "deletewebhook" -> Answer.fixture(200, "deleteWebhook-ok.json");
                case "sendmessage" -> sendMessage(params);
                case "getupdates" -> getUpdates(params);
                default -> new Answer(404, "application/json", "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found: method not found\"}");
            };
            synchronized (this) {
                calls.add(new Call(method, params, Instant.now(), answer.status()));
            }
            send(ex, answer);
        }
    }

    private synchronized Answer sendMessage(JsonNode params) {
        Answer scripted = nextSendAnswers.poll();
        if (scripted != null) {
            return scripted;
        }
        if (outage != null) {
            return outage;
        }
        ObjectNode body = (ObjectNode) json(read("sendMessage-ok.json"));
        ObjectNode result = (ObjectNode) body.get("result");
        result.put("message_id", nextMessageId.getAndIncrement());
        result.put("text", params.path("text").asText());
        result.remove("entities");
        ((ObjectNode) result.get("chat")).put("id", params.path("chat_id").asLong());
        return new Answer(200, "application/json", body.toString());
    }

    /** Confirms everything below offset, answers what is pending, or holds the call up to timeout seconds. */
    private Answer getUpdates(JsonNode params) {
        long offset = params.path("offset").asLong(0);
        int limit = params.path("limit").asInt(100);
        long holdUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.min(50, params.path("timeout").asInt(0)));
        synchronized (this) {
            // Confirmation happens when the call arrives; a poll held past its client's shutdown must not confirm later arrivals.
            pending.removeIf(u -> u.get("update_id").asLong() < offset);
            while (true) {
                if (pending.stream().anyMatch(u -> u.get("update_id").asLong() >= offset) || closed) {
                    break;
                }
                long left = holdUntil - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            ObjectNode body = (ObjectNode) json(read("getUpdates-empty.json"));
            ArrayNode result = body.putArray("result");
            pending.stream().filter(u -> u.get("update_id").asLong() >= offset).limit(limit).forEach(result::add);
            return new Answer(200, "application/json", body.toString());
        }
    }

    private static JsonNode params(HttpExchange ex) throws IOException {
        byte[] raw = ex.getRequestBody().readAllBytes();
        if (raw.length == 0) {
            return JSON.createObjectNode();
        }
        return JSON.readTree(raw);
    }

    private static void send(HttpExchange ex, Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", answer.contentType());
        if (answer.status() == 429) {
            ex.getResponseHeaders().set("Retry-After", json(answer.body()).path("parameters").path("retry_after").asText());
        }
        ex.sendResponseHeaders(answer.status(), bytes.length);
        ex.getResponseBody().write(bytes);
    }

    static String read(String name) {
        try (InputStream in = FakeBotApi.class.getResourceAsStream("/telegram/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        server.stop(0);
        threads.shutdownNow();
    }
}
