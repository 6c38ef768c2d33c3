package sohbet.telegram;

import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import sohbet.store.TelegramDeskStore;

/**
 * The chat the desk lives in: {@code TELEGRAM_CHAT_ID} (a numeric id or a public {@code @username}) until
 * Telegram moves it (a group upgraded to a supergroup gets a new id). The move is stored, so every
 * instance and every restart uses the new id even while the environment still names the old one.
 * Also keeps, shared the same way, whether Telegram refuses every send to the chat right now.
 */
final class DeskChat {
    private static final Logger LOG = Logger.getLogger(DeskChat.class.getName());

    private final String configured;
    private final TelegramDeskStore store;
    private final Clock clock;
    private volatile String current;
    private volatile String refused;

    DeskChat(String configured, TelegramDeskStore store, Clock clock) {
        this.configured = configured.strip();
        this.store = store;
        this.clock = clock;
        this.current = this.configured;
    }

    /** The chat id to send to now. */
    String id() {
        return current;
    }

    /** The numeric chat id, or null for an {@code @username}. */
    Long numericId() {
        try {
            return Long.parseLong(current);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A private chat with one person (a positive id): that person is the desk's admin. */
    boolean isPrivate() {
        Long id = numericId();
        return id != null && id > 0;
    }

    /** Picks up what another instance (or an earlier run) stored: a move, a refusal. */
    void reload() {
        try {
            Optional<TelegramDeskStore.Desk> desk = store.find(configured);
            desk.ifPresent(d -> {
                current = d.chatId();
                refused = d.refusedReason();
            });
        } catch (RuntimeException e) {
            LOG.fine(() -> "Could not read the Telegram desk's state: " + e.getMessage());
        }
    }

    boolean matches(Chat chat) {
        if (chat == null) {
            return false;
        }
        if (current.startsWith("@")) {
            return chat.getUserName() != null && current.substring(1).equalsIgnoreCase(chat.getUserName());
        }
        return current.equals(String.valueOf(chat.getId()));
    }

    /** Telegram says the chat is now {@code newId} (a 400 with migrate_to_chat_id, or the service message). */
    void moveTo(long newId) {
        String next = String.valueOf(newId);
        if (next.equals(current)) {
            return;
        }
        String old = current;
        store.moveTo(configured, next, clock.instant());
        current = next;
        LOG.warning(() -> "Telegram moved the desk from chat " + old + " to chat " + next + " (the group became a supergroup);"
                + " forwards and replies use " + next + " from now on. Set TELEGRAM_CHAT_ID=" + next + " to match.");
    }

    /** Telegram refuses every send to the chat: stored (so /health shows it everywhere), logged once per reason. */
    void refused(String reason) {
        if (reason.equals(refused)) {
            return;
        }
        store.refused(configured, reason, clock.instant());
        refused = reason;
        LOG.warning(() -> "Telegram refuses every send to chat " + current + " (" + reason + "); forwards wait in the outbox"
                + " and go out in order once the bot may write there again (unblock it, add it back, or give it the right to post).");
    }

    /** Whether this instance knows of a refusal going on (its own sends, or the stored state at start). */
    boolean isRefused() {
        return refused != null;
    }

    /** A send went through: any refusal is over. */
    void accepted() {
        if (refused == null) {
            return;
        }
        try {
            store.accepted(configured, clock.instant());
        } catch (RuntimeException e) {
            // Tried again after the next send.
            LOG.fine(() -> "Could not record that Telegram takes sends again: " + e.getMessage());
            return;
        }
        refused = null;
        LOG.info(() -> "Telegram takes sends to chat " + current + " again; the queued forwards go out now");
    }

    /** Why every send to the chat is refused, as stored (any instance may have seen it), or empty. */
    Optional<String> refusal() {
        try {
            return store.find(configured).map(TelegramDeskStore.Desk::refusedReason);
        } catch (RuntimeException e) {
            return Optional.ofNullable(refused);
        }
    }
}
