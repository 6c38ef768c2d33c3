package sohbet.telegram;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import sohbet.core.ChatThread;
import sohbet.core.Message;
import sohbet.store.Database;
import sohbet.core.ChatService;
import sohbet.store.OutboxLoop;
import sohbet.store.TelegramLinkStore;
import sohbet.store.TelegramOutboxStore;

/**
 * Forwards queued visitor messages to the admin's chat, one at a time, strictly in message order
 * (every forward goes to the one chat, whose flood limit a 429 reports, so one queue is the honest model).
 * A message is one or more pieces (text parts; or a photo/recording with its caption, then overflow text);
 * a piece is marked sent right after Telegram accepts it, so a restart resumes without repeating it.
 * Uploads fail, wait and give up by the same rules as texts. Telegram's answers decide the next step
 * (wait, pause for the chat, move to a new chat id, end one message); the calls themselves are in
 * {@link PieceSender}. Kept in one class because those steps share the row being delivered.
 */
final class OutboxSender implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OutboxSender.class.getName());
    // A wake-up is only a shortcut for this process's own posts; the periodic look is the guarantee.
    // Short enough that a message queued by another instance (which cannot wake this one) goes out within seconds.
    private static final Duration IDLE_LOOK = Duration.ofSeconds(2);
    // A stored file that cannot be read this many times in a row is forwarded as text, so it cannot hold up the queue.
    private static final int FILE_TRIES = 5;

    /** Reads a stored message's original file (the media service; a missing file is NoSuchFileException). */
    @FunctionalInterface
    interface Originals {
        byte[] read(Message m) throws IOException;
    }

    private final Database db;
    private final TelegramOutboxStore outbox;
    private final TelegramLinkStore links;
    private final ChatService chat;
    private final BotConnection bot;
    private final DeskChat desk;
    private final Clock clock;
    private final TelegramTiming timing;
    private final Originals originals;
    private final ForumTopics topics;
    private final PieceSender pieces;
    private final OutboxLoop loop;
    private Instant lastProbe;

    OutboxSender(Database db, ChatService chat, BotConnection bot, DeskChat desk, Clock clock, TelegramTiming timing, Originals originals,
                 ForumTopics topics) {
        this.db = db;
        this.outbox = new TelegramOutboxStore(db);
        this.links = new TelegramLinkStore(db);
        this.chat = chat;
        this.bot = bot;
        this.desk = desk;
        this.clock = clock;
        this.timing = timing;
        this.originals = originals;
        this.topics = topics;
        this.pieces = new PieceSender(bot, desk);
        this.loop = new OutboxLoop("Telegram outbox", timing::backoff, timing.stopWait(), bot::redact, this::step);
    }

    void start() {
        loop.start();
    }

    /** Something was queued: look now instead of at the next periodic look. */
    void wake() {
        loop.wake();
    }

    /** One step of the queue: how long to wait before the next. */
    private Duration step() throws InterruptedException {
        Optional<TelegramOutboxStore.Row> head = outbox.head();
        if (head.isEmpty()) {
            probeWhileRefused();
            return IDLE_LOOK;
        }
        TelegramOutboxStore.Row row = head.get();
        Instant now = clock.instant();
        if (row.nextAttemptAt().isAfter(now)) {
            return Duration.between(now, row.nextAttemptAt());
        }
        deliver(row);
        return Duration.ZERO;
    }

    private void deliver(TelegramOutboxStore.Row row) throws InterruptedException {
        Optional<Message> message = chat.message(row.messageId());
        Optional<ChatThread> thread = message.flatMap(m -> chat.thread(m.threadId()));
        if (message.isEmpty() || thread.isEmpty()) {
            outbox.giveUp(row.messageId(), row.attempts(), "message deleted before it was forwarded", clock.instant());
            return;
        }
        Message m = message.get();
        List<ForwardPiece> pieces = ForwardText.pieces(thread.get(), m);
        if (row.partsSent() >= pieces.size()) {
            // Cannot happen with the fixed split limits; if it did, waiting would block every forward behind it.
            finishWithoutSending(row);
            return;
        }
        Integer topic;
        try {
            topic = topics.topicFor(thread.get());
        } catch (TelegramApiException e) {
            failed(row, SendFailure.of(e, bot::redact));
            return;
        }
        boolean recreated = false;
        for (int i = row.partsSent(); i < pieces.size(); i++) {
            if (loop.stopping()) {
                return;
            }
            org.telegram.telegrambots.meta.api.objects.message.Message sent;
            try {
                sent = send(pieces.get(i), m, row, topic);
            } catch (TelegramApiException e) {
                if (topic != null && !recreated && ForumTopics.threadNotFound(e)) {
                    // The admin deleted the thread's topic: a new one, and this piece again, once.
                    recreated = true;
                    topics.forget(thread.get(), topic);
                    try {
                        topic = topics.topicFor(thread.get());
                    } catch (TelegramApiException again) {
                        failed(row, SendFailure.of(again, bot::redact));
                        return;
                    }
                    i--;
                    continue;
                }
                failed(row, SendFailure.of(e, bot::redact));
                return;
            } catch (UnreadableFile e) {
                failed(row, new SendFailure(SendFailure.Scope.RETRY, null, "cannot read the stored file: " + e.getMessage(), null));
                return;
            }
            recordSent(m, i + 1, i + 1 == pieces.size(), sent);
        }
    }

    /** Sends one piece to the admin's chat; into forum topic {@code topic} unless it is null. */
    private org.telegram.telegrambots.meta.api.objects.message.Message send(ForwardPiece piece, Message m, TelegramOutboxStore.Row row,
                                                                          Integer topic)
            throws TelegramApiException, UnreadableFile {
        return switch (piece) {
            case ForwardPiece.Text t -> pieces.sendText(t.text(), topic);
            case ForwardPiece.Media media -> {
                byte[] bytes = original(m, row);
                if (bytes == null) {
                    yield pieces.sendText(media.fallback(), topic);
                }
                yield pieces.uploadOrFallBack(media, bytes, topic);
            }
        };
    }

    /**
     * The stored original, or null when it is gone for good (or unreadable now, after FILE_TRIES failed
     * attempts at this forward): the admin then gets the message as text with a note, rather than never,
     * and the queue behind it moves on.
     */
    private byte[] original(Message m, TelegramOutboxStore.Row row) throws UnreadableFile {
        try {
            return originals.read(m);
        } catch (NoSuchFileException | FileNotFoundException e) {
            LOG.warning(() -> "The file of message " + m.id() + " is gone; forwarding its text only");
            return null;
        } catch (IOException e) {
            if (row.attempts() + 1 >= FILE_TRIES) {
                LOG.warning(() -> "The file of message " + m.id() + " still cannot be read (" + e.getMessage()
                        + "); forwarding its text only");
                return null;
            }
            throw new UnreadableFile(String.valueOf(e.getMessage()));
        }
    }

    /** Reading the stored file failed in a way that may pass (Cloudinary unreachable). */
    private static final class UnreadableFile extends Exception {
        UnreadableFile(String message) {
            super(message, null, false, false);
        }
    }

    private void finishWithoutSending(TelegramOutboxStore.Row row) {
        Instant now = clock.instant();
        long first = row.telegramMessageId() == null ? 0 : row.telegramMessageId();
        db.write(tx -> {
            outbox.partSent(tx, row.messageId(), row.partsSent(), true, first, now);
            return null;
        });
    }

    private void failed(TelegramOutboxStore.Row row, SendFailure failure) throws InterruptedException {
        if (failure.interrupted()) {
            throw new InterruptedException("stopping");
        }
        int attempts = row.attempts() + 1;
        Instant now = clock.instant();
        SendFailure.Scope scope = failure.scope();
        if (scope == SendFailure.Scope.MOVED && desk.id().equals(String.valueOf(failure.movedTo()))) {
            // Told to move where it already sends: waiting, not a tight loop of re-sends.
            scope = SendFailure.Scope.CHAT;
        }
        switch (scope) {
            case MOVED -> {
                // The same piece goes again at once, to the new chat; this was not the message's fault.
                desk.moveTo(failure.movedTo());
                outbox.retryLater(row.messageId(), row.attempts(), now, failure.reason());
                return;
            }
            case CHAT -> {
                // Nothing is dropped: this row and every one behind it wait until the bot may write there again.
                desk.refused(failure.reason());
                Duration wait = timing.pause(attempts);
                outbox.retryLater(row.messageId(), attempts, now.plus(wait), failure.reason());
                return;
            }
            case MESSAGE -> {
                outbox.giveUp(row.messageId(), attempts, failure.reason(), now);
                LOG.warning(() -> "Telegram refused to take message " + row.messageId() + ", not retrying: " + failure.reason());
                tellOwner(row.messageId(), failure.reason());
                return;
            }
            default -> {
                // RETRY below
            }
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
                desk.accepted();
                return;
            } catch (RuntimeException e) {
                int attempt = failures;
                LOG.log(Level.WARNING, () -> "Message " + m.id() + " reached Telegram but could not be marked sent (try " + attempt
                        + "): " + e.getMessage());
                Thread.sleep(timing.backoff(failures).toMillis());
            }
        }
    }

    /**
     * With nothing queued, no forward would notice that the owner unblocked the bot: a "typing" status now
     * and then (at most every pauseMax) does, so /health and the panel stop saying BLOCKED.
     */
    private void probeWhileRefused() {
        Instant now = clock.instant();
        if (!desk.isRefused() || lastProbe != null && Duration.between(lastProbe, now).compareTo(timing.pauseMax()) < 0) {
            return;
        }
        lastProbe = now;
        try {
            bot.client().execute(SendChatAction.builder().chatId(desk.id()).action("typing").build());
            desk.accepted();
        } catch (TelegramApiException e) {
            LOG.fine(() -> "Telegram still refuses the desk's chat: " + SendFailure.of(e, bot::redact).reason());
        }
    }

    /** The owner learns in the chat which visitor message did not come through, and that the panel has it. */
    private void tellOwner(long messageId, String reason) {
        Optional<Message> m = chat.message(messageId);
        Optional<ChatThread> thread = m.flatMap(x -> chat.thread(x.threadId()));
        if (thread.isEmpty()) {
            return;
        }
        try {
            pieces.sendText(BotTexts.notForwarded(thread.get().tag(), reason), topics.topicFor(thread.get()));
        } catch (TelegramApiException | RuntimeException e) {
            LOG.warning(() -> "Could not tell the admin's chat that message " + messageId + " was not forwarded: " + e.getMessage());
        }
    }

    /** Lets a send in flight finish (so its answer is recorded) for up to stopWait, then abandons it. */
    @Override
    public void close() {
        loop.close();
    }
}
