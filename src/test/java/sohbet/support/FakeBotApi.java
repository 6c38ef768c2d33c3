package sohbet.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * <p>
 * Chats behave like Telegram's: only known chats exist (others answer 400 "chat not found"); a private
 * chat exists once its person started the bot; a blocked bot (or one removed from a group) stays refused
 * until unblocked; a group has an owner, admins and plain members; an upgraded group answers 400 with
 * {@code migrate_to_chat_id}; texts over 4096 and captions over 1024 are refused; getFile refuses files
 * over 20 MB; getUpdates answers 409 while another poller is simulated. For the outage tests the port
 * closes and reopens ({@link #down}, {@link #up}) and sends can be slowed.
 * <p>
 * Long because it stands in for one remote service: splitting chats, updates and files into classes would
 * spread one shared, synchronized state over several files.
 */
public final class FakeBotApi implements AutoCloseable {
    public static final String TOKEN = "123456789:AAFakeTestTokenDoNotLog_0123456789ab";
    public static final long ADMIN_CHAT = 777000111L;
    public static final long BOT_ID = 123456789L;
    /** The forum supergroup of the fixtures ({@code getUpdates-topic-message.json}). */
    public static final long FORUM = -1001234567890L;
    /** A group of three: its owner (who is also {@link #ADMIN_CHAT}'s person), another admin, and a plain member. */
    public static final long GROUP = -4012345678L;
    public static final long OWNER = ADMIN_CHAT;
    public static final long OTHER_ADMIN = 777000222L;
    public static final long MEMBER = 777000333L;
    public static final long FILE_LIMIT = 20L * 1024 * 1024;

    /** One answer the fake will give: HTTP status, content type, body. */
    public record Answer(int status, String contentType, String body) {
        public static Answer fixture(int status, String name) {
            return new Answer(status, name.endsWith(".html") ? "text/html" : "application/json", read(name));
        }

        public static Answer of(int status, JsonNode body) {
            return new Answer(status, "application/json", body.toString());
        }

        public static Answer tooManyRequests(int retryAfter) {
            ObjectNode body = fixtureJson("error-429.json");
            body.put("description", "Too Many Requests: retry after " + retryAfter);
            ((ObjectNode) body.get("parameters")).put("retry_after", retryAfter);
            return of(429, body);
        }
    }

    /** One file part of a multipart request: its part name, file name and bytes. */
    public record Upload(String partName, String fileName, String contentType, byte[] bytes) {
    }

    /** A request the fake received; uploads (sendPhoto etc.) also carry their file parts. */
    public record Call(String method, JsonNode params, Map<String, Upload> files, Instant at, int status) {
        public String text() {
            return params.path("text").asText(null);
        }

        public String caption() {
            return params.path("caption").asText(null);
        }

        public String chatId() {
            return params.path("chat_id").asText(null);
        }

        /** The forum topic a send went to, or null for the chat itself. */
        public Long messageThreadId() {
            JsonNode id = params.path("message_thread_id");
            return id.isMissingNode() || id.isNull() ? null : id.asLong();
        }

        /** The file a media field names ({@code photo} = {@code attach://name} → the part {@code name}). */
        public Upload file(String field) {
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

    /** A file the fake's getFile knows by {@code fileId} and serves at {@code /file/bot<token>/<path>}. */
    public record ServedFile(String path, byte[] bytes, boolean announceSize) {
    }

    /** The methods that deliver something into a chat; scripted answers and outages apply to all of them. */
    private static final Map<String, String> SEND_FIXTURES = Map.of(
            "sendmessage", "sendMessage-ok.json",
            "sendphoto", "sendPhoto-ok.json",
            "sendvoice", "sendVoice-ok.json",
            "sendaudio", "sendAudio-ok.json",
            "senddocument", "sendMessage-ok.json");

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final int port;
    // Taking a send and answering it is one step that closing the port waits for: "down" never swallows an answer.
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private volatile boolean down;
    private volatile Duration slow;
    private final AtomicInteger slowSends = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
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
    private final Set<Long> topics = new HashSet<>();
    private final Map<Long, FakeChat> chats = new HashMap<>();
    private final Map<String, Answer> refusedMethods = new HashMap<>();
    private final AtomicInteger nextUpdateId = new AtomicInteger(731403000);
    private boolean conflict;
    private String webhookUrl = "";

    /** A chat the fake knows: its type, its people and their status (creator, administrator, member), and the bot's standing. */
    private static final class FakeChat {
        final long id;
        final String type;
        final boolean forum;
        final Map<Long, String> members = new LinkedHashMap<>();
        boolean botRefused;
        Long migratedTo;

        FakeChat(long id, String type, boolean forum) {
            this.id = id;
            this.type = type;
            this.forum = forum;
        }

        FakeChat with(long userId, String status) {
            members.put(userId, status);
            return this;
        }
    }

    public FakeBotApi() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        up();
        startedBot(ADMIN_CHAT);
        chats.put(FORUM, new FakeChat(FORUM, "supergroup", true).with(OWNER, "creator").with(BOT_ID, "administrator"));
        chats.put(GROUP, new FakeChat(GROUP, "group", false).with(OWNER, "creator").with(OTHER_ADMIN, "administrator")
                .with(MEMBER, "member").with(BOT_ID, "administrator"));
    }

    // ---- chats, as Telegram keeps them ------------------------------------------------------

    /** {@code userId} opened a private chat with the bot and sent /start: the bot may write to them now. */
    public synchronized void startedBot(long userId) {
        chats.put(userId, new FakeChat(userId, "private", false).with(userId, "member"));
    }

    /** The person blocked the bot, or a group removed it: every send there is refused until {@link #unblock}. */
    public synchronized void block(long chatId) {
        chats.get(chatId).botRefused = true;
    }

    public synchronized void unblock(long chatId) {
        chats.get(chatId).botRefused = false;
    }

    /** The group became a supergroup with {@code newId}: the old id answers 400 with migrate_to_chat_id from now on. */
    public synchronized void upgrade(long oldId, long newId) {
        FakeChat old = chats.get(oldId);
        FakeChat moved = new FakeChat(newId, "supergroup", false);
        moved.members.putAll(old.members);
        chats.put(newId, moved);
        old.migratedTo = newId;
    }

    /** While set, every call of {@code method} gets this answer (media Telegram will not take); null ends it. */
    public synchronized void refuse(String method, Answer answer) {
        String m = method.toLowerCase(Locale.ROOT);
        if (answer == null) {
            refusedMethods.remove(m);
        } else {
            refusedMethods.put(m, answer);
        }
    }

    /** While on, getUpdates answers 409, as when another process polls with the same token. */
    public synchronized void conflict(boolean on) {
        conflict = on;
    }

    public synchronized void webhook(String url) {
        webhookUrl = url;
    }

    public static Answer error(int status, String description) {
        return Answer.of(status, JSON.createObjectNode().put("ok", false).put("error_code", status).put("description", description));
    }

    /** Telegram's refusal of a call about {@code chatId}, or null when the chat takes it. */
    private Answer chatRefusal(JsonNode chatIdParam) {
        FakeChat chat = chatIdParam.isMissingNode() ? null : chats.get(chatIdParam.asLong(0));
        if (chat == null) {
            return Answer.fixture(400, "error-400-chat-not-found.json");
        }
        if (chat.migratedTo != null) {
            ObjectNode body = (ObjectNode) json(error(400, "Bad Request: group chat was upgraded to a supergroup chat").body());
            body.putObject("parameters").put("migrate_to_chat_id", chat.migratedTo);
            return Answer.of(400, body);
        }
        if (chat.botRefused) {
            return chat.type.equals("private") ? Answer.fixture(403, "error-403-blocked.json")
                    : error(403, "Forbidden: bot was kicked from the " + chat.type + " chat");
        }
        return null;
    }

    // ---- updates a test makes up ----------------------------------------------------------------

    /** A message from {@code fromId} in chat {@code chatId}, as a getUpdates result would carry it (id and date filled in). */
    public ObjectNode message(long chatId, long fromId, String text) {
        ObjectNode m = JSON.createObjectNode();
        m.put("message_id", nextMessageId.getAndIncrement());
        m.set("from", user(fromId));
        ObjectNode chat = m.putObject("chat");
        chat.put("id", chatId);
        FakeChat known;
        synchronized (this) {
            known = chats.get(chatId);
        }
        chat.put("type", known == null ? "private" : known.type);
        if (known != null && !known.type.equals("private")) {
            chat.put("title", "Destek masası");
        }
        m.put("date", 1795600100);
        if (text != null) {
            m.put("text", text);
        }
        return m;
    }

    /** As above, replying to the bot's message {@code repliedId} whose text was {@code repliedText}. */
    public ObjectNode reply(long chatId, long fromId, String text, long repliedId, String repliedText) {
        ObjectNode m = message(chatId, fromId, text);
        ObjectNode replied = m.putObject("reply_to_message");
        replied.put("message_id", repliedId);
        replied.set("from", user(BOT_ID));
        replied.set("chat", m.get("chat").deepCopy());
        replied.put("date", 1795600000);
        replied.put("text", repliedText);
        return m;
    }

    /** Queues {@code message} as a new message (or, with {@code edited}, an edit); returns its update id. */
    public long queue(ObjectNode message, boolean edited) {
        ObjectNode u = JSON.createObjectNode();
        long id = nextUpdateId.getAndIncrement();
        u.put("update_id", id);
        u.set(edited ? "edited_message" : "message", message);
        synchronized (this) {
            pending.add(u);
            notifyAll();
        }
        return id;
    }

    /** Queues the updates of a getUpdates fixture, each adjusted by {@code adjust}. */
    public void queueUpdates(String fixture, Consumer<ObjectNode> adjust) {
        ArrayNode result = (ArrayNode) fixtureJson(fixture).get("result");
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

    public void queueUpdates(String fixture) {
        queueUpdates(fixture, u -> { });
    }

    // ---- the port and its speed ---------------------------------------------------------------

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Opens the port (again, after {@link #down}). */
    public synchronized void up() {
        for (int attempt = 0; server == null; attempt++) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
            } catch (IOException e) {
                if (attempt > 50) {
                    throw new UncheckedIOException(e);
                }
                pause(Duration.ofMillis(50));
            }
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
        down = false;
    }

    /** Closes the port: every call is refused, as when api.telegram.org cannot be reached. */
    public void down() {
        gate.writeLock().lock();
        try {
            synchronized (this) {
                down = true;
                notifyAll();
                if (server != null) {
                    server.stop(0);
                    server = null;
                }
            }
        } finally {
            gate.writeLock().unlock();
        }
    }

    /** While set, every send waits this long before Telegram takes it (a slow network); null ends it. */
    public void slowSends(Duration delay) {
        slow = delay;
    }

    /** Sends answered slowly so far. */
    public int slowSent() {
        return slowSends.get();
    }

    /** Sends being answered right now (slow answers still on their way). */
    public int inFlight() {
        return inFlight.get();
    }

    // ---- scripting -------------------------------------------------------------------------

    /** The next sends (sendMessage or an upload) get these answers, in order, before normal service resumes. */
    public synchronized void answerNextSends(Answer... answers) {
        nextSendAnswers.addAll(List.of(answers));
    }

    /** While set, every send (sendMessage or an upload) gets this answer (an outage); null ends it. */
    public synchronized void outage(Answer answer) {
        outage = answer;
    }

    /**
     * The admin deleted forum topic {@code messageThreadId}: sends naming it get 400 "message thread not
     * found", as Telegram answers then.
     */
    public synchronized void deleteTopic(long messageThreadId) {
        topics.remove(messageThreadId);
    }

    /** A topic someone opened in the forum by hand (not through the bot): its id. */
    public synchronized long openTopic() {
        long id = nextTopicId.getAndIncrement();
        topics.add(id);
        return id;
    }

    public void serveFile(String fileId, String path, byte[] bytes) {
        serveFile(fileId, path, bytes, true);
    }

    /** As above; without {@code announceSize} getFile leaves out {@code file_size} (it is optional in the Bot API). */
    public synchronized void serveFile(String fileId, String path, byte[] bytes, boolean announceSize) {
        files.put(fileId, new ServedFile(path, bytes, announceSize));
    }

    // ---- what happened ---------------------------------------------------------------------

    public synchronized List<Call> calls(String method) {
        String m = method.toLowerCase(Locale.ROOT);
        return calls.stream().filter(c -> c.method().equals(m)).toList();
    }

    /** Every send (text or upload) Telegram accepted, in the order they arrived. */
    public synchronized List<Call> sent() {
        return calls.stream().filter(c -> SEND_FIXTURES.containsKey(c.method()) && c.status() == 200).toList();
    }

    /** sendMessage calls Telegram accepted, in the order they arrived. */
    public synchronized List<Call> delivered() {
        return calls("sendMessage").stream().filter(c -> c.status() == 200).toList();
    }

    public synchronized List<Call> deliveredTo(long chatId) {
        return delivered().stream().filter(c -> String.valueOf(chatId).equals(c.chatId())).toList();
    }

    /** The file paths downloaded from {@code /file/bot<token>/…}, in order. */
    public synchronized List<String> downloads() {
        return List.copyOf(downloads);
    }

    /** How many getUpdates calls arrived so far (answered or still held). */
    public synchronized int pollsArrived() {
        return polls.size();
    }

    /** True once a getUpdates asked for offsets beyond {@code updateId}: the poller finished handling it. */
    public synchronized boolean confirmed(long updateId) {
        return polls.stream().anyMatch(offset -> offset > updateId);
    }

    // ---- the server ------------------------------------------------------------------------

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String prefix = "/bot" + TOKEN + "/";
            if (path.startsWith("/file/")) {
                download(ex, path);
            } else if (!path.startsWith("/bot")) {
                send(ex, error(404, "Not Found"));
            } else if (!path.startsWith(prefix)) {
                send(ex, Answer.fixture(401, "error-401.json"));
            } else {
                String method = path.substring(prefix.length()).toLowerCase(Locale.ROOT);
                Map<String, Upload> uploads = new LinkedHashMap<>();
                JsonNode params = params(ex, uploads);
                if (method.equals("getupdates")) {
                    // Recorded on arrival: the offset it carries says what the poller has finished with.
                    synchronized (this) {
                        polls.add(params.path("offset").asLong());
                    }
                    answer(ex, method, params, uploads);
                } else {
                    answerWhileUp(ex, method, params, uploads);
                }
            }
        }
    }

    /** A call other than the long poll: slowed when asked, and answered whole or (the port closed meanwhile) not at all. */
    private void answerWhileUp(HttpExchange ex, String method, JsonNode params, Map<String, Upload> uploads) throws IOException {
        inFlight.incrementAndGet();
        try {
            Duration delay = slow;
            if (delay != null && SEND_FIXTURES.containsKey(method)) {
                slowSends.incrementAndGet();
                pause(delay);
            }
            gate.readLock().lock();
            try {
                if (down) {
                    throw new IOException("the port closed while this call was on its way: it never reached Telegram");
                }
                answer(ex, method, params, uploads);
            } finally {
                gate.readLock().unlock();
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void answer(HttpExchange ex, String method, JsonNode params, Map<String, Upload> uploads) throws IOException {
        Answer answer = switch (method) {
            case "getme" -> Answer.fixture(200, "getMe.json");
            case "deletewebhook" -> Answer.fixture(200, "deleteWebhook-ok.json");
            case "getwebhookinfo" -> webhookInfo();
            case "deletemessage", "setmessagereaction" -> result(JSON.getNodeFactory().booleanNode(true));
            case "sendchataction", "getchatadministrators", "getchatmember", "getchat" -> aboutChat(method, params);
            case "sendmessage", "sendphoto", "sendvoice", "sendaudio", "senddocument" -> send(method, params, uploads);
            case "getfile" -> getFile(params);
            case "createforumtopic" -> createForumTopic(params);
            case "getupdates" -> getUpdates(params);
            default -> error(404, "Not Found: method not found");
        };
        synchronized (this) {
            calls.add(new Call(method, params, Map.copyOf(uploads), Instant.now(), answer.status()));
        }
        send(ex, answer);
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
        Answer refusal = chatRefusal(params.path("chat_id"));
        if (refusal != null) {
            return refusal;
        }
        if (refusedMethods.containsKey(method)) {
            return refusedMethods.get(method);
        }
        if (params.path("text").asText("").length() > 4096) {
            return Answer.fixture(400, "error-400-message-too-long.json");
        }
        if (params.path("caption").asText("").length() > 1024) {
            return error(400, "Bad Request: message caption is too long");
        }
        JsonNode thread = params.path("message_thread_id");
        boolean inTopic = !thread.isMissingNode() && !thread.isNull();
        if (inTopic && !topics.contains(thread.asLong())) {
            return Answer.fixture(400, "error-400-thread-not-found.json");
        }
        ObjectNode body = fixtureJson(SEND_FIXTURES.get(method));
        ObjectNode result = (ObjectNode) body.get("result");
        result.put("message_id", nextMessageId.getAndIncrement());
        ((ObjectNode) result.get("chat")).put("id", params.path("chat_id").asLong());
        if (inTopic) {
            result.put("message_thread_id", thread.asLong());
            result.put("is_topic_message", true);
        }
        result.remove(List.of("entities", "caption_entities"));
        if (method.equals("sendmessage")) {
            result.put("text", params.path("text").asText());
            return Answer.of(200, body);
        }
        result.remove(List.of("text", "caption"));
        if (params.has("caption")) {
            result.put("caption", params.path("caption").asText());
        }
        if (method.equals("senddocument")) {
            Upload file = new Call(method, params, uploads, Instant.now(), 200).file("document");
            String id = result.get("message_id").asText();
            result.putObject("document").put("file_name", file.fileName())
                    .put("mime_type", file.fileName().endsWith(".txt") ? "text/plain" : "application/octet-stream")
                    .put("file_id", "BQACAgIAAxkDAAIFake" + id).put("file_unique_id", "AgADFake" + id)
                    .put("file_size", file.bytes().length);
        }
        return Answer.of(200, body);
    }

    /** createForumTopic: a new topic (ids from 315 up) with the name asked for; an outage answers it too. */
    private synchronized Answer createForumTopic(JsonNode params) {
        if (outage != null) {
            return outage;
        }
        ObjectNode body = fixtureJson("createForumTopic-ok.json");
        long id = openTopic();
        ((ObjectNode) body.get("result")).put("message_thread_id", id).put("name", params.path("name").asText());
        return Answer.of(200, body);
    }

    /** getFile for a file registered with {@link #serveFile}: its path and size; anything else is an invalid file_id. */
    private synchronized Answer getFile(JsonNode params) {
        String fileId = params.path("file_id").asText();
        ServedFile file = files.get(fileId);
        if (file == null) {
            return error(400, "Bad Request: invalid file_id");
        }
        if (file.bytes().length > FILE_LIMIT) {
            return error(400, "Bad Request: file is too big");
        }
        ObjectNode body = fixtureJson("getFile-ok.json");
        ObjectNode result = (ObjectNode) body.get("result");
        result.put("file_id", fileId);
        if (file.announceSize()) {
            result.put("file_size", file.bytes().length);
        } else {
            result.remove("file_size");
        }
        result.put("file_path", file.path());
        return Answer.of(200, body);
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
            send(ex, error(404, "Not Found"));
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        ex.sendResponseHeaders(200, found.bytes().length);
        ex.getResponseBody().write(found.bytes());
    }

    /**
     * The calls about one chat, refused as a send there would be: a "typing…" status, the owner and admins of a
     * group (a private chat has none: 400 as Telegram answers), one member's status, the chat itself.
     */
    private synchronized Answer aboutChat(String method, JsonNode params) {
        Answer refusal = chatRefusal(params.path("chat_id"));
        if (refusal != null) {
            return refusal;
        }
        FakeChat chat = chats.get(params.path("chat_id").asLong());
        switch (method) {
            case "sendchataction":
                return result(JSON.getNodeFactory().booleanNode(true));
            case "getchatadministrators":
                if (chat.type.equals("private")) {
                    return error(400, "Bad Request: there are no administrators in the private chat");
                }
                ArrayNode admins = JSON.createArrayNode();
                chat.members.forEach((id, status) -> {
                    if (!status.equals("member")) {
                        admins.add(member(id, status));
                    }
                });
                return result(admins);
            case "getchatmember":
                long userId = params.path("user_id").asLong();
                String status = chat.members.get(userId);
                return status == null ? error(400, "Bad Request: user not found") : result(member(userId, status));
            default:
                ObjectNode c = JSON.createObjectNode().put("id", chat.id).put("type", chat.type);
                if (chat.type.equals("private")) {
                    c.put("first_name", "Kişi " + chat.id);
                } else {
                    c.put("title", "Destek masası");
                }
                if (chat.forum) {
                    c.put("is_forum", true);
                }
                return result(c.put("accent_color_id", 0).put("max_reaction_count", 11));
        }
    }

    private static ObjectNode user(long id) {
        ObjectNode u = JSON.createObjectNode().put("id", id).put("is_bot", id == BOT_ID)
                .put("first_name", id == BOT_ID ? "Sohbet Bot" : "Kişi " + id);
        return id == BOT_ID ? u.put("username", "sohbet_test_bot") : u;
    }

    private static ObjectNode member(long userId, String status) {
        ObjectNode m = JSON.createObjectNode().put("status", status);
        m.set("user", user(userId));
        if (!status.equals("member")) {
            m.put("is_anonymous", false);
        }
        if (status.equals("administrator")) {
            m.put("can_be_edited", false).put("can_manage_chat", true).put("can_delete_messages", true)
                    .put("can_post_messages", true).put("can_manage_topics", true);
        }
        return m;
    }

    private static Answer result(JsonNode result) {
        ObjectNode body = JSON.createObjectNode().put("ok", true);
        body.set("result", result);
        return Answer.of(200, body);
    }

    private synchronized Answer webhookInfo() {
        return result(JSON.createObjectNode().put("url", webhookUrl).put("has_custom_certificate", false).put("pending_update_count", 0));
    }

    /** Confirms everything below offset, answers what is pending, or holds the call up to timeout seconds. */
    private synchronized Answer getUpdates(JsonNode params) {
        if (conflict) {
            return Answer.fixture(409, "error-409-conflict.json");
        }
        long offset = params.path("offset").asLong(0);
        long holdUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.min(50, params.path("timeout").asInt(0)));
        // Confirmation happens when the call arrives; a poll held past its client's shutdown must not confirm later arrivals.
        pending.removeIf(u -> u.get("update_id").asLong() < offset);
        for (long left = holdUntil - System.nanoTime(); left > 0 && !closed && !down
                && pending.stream().noneMatch(u -> u.get("update_id").asLong() >= offset); left = holdUntil - System.nanoTime()) {
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        ObjectNode body = fixtureJson("getUpdates-empty.json");
        ArrayNode result = body.putArray("result");
        pending.stream().filter(u -> u.get("update_id").asLong() >= offset).limit(params.path("limit").asInt(100)).forEach(result::add);
        return Answer.of(200, body);
    }

    /** The request's parameters: a JSON body, or the text parts of a multipart body (file parts go to {@code uploads}). */
    private static JsonNode params(HttpExchange ex, Map<String, Upload> uploads) throws IOException {
        byte[] raw = ex.getRequestBody().readAllBytes();
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            Matcher boundary = Pattern.compile("boundary=\"?([^\";]+)").matcher(type);
            if (!boundary.find()) {
                throw new IllegalArgumentException("multipart without boundary: " + type);
            }
            return multipart(raw, boundary.group(1), uploads);
        }
        return raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
    }

    /** A small multipart/form-data reader, enough for OkHttp's well-formed bodies. */
    private static ObjectNode multipart(byte[] body, String boundary, Map<String, Upload> uploads) {
        ObjectNode params = JSON.createObjectNode();
        // ISO-8859-1 maps each byte to one char and back, so parts are cut as text and keep their bytes exactly.
        String all = new String(body, StandardCharsets.ISO_8859_1);
        for (String part : all.split(Pattern.quote("--" + boundary))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            if (!part.startsWith("\r\n") || headerEnd < 0) {
                continue; // the preamble before the first delimiter, and the "--" closing the last
            }
            String headers = new String(part.substring(2, headerEnd).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            byte[] content = part.substring(headerEnd + 4, part.length() - 2).getBytes(StandardCharsets.ISO_8859_1);
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
        }
        return params;
    }

    private static String attribute(String header, String key) {
        Matcher m = Pattern.compile("(?:^|;)\\s*" + key + "=\"([^\"]*)\"").matcher(header.substring(header.indexOf(':') + 1));
        return m.find() ? m.group(1) : null;
    }

    private static void send(HttpExchange ex, Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", answer.contentType());
        if (answer.status() == 429) {
            ex.getResponseHeaders().set("Retry-After", json(answer.body()).path("parameters").path("retry_after").asText());
        }
        ex.sendResponseHeaders(answer.status(), bytes.length);
        // Closing the body completes the exchange and flushes the answer onto the socket now, not at the handler's end.
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static String read(String name) {
        try (InputStream in = FakeBotApi.class.getResourceAsStream("/telegram/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode fixtureJson(String name) {
        return (ObjectNode) json(read(name));
    }

    public static JsonNode json(String text) {
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
        down();
        threads.shutdownNow();
    }
}
