package sohbet.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

import sohbet.core.ChatService;
import sohbet.core.ChatThread;
import sohbet.core.Message;
import sohbet.store.MailOutboxStore;
import sohbet.store.OutboxLoop;
import sohbet.web.I18n;

/**
 * Works through the mail outbox: for each conversation with unmailed answers, waits until the visitor
 * has been away for the delay and the batch window since the last mail has passed, then sends one mail
 * with every answer they have not seen. A failed send is retried with growing waits; the row stays in
 * the database meanwhile, so a restart or an SMTP outage only delays the mail. Every instance may run
 * this loop: a row is claimed before it is sent, so only one of them sends it.
 */
final class MailSender implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MailSender.class.getName());
    /** How long a claimed row is left to the instance that claimed it before another may try (a crash mid-send). */
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final int BATCH_ROWS = 50;
    private static final int MAX_ANSWERS = 50;

    private final MailOutboxStore store;
    private final ChatService chat;
    private final LongPredicate visitorOnline;
    private final AnswersMail composer;
    private final SmtpMailer mailer;
    private final MailLinks links;
    private final Optional<String> publicUrl;
    private final Duration delay;
    private final Duration batch;
    private final Clock clock;
    private final Duration look;
    private final OutboxLoop loop;

    MailSender(MailOutboxStore store, ChatService chat, LongPredicate visitorOnline, AnswersMail composer, SmtpMailer mailer,
               MailLinks links, Optional<String> publicUrl, Duration delay, Duration batch, Clock clock) {
        this.store = store;
        this.chat = chat;
        this.visitorOnline = visitorOnline;
        this.composer = composer;
        this.mailer = mailer;
        this.links = links;
        this.publicUrl = publicUrl;
        this.delay = delay;
        this.batch = batch;
        this.clock = clock;
        // Looking a few times per window keeps mails close to their due time without busy polling.
        this.look = clamp(min(delay, batch).dividedBy(4), Duration.ofMillis(200), Duration.ofSeconds(5));
        this.loop = new OutboxLoop("Mail outbox", this::backoff, Duration.ofSeconds(20), UnaryOperator.identity(), () -> {
            step();
            return look;
        });
    }

    void start() {
        loop.start();
    }

    /** One pass over the conversations with unmailed answers. */
    void step() {
        for (MailOutboxStore.Row row : store.pending(BATCH_ROWS)) {
            if (loop.stopping()) {
                return;
            }
            consider(row, clock.instant());
        }
    }

    private void consider(MailOutboxStore.Row row, Instant now) {
        long threadId = row.threadId();
        if (visitorOnline.test(threadId)) {
            // An open stream shows every answer as it comes: nothing to mail.
            long latest = chat.latestId(threadId);
            store.seen(threadId, now, latest);
            store.settled(threadId, latest);
            return;
        }
        if (now.isBefore(due(row))) {
            return;
        }
        List<Message> answers = unseenAnswers(threadId, row.watermark());
        if (answers.isEmpty()) {
            store.settled(threadId, Math.max(row.watermark(), row.lastAnswerId()));
            return;
        }
        Optional<ChatThread> thread = chat.thread(threadId);
        Optional<String> email = chat.email(threadId);
        long upTo = answers.getLast().id();
        if (thread.isEmpty() || email.isEmpty()) {
            store.settled(threadId, Math.max(upTo, row.lastAnswerId()));
            return;
        }
        Optional<String> base = publicUrl.or(() -> Optional.ofNullable(row.baseUrl()));
        if (base.isEmpty()) {
            failed(row, now, new SmtpMailer.Failure("no link can be built: set PUBLIC_URL to the chat's address as visitors reach it", false));
            return;
        }
        if (!store.claim(threadId, row.nextAttemptAt(), now.plus(LEASE))) {
            return;
        }
        I18n t = "en".equals(row.lang()) ? I18n.EN : I18n.TR;
        MailContent mail = composer.compose(t, email.get(), thread.get().visitorName(), answers,
                base.get() + MailRoutes.BACK + "?t=" + links.backToken(threadId),
                base.get() + MailRoutes.UNSUBSCRIBE + "?t=" + links.unsubscribeToken(threadId));
        try {
            mailer.send(mail);
        } catch (SmtpMailer.Failure f) {
            failed(row, clock.instant(), f);
            return;
        }
        store.sent(threadId, upTo, clock.instant());
        LOG.info(() -> "Mailed " + answers.size() + " answer(s) of thread " + threadId);
    }

    /**
     * The first moment a mail may leave: the delay after the first unmailed answer and after the visitor
     * was last here (they may come back and read it), the batch window after the last mail, and any retry wait.
     */
    private Instant due(MailOutboxStore.Row row) {
        Instant due = row.pendingAt().plus(delay);
        if (row.visitorSeenAt() != null) {
            due = later(due, row.visitorSeenAt().plus(delay));
        }
        if (row.lastSentAt() != null) {
            due = later(due, row.lastSentAt().plus(batch));
        }
        return later(due, row.nextAttemptAt());
    }

    /** The admin's answers above the watermark, oldest first, at most the newest MAX_ANSWERS. */
    private List<Message> unseenAnswers(long threadId, long watermark) {
        List<Message> after = chat.missedSince(threadId, watermark, MAX_ANSWERS * 4).orElseGet(() -> chat.history(threadId));
        List<Message> answers = after.stream().filter(m -> m.id() > watermark && m.sender() == Message.Sender.ADMIN).toList();
        return answers.size() > MAX_ANSWERS ? answers.subList(answers.size() - MAX_ANSWERS, answers.size()) : answers;
    }

    private void failed(MailOutboxStore.Row row, Instant now, SmtpMailer.Failure f) {
        if (f.permanent()) {
            store.refused(row.threadId(), row.lastAnswerId(), f.getMessage());
            LOG.warning(() -> "The mail server refused the mail of thread " + row.threadId() + " for good: " + f.getMessage());
            return;
        }
        int attempts = row.attempts() + 1;
        Duration wait = backoff(attempts);
        store.retryLater(row.threadId(), attempts, now.plus(wait), f.getMessage());
        LOG.warning(() -> "Mail of thread " + row.threadId() + " not sent (attempt " + attempts + ": " + f.getMessage()
                + "); next try in " + wait.toSeconds() + " s");
    }

    /** Doubling waits from a tenth of the delay (1-30 s) up to the batch window (2 s - 15 min). */
    private Duration backoff(int failures) {
        Duration base = clamp(delay.dividedBy(10), Duration.ofSeconds(1), Duration.ofSeconds(30));
        Duration max = clamp(batch, Duration.ofSeconds(2), Duration.ofMinutes(15));
        Duration wait = base.multipliedBy(1L << Math.min(Math.max(0, failures - 1), 20));
        return wait.compareTo(max) > 0 ? max : wait;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration clamp(Duration d, Duration lo, Duration hi) {
        return d.compareTo(lo) < 0 ? lo : d.compareTo(hi) > 0 ? hi : d;
    }

    @Override
    public void close() {
        loop.close();
    }
}
