package sohbet.telegram;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import sohbet.app.AppConfig;
import sohbet.app.Sohbet;
import sohbet.core.ChatThread;
import sohbet.core.Message;
import sohbet.live.LiveEvent;
import sohbet.live.Subscriber;
import sohbet.store.MessageStore;
import sohbet.store.TelegramLinkStore;
import sohbet.store.TelegramOutboxStore;
import sohbet.support.Eventually;
import sohbet.support.FakeBotApi;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * What the bridge suites share: per test a fresh database, a fake Bot API, and the real app pointed at
 * it with shortened timings; helpers to post, wait for the outbox, read the store and watch a visitor's
 * live stream; and a log capture that proves the bot token never reaches the log.
 */
abstract class BridgeHarness {
    // An upper bound only (waits end as soon as the condition holds): generous for a loaded build machine.
    static final Duration WAIT = Duration.ofSeconds(10);
    static final TelegramTiming FAST = new TelegramTiming(Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofMillis(300),
            Duration.ofSeconds(2));
    static final long ADMIN_CHAT = FakeBotApi.ADMIN_CHAT;
    static final String CHAT = String.valueOf(ADMIN_CHAT);

    TestDatabase db;
    FakeBotApi fake;
    Sohbet app;
    final LogCapture logs = new LogCapture();

    abstract TestDatabase.Kind kind();

    /** Settings every app of a suite starts with, besides the bot's. */
    Map<String, String> env() {
        return Map.of();
    }

    @BeforeEach
    void setUp() {
        Logger.getLogger("").addHandler(logs);
        db = TestDatabase.create(kind());
        fake = new FakeBotApi();
        app = startApp();
    }

    @AfterEach
    void tearDown() {
        if (app != null) {
            app.close();
        }
        fake.close();
        db.close();
        Logger.getLogger("").removeHandler(logs);
        assertThat("the bot token never reaches the log", logs.text(), not(containsString(FakeBotApi.TOKEN)));
    }

    Sohbet startApp() {
        return startApp(Map.of());
    }

    Sohbet startApp(Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(db.env());
        env.put("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN);
        env.put("TELEGRAM_CHAT_ID", CHAT);
        env.put("TELEGRAM_API_URL", fake.url());
        env.putAll(env());
        env.putAll(extraEnv);
        return new Sohbet(AppConfig.from(env), Clock.systemUTC(), timing()).start();
    }

    Sohbet.Timing timing() {
        return new Sohbet.Timing(Duration.ofSeconds(1), Duration.ofMillis(200), 64).withTelegram(FAST);
    }

    /** A new app on the same database in place of the running one. */
    void restartApp(Map<String, String> extraEnv) {
        app.close();
        app = startApp(extraEnv);
    }

    Message visitorSays(ChatThread thread, String text) {
        return app.chat().postText(thread.id(), Message.Sender.VISITOR, Message.Channel.WEB, text, null);
    }

    /** A thread whose visitor message was forwarded as Telegram message 1201, the message the reply fixtures answer. */
    ChatThread forwardedThread() {
        ChatThread thread = app.chat().startThread("test", null);
        visitorSays(thread, "Merhaba, siparişim ne zaman gelir?");
        Eventually.until("the forward (Telegram message 1201)", WAIT, () -> links().find(ADMIN_CHAT, 1201).isPresent());
        return thread;
    }

    void awaitSent(Message m) {
        Eventually.until("message " + m.id() + " sent", WAIT, () -> outbox().byMessageId(m.id()).orElseThrow().sentAt() != null);
    }

    void awaitDrained() {
        Eventually.until("the outbox drained", WAIT, () -> outbox().pendingCount() == 0);
    }

    MessageStore messages() {
        return new MessageStore(app.database());
    }

    TelegramOutboxStore outbox() {
        return new TelegramOutboxStore(app.database());
    }

    TelegramLinkStore links() {
        return new TelegramLinkStore(app.database());
    }

    List<Message> adminMessages(ChatThread thread) {
        return messages().latest(thread.id(), 50).stream().filter(m -> m.sender() == Message.Sender.ADMIN).toList();
    }

    Web web() {
        return new Web(URI.create("http://127.0.0.1:" + app.port()));
    }

    /** GET /health, as a load balancer or the owner's monitor reads it. */
    String health() {
        return web().get("/health").body();
    }

    /** Runs {@code telegram-test} as the command line does: checks its exit code and returns what it printed. */
    static String telegramTest(int expectedCode, ToIntFunction<PrintStream> run) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = run.applyAsInt(new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed, code, is(expectedCode));
        return printed;
    }

    /** Makes a fixture update's message a reply to Telegram message {@code repliedId}, a forward tagged with {@code thread}. */
    static void replyingTo(ObjectNode update, long repliedId, ChatThread thread) {
        ObjectNode replied = (ObjectNode) update.get("message").get("reply_to_message");
        replied.put("message_id", repliedId);
        replied.put("text", "💬 Ayşe\nMerhaba\n#T" + thread.id());
    }

    static Message awaitAdminMessage(Subscriber stream) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            LiveEvent e = stream.next(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (e instanceof LiveEvent.NewMessage nm && nm.message().sender() == Message.Sender.ADMIN) {
                return nm.message();
            }
        }
        throw new AssertionError("no admin message pushed to the visitor's stream within " + WAIT);
    }

    /** How many new-message events wait in the stream (other kinds, such as the cluster's catch-up, do not count). */
    static int newMessages(Subscriber stream) throws InterruptedException {
        int count = 0;
        for (LiveEvent e = stream.next(0); e != null; e = stream.next(0)) {
            if (e instanceof LiveEvent.NewMessage) {
                count++;
            }
        }
        return count;
    }

    /** The visitor text of each forward: its middle line. */
    static List<String> bodies(List<FakeBotApi.Call> calls) {
        return calls.stream().map(c -> c.text().split("\n")[1]).toList();
    }

    /** Everything logged while a test ran, exceptions included, to prove the token never shows. */
    static final class LogCapture extends Handler {
        private final StringBuffer text = new StringBuffer();

        @Override
        public void publish(LogRecord r) {
            text.append(r.getLevel()).append(" ").append(r.getLoggerName()).append(" ").append(r.getMessage());
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    text.append(' ').append(p);
                }
            }
            if (r.getThrown() != null) {
                StringWriter w = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(w));
                text.append(' ').append(w);
            }
            text.append('\n');
        }

        String text() {
            return text.toString();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
