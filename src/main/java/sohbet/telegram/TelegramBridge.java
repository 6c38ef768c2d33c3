package sohbet.telegram;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.logging.Logger;

import sohbet.admin.CannedReplies;
import sohbet.chat.ChatService;
import sohbet.live.LiveHub;
import sohbet.media.MediaService;
import sohbet.store.Database;
import sohbet.store.TelegramOutboxStore;
import sohbet.store.TelegramTopicStore;
import sohbet.store.TelegramUpdateStore;
import sohbet.store.ThreadStore;

/**
 * The Telegram bridge, both ways: visitor messages (texts, photos, recordings) go out through a persisted
 * outbox; replies in the admin's chat (texts, photos, voice notes, audio, image files, saved answers) come
 * back through long polling as admin messages on the one message path.
 */
public final class TelegramBridge implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TelegramBridge.class.getName());
    // Telegram keeps an unconfirmed update at most 24 hours, so an id older than this cannot come back.
    private static final Duration REMEMBER_UPDATES = Duration.ofDays(2);

    private final BotConnection bot;
    private final String chatId;
    private final Clock clock;
    private final TelegramUpdateStore updates;
    private final ChatAnswers answers;
    private final Database db;
    private final TelegramTiming timing;
    private final UpdateHandler handler;
    private final OutboxSender.Originals originals;
    private final ForumTopics topics;
    // Sender and poller run only while this instance leads (one per cluster); the hooks below always run.
    private OutboxSender sender;
    private UpdatePoller poller;
    private volatile OutboxSender activeSender;

    private TelegramBridge(BotConnection bot, String chatId, Database db, ChatService chat, LiveHub hub, MediaService media,
                           CannedReplies canned, Clock clock, ZoneId zone, TelegramTiming timing, boolean forumTopics) {
        this.bot = bot;
        this.topics = new ForumTopics(forumTopics, bot, chatId, new TelegramTopicStore(db), clock);
        this.chatId = chatId;
        this.clock = clock;
        this.updates = new TelegramUpdateStore(db);
        this.db = db;
        this.timing = timing;
        this.answers = new ChatAnswers(bot);
        this.handler = new UpdateHandler(new AdminChat(chatId), chat, db, hub, new ThreadsList(new ThreadStore(db), zone),
                answers, new InboundMedia(bot, media), canned, new TranscriptExport(chat, bot, answers, zone), topics, clock);
        this.originals = m -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            media.copyOriginal(m, out);
            return out.toByteArray();
        };
        TelegramOutboxStore outbox = new TelegramOutboxStore(db);
        // Queued in the message's own transaction: a visitor message that was acknowledged always has its forward queued.
        chat.inStore((tx, m) -> {
            if (m.fromVisitor()) {
                outbox.enqueue(tx, m.id(), m.createdAt());
            }
        });
        chat.afterStore(m -> {
            OutboxSender s = activeSender;
            if (m.fromVisitor() && s != null) {
                s.wake();
            }
        });
    }

    /** Hooks into {@code chat} right away (so nothing posted before {@link #start()} is missed); talks to Telegram from start on. */
    public static TelegramBridge create(String token, String chatId, String apiUrl, Database db, ChatService chat, LiveHub hub,
                                        MediaService media, CannedReplies canned, Clock clock, ZoneId zone, TelegramTiming timing) {
        return create(token, chatId, apiUrl, db, chat, hub, media, canned, clock, zone, timing, false);
    }

    /** As above; with {@code forumTopics} ({@code TELEGRAM_TOPICS}) each thread gets a topic of its own in a forum supergroup. */
    public static TelegramBridge create(String token, String chatId, String apiUrl, Database db, ChatService chat, LiveHub hub,
                                        MediaService media, CannedReplies canned, Clock clock, ZoneId zone, TelegramTiming timing,
                                        boolean forumTopics) {
        return new TelegramBridge(BotConnection.open(token, apiUrl, timing.pollTimeout()), chatId, db, chat, hub, media, canned, clock,
                zone, timing, forumTopics);
    }

    /**
     * Sends {@code text} to the admin's chat now, bypassing the outbox (for the sign-in code: it is
     * useless minutes later). True when Telegram accepted it.
     */
    public boolean sendToAdmin(String text) {
        return answers.sendTo(chatId, text);
    }

    /** Starts forwarding and polling (again, after a {@link #stop()}); a no-op while already running. */
    public synchronized void start() {
        if (sender != null) {
            return;
        }
        try {
            updates.pruneBefore(clock.instant().minus(REMEMBER_UPDATES));
        } catch (RuntimeException e) {
            LOG.fine(() -> "Could not prune applied Telegram update ids: " + e.getMessage());
        }
        sender = new OutboxSender(db, bot, chatId, clock, timing, originals, topics);
        poller = new UpdatePoller(bot, handler, db, timing);
        sender.start();
        poller.start();
        activeSender = sender;
        LOG.info(() -> "Telegram bridge on: chat " + chatId + " via " + bot.describe() + (topics.enabled() ? ", a forum topic per thread" : ""));
    }

    /** Stops forwarding and polling (another instance leads now); the outbox keeps filling meanwhile. */
    public synchronized void stop() {
        activeSender = null;
        if (poller != null) {
            poller.close();
            poller = null;
        }
        if (sender != null) {
            sender.close();
            sender = null;
            LOG.info("Telegram bridge paused on this instance");
        }
    }

    public synchronized boolean running() {
        return sender != null;
    }

    @Override
    public void close() {
        stop();
        bot.close();
    }
}
