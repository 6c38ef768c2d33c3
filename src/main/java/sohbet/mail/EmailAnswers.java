package sohbet.mail;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.logging.Logger;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.dbclient.DbExecute;
import sohbet.core.MessageListener;
import sohbet.core.Messages;
import sohbet.core.ChatService;
import sohbet.core.Message;
import sohbet.visitor.VisitorCookie;
import sohbet.store.Database;
import sohbet.store.MailOutboxStore;
import sohbet.web.Assets;
import sohbet.web.I18n;
import sohbet.web.Ids;
import sohbet.web.Signer;
import sohbet.web.Templates;

/**
 * Answers by e-mail, as one feature: each admin answer is queued in its own transaction (through the
 * chat service's listener, whichever door it came by); what the visitor has seen is learned from their
 * streams (presence) and page loads; a background sender mails what they missed; the mail's links come
 * back through {@link MailRoutes}. Without SMTP_URL and MAIL_FROM nothing is queued or sent, and the
 * links of mails sent earlier still work.
 */
public final class EmailAnswers implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmailAnswers.class.getName());

    /** The mail settings, read once at start. */
    public record Settings(Optional<SmtpSettings> smtp, Optional<String> from, Optional<String> publicUrl, String siteName,
                           Duration delay, Duration batch) {
        public boolean enabled() {
            return smtp.isPresent() && from.isPresent();
        }
    }

    private final MailOutboxStore store;
    private final ChatService chat;
    private final Clock clock;
    private final MailLinks links;
    private final boolean secure;
    private final MailSender sender;

    public EmailAnswers(Settings settings, Database db, ChatService chat, LongPredicate visitorOnline, Signer signer, boolean secure,
                        Clock clock) {
        this.store = new MailOutboxStore(db);
        this.chat = chat;
        this.clock = clock;
        this.secure = secure;
        this.links = new MailLinks(signer, clock);
        if (!settings.enabled()) {
            this.sender = null;
            return;
        }
        this.sender = new MailSender(store, chat, visitorOnline, new AnswersMail(new Templates(), settings.siteName()),
                new SmtpMailer(settings.smtp().orElseThrow(), settings.from().orElseThrow()), links, settings.publicUrl(),
                settings.delay(), settings.batch(), clock);
        LOG.info(() -> "Answers by e-mail on, through " + settings.smtp().orElseThrow() + "; links from "
                + settings.publicUrl().orElse("the address each visitor used"));
    }

    public boolean enabled() {
        return sender != null;
    }

    /** Marks, in the answer's own transaction, that a thread has an admin answer to mail; nothing while mail is off. */
    public MessageListener answers() {
        return new MessageListener() {
            @Override
            public void inTransaction(DbExecute tx, Messages.Stored stored) {
                Message m = stored.message();
                if (sender != null && m.sender() == Message.Sender.ADMIN) {
                    store.answered(tx, m.threadId(), m.id(), m.createdAt());
                }
            }
        };
    }

    public MailRoutes routes(ChatService chat, VisitorCookie cookie, Templates templates, Assets assets) {
        return new MailRoutes(links, chat, cookie, this, templates, assets);
    }

    /** A visitor's stream opened or (after the grace period) closed: they have seen everything up to now. */
    public void visitorPresence(long threadId) {
        if (sender == null) {
            return;
        }
        try {
            if (store.byThread(threadId).isPresent()) {
                store.seen(threadId, clock.instant(), chat.latestId(threadId));
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "Could not record the visit of thread " + threadId + ": " + e.getMessage());
        }
    }

    /**
     * Notes each chat page a visitor with an address loads (and the address they leave): they have read
     * what it showed, and their language and the chat's address as they reach it are kept for the mail.
     */
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res, VisitorCookie cookie) {
        String method = req.prologue().method().text();
        String path = req.path().path();
        boolean page = "GET".equals(method) && Ids.ROUTE_HOME.equals(path);
        boolean email = "POST".equals(method) && Ids.ROUTE_EMAIL.equals(path);
        if (sender == null || !(page || email)) {
            chain.proceed();
            return;
        }
        Optional<Long> threadId = cookie.threadId(req);
        // Read before the page is rendered, so nothing newer than what it shows is counted as read.
        long shown = page ? threadId.filter(id -> chat.email(id).isPresent()).map(chat::latestId).orElse(0L) : 0L;
        chain.proceed();
        if (threadId.isEmpty() || page && shown == 0) {
            return;
        }
        long id = threadId.get();
        try {
            if (email && chat.email(id).isPresent()) {
                shown = chat.latestId(id);
            }
            if (shown > 0) {
                store.visited(id, clock.instant(), shown, I18n.of(req).lang(), baseUrl(req));
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "Could not record the visit of thread " + id + ": " + e.getMessage());
        }
    }

    /** The chat's address as this request reached it, for links when PUBLIC_URL is not set. */
    private String baseUrl(RoutingRequest req) {
        return req.headers().first(HeaderNames.HOST)
                .filter(h -> h.matches("[A-Za-z0-9.\\-\\[\\]:]{1,255}"))
                .map(h -> (secure ? "https://" : "http://") + h)
                .orElse(null);
    }

    /** No more mails for this conversation. */
    public void unsubscribe(long threadId) {
        store.unsubscribe(threadId, clock.instant());
    }

    public void start() {
        if (sender != null) {
            sender.start();
        }
    }

    @Override
    public void close() {
        if (sender != null) {
            sender.close();
        }
    }
}
