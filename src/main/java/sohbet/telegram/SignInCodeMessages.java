package sohbet.telegram;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import sohbet.store.LoginCodeStore;

/**
 * Sign-in codes go to each desk admin in a private chat with the bot, never to a group where members
 * could read them; forwarding and saving are blocked ({@code protect_content}). A code's messages are
 * deleted once the code is used, replaced, voided or expired (checked every {@code look} while any are out).
 */
final class SignInCodeMessages {
    private static final Logger LOG = Logger.getLogger(SignInCodeMessages.class.getName());

    private record Sent(long chatId, int messageId) {
    }

    private final BotConnection bot;
    private final DeskAdmins admins;
    private final LoginCodeStore codes;
    private final Clock clock;
    private final Duration look;
    private final Map<String, List<Sent>> out = new LinkedHashMap<>();
    private Thread sweeper;

    SignInCodeMessages(BotConnection bot, DeskAdmins admins, LoginCodeStore codes, Clock clock, Duration look) {
        this.bot = bot;
        this.admins = admins;
        this.codes = codes;
        this.clock = clock;
        this.look = look;
    }

    /** Sends the code of {@code attempt} to every admin the bot can reach; true when at least one got it. */
    boolean send(String attempt, String text) {
        withdraw(attempt);
        Set<Long> ids = admins.ids();
        List<Sent> sent = new ArrayList<>();
        for (long id : ids) {
            try {
                var m = bot.client().execute(SendMessage.builder().chatId(id).text(text).protectContent(true).build());
                sent.add(new Sent(id, m.getMessageId()));
            } catch (TelegramApiException e) {
                // The text is never logged: it holds the code.
                LOG.warning(() -> "Could not send the sign-in code to admin " + id + ": " + SendFailure.of(e, bot::redact).reason());
            }
        }
        if (sent.isEmpty()) {
            LOG.warning(() -> "No admin could get the sign-in code (admins: " + (ids.isEmpty() ? "none known" : ids) + "). Telegram lets a"
                    + " bot write only to people who started it: each admin opens a private chat with the bot and sends /start."
                    + " Set TELEGRAM_ADMIN_IDS if the bot cannot list the group's admins.");
            return false;
        }
        synchronized (this) {
            out.put(attempt, sent);
            if (sweeper == null) {
                sweeper = Thread.ofVirtual().name("telegram-code-sweeper").start(this::sweepWhileAny);
            }
        }
        return true;
    }

    private void sweepWhileAny() {
        while (true) {
            try {
                Thread.sleep(look);
            } catch (InterruptedException e) {
                return;
            }
            List<String> done = new ArrayList<>();
            synchronized (this) {
                if (out.isEmpty()) {
                    sweeper = null;
                    return;
                }
                for (String attempt : out.keySet()) {
                    if (finished(attempt)) {
                        done.add(attempt);
                    }
                }
            }
            done.forEach(this::withdraw);
        }
    }

    /** Used, voided, replaced by a sign-in that ended, or expired: its code no longer opens anything. */
    private boolean finished(String attempt) {
        try {
            Optional<LoginCodeStore.Row> row = codes.find(attempt);
            return row.isEmpty() || clock.instant().isAfter(row.get().expiresAt());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Deletes the messages that carried the code of {@code attempt}. */
    private void withdraw(String attempt) {
        List<Sent> sent;
        synchronized (this) {
            sent = out.remove(attempt);
        }
        if (sent == null) {
            return;
        }
        for (Sent s : sent) {
            try {
                bot.client().execute(DeleteMessage.builder().chatId(s.chatId()).messageId(s.messageId()).build());
            } catch (TelegramApiException e) {
                LOG.info(() -> "Could not delete a used sign-in code message: " + SendFailure.of(e, bot::redact).reason());
            }
        }
    }

    void close() {
        Thread t;
        synchronized (this) {
            t = sweeper;
        }
        if (t != null) {
            t.interrupt();
        }
    }
}
