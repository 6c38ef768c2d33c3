package sohbet.telegram;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import sohbet.desk.CannedReplies;
import sohbet.core.ChatService;
import sohbet.core.Message;
import sohbet.store.Database;
import sohbet.store.TelegramLinkStore;
import sohbet.store.TelegramUpdateStore;

/**
 * Applies one update from Telegram, once: a reply (text, photo, voice note, audio, image file) becomes an
 * admin message in its thread, an edit of that reply updates it, commands ({@code /threads},
 * {@code /export T42}, {@code /c name}, {@code /help}) are answered, anything else gets a short help.
 * Only the desk's chat is listened to, and there only its admins ({@link DeskAdmins}); other chats are
 * ignored without an answer, Telegram's service notes too. Every answer goes where the admin wrote.
 */
final class UpdateHandler {
    private static final Logger LOG = Logger.getLogger(UpdateHandler.class.getName());

    private final DeskChat desk;
    private final DeskAdmins admins;
    private final BotConnection bot;
    private final TelegramUpdateStore updates;
    private final ChatAnswers answers;
    private final AdminReplies replies;
    private final Clock clock;
    // People told once that only admins may answer; told again after a restart at most.
    private final Set<Long> toldNotAdmin = ConcurrentHashMap.newKeySet();
    private volatile String username;

    UpdateHandler(DeskChat desk, DeskAdmins admins, BotConnection bot, ChatService chat, Database db, ThreadsList threadsList,
                  ChatAnswers answers, InboundMedia media, CannedReplies canned, TranscriptExport export, ForumTopics topics, Clock clock) {
        this.desk = desk;
        this.admins = admins;
        this.bot = bot;
        this.updates = new TelegramUpdateStore(db);
        this.answers = answers;
        this.clock = clock;
        this.replies = new AdminReplies(chat, new TelegramLinkStore(db), answers, threadsList, media, canned, export, topics, clock);
    }

    /**
     * Handles then records the update id. A crash in between re-handles it after the restart, which
     * stores nothing twice: the message's client id is derived from the Telegram message.
     */
    void apply(Update u) {
        if (updates.isApplied(u.getUpdateId())) {
            LOG.fine(() -> "Telegram update " + u.getUpdateId() + " was already applied");
            return;
        }
        route(u);
        updates.markApplied(u.getUpdateId(), clock.instant());
    }

    /**
     * Gives up on an update that cannot be handled, so it does not block every update after it; the admin
     * who sent it is told it was not applied (when it came from the desk's chat).
     */
    void skip(Update u) {
        // Told first: recording the skip uses the database that may be what keeps failing.
        org.telegram.telegrambots.meta.api.objects.message.Message tm = messageOf(u);
        if (tm != null && desk.matches(tm.getChat())) {
            answers.reply(tm, BotTexts.UPDATE_FAILED);
        }
        updates.markApplied(u.getUpdateId(), clock.instant());
    }

    private static org.telegram.telegrambots.meta.api.objects.message.Message messageOf(Update u) {
        return u.hasMessage() ? u.getMessage() : u.hasEditedMessage() ? u.getEditedMessage() : null;
    }

    private void route(Update u) {
        org.telegram.telegrambots.meta.api.objects.message.Message tm = messageOf(u);
        if (tm == null) {
            return;
        }
        if (movedHere(tm)) {
            return;
        }
        if (!desk.matches(tm.getChat())) {
            LOG.fine(() -> "Ignoring Telegram update " + u.getUpdateId() + " from chat " + tm.getChatId() + " (not the desk's chat)");
            return;
        }
        if (ServiceMessage.is(tm) || BotTexts.forAnotherBot(tm.getText(), username())) {
            return;
        }
        if (!admins.mayAnswer(tm)) {
            notAnAdmin(tm, u.hasEditedMessage());
            return;
        }
        if (u.hasEditedMessage()) {
            replies.edited(tm);
        } else {
            replies.received(tm);
        }
    }

    /** The group became a supergroup: Telegram's note in the old chat, or its first note in the new one. */
    private boolean movedHere(org.telegram.telegrambots.meta.api.objects.message.Message tm) {
        if (tm.getMigrateToChatId() != null && desk.matches(tm.getChat())) {
            desk.moveTo(tm.getMigrateToChatId());
            return true;
        }
        if (tm.getMigrateFromChatId() != null && desk.id().equals(String.valueOf(tm.getMigrateFromChatId()))) {
            desk.moveTo(tm.getChatId());
            return true;
        }
        return false;
    }

    /** Someone who is not an admin replied to a visitor or used a command: not delivered, and they are told so once. */
    private void notAnAdmin(org.telegram.telegrambots.meta.api.objects.message.Message tm, boolean edit) {
        boolean meantForTheDesk = BotTexts.command(tm.getText()).isPresent() || replies.threadOf(tm).isPresent();
        if (edit || !meantForTheDesk) {
            return;
        }
        LOG.info(() -> "Not delivering a reply from Telegram user " + (tm.getFrom() == null ? "?" : tm.getFrom().getId())
                + ", who is not an admin of the desk");
        if (tm.getFrom() != null && toldNotAdmin.add(tm.getFrom().getId())) {
            answers.reply(tm, BotTexts.NOT_AN_ADMIN);
        }
    }

    /** The bot's own username (from getMe), to tell our commands from other bots'; null while Telegram cannot say. */
    private String username() {
        if (username == null) {
            try {
                username = bot.client().execute(new GetMe()).getUserName();
            } catch (TelegramApiException e) {
                LOG.fine(() -> "getMe failed: " + SendFailure.of(e, bot::redact).reason());
            }
        }
        return username;
    }

}
