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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * {@code src/test/resources/telegram/}), getUpdates with offset confirmation and long-poll holding,
 * uploads as multipart (sendPhoto, sendVoice, sendAudio, sendDocument: file parts recorded), and getFile
 * plus {@code /file/bot<token>/<file_path>} downloads for the files a test registers.
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

    /** One file part of a multipart request: its part name, file name and bytes. */
    record Upload(String partName, String fileName, String contentType, byte[] bytes) {
    }

    /** A request the fake received; uploads (sendPhoto etc.) also carry their file parts. */
    record Call(String method, JsonNode params, Map<String, Upload> files, Instant at, int status) {
        String text() {
            return params.path("text").asText(null);
        }

        String caption() {
            return params.path("caption").asText(null);
        }

        String chatId() {
            return params.path("chat_id").asText(null);
        }

        /** The forum topic a send went to, or null for the chat itself. */
        Long messageThreadId() {
            JsonNode id = params.path("message_thread_id");
            return id.isMissingNode() || id.isNull() ? null : id.asLong();
        }

        /** The file a media field names ({@code photo} = {@code attach://name} → the part {@code name}). */
        Upload file(String field) {
            String ref = params.path(field).asText("");
            if (!ref.startsWith("attach://")) {
                throw new AssertionError(method + " has no attached " + field + ": " + params);
            }
            Upload u = files.get(ref.substring("attach://".length()));
            if (u == null) {
                throw new AssertionError(method + " names " + ref + " but sent no such part; parts: " + files.keySet());
            }
            return u;
        }
    }

    /** The methods that deliver something into a chat; scripted answers and outages apply to all of them. */
    private static final Map<String, String> SEND_FIXTURES = Map.of(
            "sendmessage", "sendMessage-ok.json",
            "sendphoto", "sendPhoto-ok.json",
            "sendvoice", "sendVoice-ok.json",
            "sendaudio", "sendAudio-ok.json",
            "senddocument", "sendMessage-ok.json");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Call> calls = new ArrayList<>();
    private final List<Long> polls = new ArrayList<>();
    private final List<ObjectNode> pending = new ArrayList<>();
    private final Deque<Answer> nextSendAnswers = new ArrayDeque<>();
    private final AtomicInteger nextMessageId = new AtomicInteger(1201);
    private final Map<String, ServedFile> files = new HashMap<>();
    private final List<String> downloads = new ArrayList<>();
    private Answer outage;
    private boolean closed;
    private final AtomicInteger nextTopicId = new AtomicInteger(315);
    private final java.util.Set<Long> topics = new java.util.HashSet<>();

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

    /** The next sends (sendMessage or an upload) get these answers, in order, before normal service resumes. */
    synchronized void answerNextSends(Answer... answers) {
        nextSendAnswers.addAll(List.of(answers));
    }

    /** While set, every send (sendMessage or an upload) gets this answer (an outage); null ends it. */
    synchronized void outage(Answer answer) {
        outage = answer;
    }

    /**
     * The admin deleted forum topic {@code messageThreadId}: sends naming it get 400 "message thread not
     * found", as Telegram answers then.
     */
    synchronized void deleteTopic(long messageThreadId) {
        topics.remove(messageThreadId);
    }

    /** The forum topics createForumTopic made and nobody deleted. */
    synchronized java.util.Set<Long> topics() {
        return java.util.Set.copyOf(topics);
    }

    /** A file the fake's getFile knows by {@code fileId} and serves at {@code /file/bot<token>/<path>}. */
    record ServedFile(String path, byte[] bytes, boolean announceSize) {
    }

    void serveFile(String fileId, String path, byte[] bytes) {
        serveFile(fileId, path, bytes, true);
    }

    /** As above; without {@code announceSize} getFile leaves out {@code file_size} (it is optional in the Bot API). */
    synchronized void serveFile(String fileId, String path, byte[] bytes, boolean announceSize) {
        files.put(fileId, new ServedFile(path, bytes, announceSize));
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

    /** Every send (text or upload) Telegram accepted, in the order they arrived. */
    synchronized List<Call> sent() {
        return calls.stream().filter(c -> SEND_FIXTURES.containsKey(c.method()) && c.status() == 200).toList();
    }

    /** The file paths downloaded from {@code /file/bot<token>/…}, in order. */
    synchronized List<String> downloads() {
        return List.copyOf(downloads);
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
            if (path.startsWith("/file/")) {
                download(ex, path);
                return;
            }
            if (!path.startsWith("/bot")) {
                send(ex, new Answer(404, "application/json", "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}"));
                return;
            }
            if (!path.startsWith(prefix)) {
                send(ex, Answer.fixture(401, "error-401.json"));
                return;
            }
            String method = path.substring(prefix.length()).toLowerCase(Locale.ROOT);
            Map<String, Upload> uploads = new LinkedHashMap<>();
            JsonNode params = params(ex, uploads);
            if (method.equals("getupdates")) {
                // Recorded on arrival: the offset it carries says what the poller has finished with.
                synchronized (this) {
                    polls.add(params.path("offset").asLong());
                }
            }
            Answer answer = switch (method) {
                case "getme" -> Answer.fixture(200, "getMe.json");
                case "deletewebhook" -> Answer.fixture(200, "deleteWebhook-ok.json");
                case "sendmessage", "sendphoto", "sendvoice", "sendaudio", "senddocument" -> send(method, params, uploads);
                case "getfile" -> getFile(params);
                case "createforumtopic" -> createForumTopic(params);
                case "getupdates" -> getUpdates(params);
                default -> new Answer(404, "application/json", "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found: method not found\"}");
            };
            synchronized (this) {
                calls.add(new Call(method, params, Map.copyOf(uploads), Instant.now(), answer.status()));
            }
            send(ex, answer);
        }
    }

    /** A send answered as Telegram would: the fixture's message with a fresh id, this chat, this text or caption. */
    private synchronized Answer send(String method, JsonNode params, Map<String, Upload> uploads) {
        Answer scripted = nextSendAnswers.poll();
        if (scripted != null) {
            return scripted;
        }
        if (outage != null) {
            return outage;
        }
        JsonNode thread = params.path("message_thread_id");
        if (!thread.isMissingNode() && !thread.isNull() && !topics.contains(thread.asLong())) {
            return Answer.fixture(400, "error-400-thread-not-found.json");
        }
        ObjectNode body = (ObjectNode) json(read(SEND_FIXTURES.get(method)));
        ObjectNode result = (ObjectNode) body.get("result");
        result.put("message_id", nextMessageId.getAndIncrement());
        ((ObjectNode) result.get("chat")).put("id", params.path("chat_id").asLong());
        if (!thread.isMissingNode() && !thread.isNull()) {
            result.put("message_thread_id", thread.asLong());
            result.put("is_topic_message", true);
        }
        result.remove("entities");
        result.remove("caption_entities");
        if (method.equals("sendmessage")) {
            result.put("text", params.path("text").asText());
            return new Answer(200, "application/json", body.toString());
        }
        result.remove("text");
        if (params.has("caption")) {
            result.put("caption", params.path("caption").asText());
        } else {
            result.remove("caption");
        }
        if (method.equals("senddocument")) {
            Upload file = new Call(method, params, uploads, Instant.now(), 200).file("document");
            ObjectNode document = result.putObject("document");
            document.put("file_name", file.fileName());
            document.put("mime_type", file.fileName().endsWith(".txt") ? "text/plain" : "application/octet-stream");
            document.put("file_id", "BQACAgIAAxkDAAIFake" + result.get("message_id").asText());
            document.put("file_unique_id", "AgADFake" + result.get("message_id").asText());
            document.put("file_size", file.bytes().length);
        }
        return new Answer(200, "application/json", body.toString());
    }

    /** createForumTopic: a new topic (ids from 315 up) with the name asked for; an outage answers it too. */
    private synchronized Answer createForumTopic(JsonNode params) {
        if (outage != null) {
            return outage;
        }
        ObjectNode body = (ObjectNode) json(read("createForumTopic-ok.json"));
        ObjectNode result = (ObjectNode) body.get("result");
        long id = nextTopicId.getAndIncrement();
        topics.add(id);
        result.put("message_thread_id", id);
        result.put("name", params.path("name").asText());
        return new Answer(200, "application/json", body.toString());
    }

    /** getFile for a file registered with {@link #serveFile}: its path and size; anything else is an invalid file_id. */
    private synchronized Answer getFile(JsonNode params) {
        String fileId = params.path("file_id").asText();
        ServedFile file = files.get(fileId);
        if (file == null) {
            return new Answer(400, "application/json", "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: invalid file_id\"}");
        }
        ObjectNode body = (ObjectNode) json(read("getFile-ok.json"));
        ObjectNode result = (ObjectNode) body.get("result");
        result.put("file_id", fileId);
        if (file.announceSize()) {
            result.put("file_size", file.bytes().length);
        } else {
            result.remove("file_size");
        }
        result.put("file_path", file.path());
        return new Answer(200, "application/json", body.toString());
    }

    /** {@code GET /file/bot<token>/<file_path>}: the bytes, as Telegram's file server sends them. */
    private void download(HttpExchange ex, String path) throws IOException {
        String prefix = "/file/bot" + TOKEN + "/";
        ServedFile found = null;
        if (path.startsWith(prefix)) {
            String filePath = path.substring(prefix.length());
            synchronized (this) {
                downloads.add(filePath);
                found = files.values().stream().filter(f -> f.path().equals(filePath)).findFirst().orElse(null);
            }
        }
        if (found == null) {
            send(ex, new Answer(404, "application/json", "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}"));
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        ex.sendResponseHeaders(200, found.bytes().length);
        ex.getResponseBody().write(found.bytes());
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

    /** The request's parameters: a JSON body, or the text parts of a multipart body (file parts go to {@code uploads}). */
    private static JsonNode params(HttpExchange ex, Map<String, Upload> uploads) throws IOException {
        byte[] raw = ex.getRequestBody().readAllBytes();
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return multipart(raw, boundary(type), uploads);
        }
        if (raw.length == 0) {
            return JSON.createObjectNode();
        }
        return JSON.readTree(raw);
    }

    private static String boundary(String contentType) {
        for (String p : contentType.split(";")) {
            String t = p.strip();
            if (t.startsWith("boundary=")) {
                return t.substring("boundary=".length()).replace("\"", "");
            }
        }
        throw new IllegalArgumentException("multipart without boundary: " + contentType);
    }

    /** A small multipart/form-data reader, enough for OkHttp's well-formed bodies. */
    private static ObjectNode multipart(byte[] body, String boundary, Map<String, Upload> uploads) {
        ObjectNode params = JSON.createObjectNode();
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int pos = indexOf(body, delimiter, 0);
        while (pos >= 0) {
            int start = pos + delimiter.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                break;
            }
            start += 2;
            int end = indexOf(body, next, start);
            if (end < 0) {
                throw new IllegalArgumentException("unterminated multipart body");
            }
            int headerEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            String headers = new String(body, start, headerEnd - start, StandardCharsets.UTF_8);
            byte[] content = java.util.Arrays.copyOfRange(body, headerEnd + 4, end);
            String name = null;
            String fileName = null;
            String contentType = null;
            for (String line : headers.split("\r\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-disposition:")) {
                    name = attribute(line, "name");
                    fileName = attribute(line, "filename");
                } else if (lower.startsWith("content-type:")) {
                    contentType = line.substring(line.indexOf(':') + 1).strip();
                }
            }
            if (fileName != null) {
                uploads.put(name, new Upload(name, fileName, contentType, content));
            } else {
                params.put(name, new String(content, StandardCharsets.UTF_8));
            }
            pos = end + 2;
        }
        return params;
    }

    private static String attribute(String header, String key) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^|;)\\s*" + key + "=\"([^\"]*)\"")
                .matcher(header.substring(header.indexOf(':') + 1));
        return m.find() ? m.group(1) : null;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
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
