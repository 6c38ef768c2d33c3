package sohbet.telegram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import sohbet.chat.ChatThread;
import sohbet.chat.Message;
import sohbet.store.Database;
import sohbet.store.MessageStore;
import sohbet.store.TelegramLinkStore;
import sohbet.store.TelegramOutboxStore;
import sohbet.store.ThreadStore;

/**
 * Forwards queued visitor messages to the admin's chat, one at a time, strictly in message order
 * (every forward goes to the one chat, whose flood limit a 429 reports, so one queue is the honest model).
 * A part is marked sent right after Telegram accepts it, so a restart resumes without repeating it.
 */
final class OutboxSender implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OutboxSender.class.getName());
    // A wake-up is only a shortcut for this process's own posts; the periodic look is the guarantee.
    // Short enough that a message queued by another instance (which cannot wake this one) goes out within seconds.
    private static final Duration IDLE_LOOK = Duration.ofSeconds(2);

    private final Database db;
    private final TelegramOutboxStore outbox;
    private final TelegramLinkStore links;
    private final MessageStore messages;
    private final ThreadStore threads;
    private final BotConnection bot;
    private final String chatId;
    private final Clock clock;
    private final TelegramTiming timing;
    private final Semaphore wakeups = new Semaphore(0);
    private volatile boolean stopping;
    private Thread thread;

    OutboxSender(Database db, BotConnection bot, String chatId, Clock clock, TelegramTiming timing) {
        this.db = db;
        this.outbox = new TelegramOutboxStore(db);
        this.links = new TelegramLinkStore(db);
        this.messages = new MessageStore(db);
        this.threads = new ThreadStore(db);
        this.bot = bot;
        this.chatId = chatId;
        this.clock = clock;
        this.timing = timing;
    }

    void start() {
        thread = Thread.ofVirtual().name("telegram-outbox").start(this::run);
    }

    /** Something was queued: look now instead of at the next periodic look. */
    void wake() {
        wakeups.release();
    }

    private void run() {
        int databaseFailures = 0;
        while (!stopping) {
            try {
                step();
                databaseFailures = 0;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (stopping) {
                    return;
                }
                databaseFailures++;
                Duration wait = timing.backoff(databaseFailures);
                LOG.warning(() -> "Telegram outbox paused for " + wait.toMillis() + " ms: " + bot.redact(String.valueOf(e.getMessage())));
                try {
                    await(wait);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void step() throws InterruptedException {
        Optional<TelegramOutboxStore.Row> head = outbox.head();
        if (head.isEmpty()) {
            await(IDLE_LOOK);
            return;
        }
        TelegramOutboxStore.Row row = head.get();
        Instant now = clock.instant();
        if (row.nextAttemptAt().isAfter(now)) {
            await(Duration.between(now, row.nextAttemptAt()));
            return;
        }
        deliver(row);
    }

    private void deliver(TelegramOutboxStore.Row row) throws InterruptedException {
        Optional<Message> message = messages.byId(row.messageId());
        Optional<ChatThread> thread = message.flatMap(m -> threads.byId(m.threadId()));
        if (message.isEmpty() || thread.isEmpty()) {
            outbox.giveUp(row.messageId(), row.attempts(), "message deleted before it was forwarded", clock.instant());
            return;
        }
        Message m = message.get();
        List<String> parts = ForwardText.parts(thread.get(), m);
        for (int i = row.partsSent(); i < parts.size(); i++) {
            if (stopping) {
                return;
            }
            org.telegram.telegrambots.meta.api.objects.message.Message sent;
            try {
                sent = bot.client().execute(SendMessage.builder().chatId(chatId).text(parts.get(i)).build());
            } catch (TelegramApiException e) {
                failed(row, e);
                return;
            }
            recordSent(m, i + 1, i + 1 == parts.size(), sent);
        }
    }

    private void failed(TelegramOutboxStore.Row row, TelegramApiException e) throws InterruptedException {
        SendFailure failure = SendFailure.of(e, bot::redact);
        if (failure.interrupted()) {
            throw new InterruptedException("stopping");
        }
        int attempts = row.attempts() + 1;
        Instant now = clock.instant();
        if (failure.permanent()) {
            outbox.giveUp(row.messageId(), attempts, failure.reason(), now);
            LOG.warning(() -> "Telegram refused to take message " + row.messageId() + ", not retrying: " + failure.reason());
            return;
        }
        Duration wait = failure.retryAfter() != null ? failure.retryAfter() : timing.backoff(attempts);
        outbox.retryLater(row.messageId(), attempts, now.plus(wait), failure.reason());
        LOG.info(() -> "Forward of message " + row.messageId() + " failed (attempt " + attempts + ": " + failure.reason()
                + "); next try in " + wait.toMillis() + " ms");
    }

    /**
     * Telegram has the part now, so sending it again would show it twice: hold on to the answer until
     * the database takes it, however long that takes.
     */
    private void recordSent(Message m, int partsSent, boolean last,
                            org.telegram.telegrambots.meta.api.objects.message.Message sent) throws InterruptedException {
        TelegramLinkStore.Link link = new TelegramLinkStore.Link(sent.getChatId(), sent.getMessageId(), m.threadId(), m.id());
        for (int failures = 1; ; failures++) {
            Instant now = clock.instant();
            try {
                db.write(tx -> {
                    links.insert(tx, link, now);
                    outbox.partSent(tx, m.id(), partsSent, last, sent.getMessageId(), now);
                    return null;
                });
                return;
            } catch (RuntimeException e) {
                int attempt = failures;
                LOG.log(Level.WARNING, () -> "Message " + m.id() + " reached Telegram but could not be marked sent (try " + attempt
                        + "): " + e.getMessage());
                Thread.sleep(timing.backoff(failures).toMillis());
            }
        }
    }

    private void await(Duration wait) throws InterruptedException {
        if (wakeups.tryAcquire(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS)) {
            wakeups.drainPermits();
        }
    }

    /** Lets a send in flight finish (so its answer is recorded) for up to stopWait, then abandons it. */
    @Override
    public void close() {
        stopping = true;
        wakeups.release();
        if (thread == null) {
            return;
        }
        try {
            if (!thread.join(timing.stopWait())) {
                thread.interrupt();
                if (!thread.join(timing.stopWait())) {
                    LOG.warning("Telegram outbox sender did not stop in time");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
