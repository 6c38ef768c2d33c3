package sohbet.telegram;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import io.helidon.dbclient.DbExecute;
import sohbet.core.Message;
import sohbet.core.MessageListener;
import sohbet.core.Messages;
import sohbet.desk.CannedReplies;
import sohbet.core.ChatService;
import sohbet.media.MediaService;
import sohbet.store.Database;
import sohbet.store.LoginCodeStore;
import sohbet.store.TelegramDeskStore;
import sohbet.store.TelegramOutboxStore;
import sohbet.store.TelegramTopicStore;
import sohbet.store.TelegramUpdateStore;

/**
 * The Telegram bridge, both ways: visitor messages (texts, photos, recordings) go out through a persisted
 * outbox; replies in the admin's chat (texts, photos, voice notes, audio, image files, saved answers) come
 * back through long polling as admin messages on the one message path.
 */
public final class TelegramBridge implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TelegramBridge.class.getName());
    // Telegram keeps an unconfirmed update at most 24 hours, so an id older than this cannot come back.
    private static final Duration REMEMBER_UPDATES = Duration.ofDays(2);
    // How soon a used or expired sign-in code disappears from the admins' chats.
    private static final Duration CODE_LOOK = Duration.ofSeconds(5);

    /**
     * What /health and the admin panel show about the bot.
     *
     * @param state  OFF (no bot), ON, STANDBY (another instance runs it), BLOCKED (Telegram refuses every send to
     *               the chat; forwards wait), CONFLICT (another process polls with this token)
     * @param reason Telegram's words for BLOCKED and CONFLICT, else null
     */
    public record Status(String state, String reason) {
        public static final Status OFF = new Status("OFF", null);
    }

    private final BotConnection bot;
    private final DeskChat desk;
    private final DeskAdmins admins;
    private final SignInCodeMessages codes;
    private final PollConflicts conflicts;
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
    private final ChatService chat;
    private volatile OutboxSender activeSender;
    private final TelegramOutboxStore outbox;

    private TelegramBridge(BotConnection bot, String chatId, List<Long> adminIds, Database db, ChatService chat, MediaService media,
                           CannedReplies canned, Clock clock, ZoneId zone, TelegramTiming timing, boolean forumTopics) {
        this.bot = bot;
        this.chat = chat;
        this.desk = new DeskChat(chatId, new TelegramDeskStore(db), clock);
        this.admins = new DeskAdmins(adminIds, desk, bot, clock);
        this.codes = new SignInCodeMessages(bot, admins, new LoginCodeStore(db), clock,
                timing.retryMax().compareTo(CODE_LOOK) < 0 ? timing.retryMax() : CODE_LOOK);
        this.conflicts = new PollConflicts(clock);
        bot.watchPolls(conflicts);
        this.topics = new ForumTopics(forumTopics, bot, desk, new TelegramTopicStore(db), clock);
        this.clock = clock;
        this.updates = new TelegramUpdateStore(db);
        this.db = db;
        this.timing = timing;
        this.answers = new ChatAnswers(bot);
        this.handler = new UpdateHandler(desk, admins, bot, chat, db, new ThreadsList(chat, zone),
                answers, new InboundMedia(bot, media), canned, new TranscriptExport(chat, bot, answers, zone), topics, clock);
        this.originals = m -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            media.copyOriginal(m, out);
            return out.toByteArray();
        };
        this.outbox = new TelegramOutboxStore(db);
    }

    /**
     * Each visitor message's forward, queued in the message's own transaction (an acknowledged visitor
     * message always has its forward queued), and the sender woken once it committed.
     */
    public MessageListener forwards() {
        return new MessageListener() {
            @Override
            public void inTransaction(DbExecute tx, Messages.Stored stored) {
                Message m = stored.message();
                if (m.fromVisitor()) {
                    outbox.enqueue(tx, m.id(), m.createdAt());
                }
            }

            @Override
            public void committed(Message m) {
                OutboxSender s = activeSender;
                if (m.fromVisitor() && s != null) {
                    s.wake();
                }
            }
        };
    }

    /**
     * A bridge that talks to Telegram from {@link #start()} on; its {@link #forwards()} listener queues visitor messages from the first one.
     * With {@code forumTopics} ({@code TELEGRAM_TOPICS}) each thread gets a topic of its own in a forum supergroup;
     * {@code adminIds} ({@code TELEGRAM_ADMIN_IDS}, may be empty) names who may answer (see {@link DeskAdmins}).
     */
    public static TelegramBridge create(String token, String chatId, String apiUrl, Database db, ChatService chat,
                                        MediaService media, CannedReplies canned, Clock clock, ZoneId zone, TelegramTiming timing,
                                        boolean forumTopics, List<Long> adminIds) {
        return new TelegramBridge(BotConnection.open(token, apiUrl, timing.pollTimeout()), chatId, adminIds, db, chat, media, canned,
                clock, zone, timing, forumTopics);
    }

    /**
     * Sends the sign-in code of {@code attempt} now, bypassing the outbox (it is useless minutes later), to each
     * admin privately; the messages are deleted once the code is used or expired. True when an admin got it.
     */
    public boolean sendSignInCode(String attempt, String text) {
        return codes.send(attempt, text);
    }

    /** The bot's state for /health and the panel; a refusal seen by whichever instance runs the bot shows on every one. */
    public Status status() {
        Optional<String> refused = desk.refusal();
        if (refused.isPresent()) {
            return new Status("BLOCKED", refused.get());
        }
        boolean running = running();
        String conflict = conflicts.current();
        if (running && conflict != null) {
            return new Status("CONFLICT", conflict);
        }
        return new Status(running ? "ON" : "STANDBY", null);
    }

    /**
     * Reads what the desk's chat remembered (an id it moved to, a refusal) so the status and sign-in codes
     * use it on every instance, the standby ones too; before {@link #start()}.
     */
    public void load() {
        desk.reload();
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
        desk.reload();
        sender = new OutboxSender(db, chat, bot, desk, clock, timing, originals, topics);
        poller = new UpdatePoller(bot, handler, db, timing);
        sender.start();
        poller.start();
        activeSender = sender;
        LOG.info(() -> "Telegram bridge on: chat " + desk.id() + " via " + bot.describe() + (topics.enabled() ? ", a forum topic per thread" : ""));
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
        codes.close();
        bot.close();
    }
}
