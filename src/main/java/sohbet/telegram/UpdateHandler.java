package sohbet.telegram;

import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

import org.telegram.telegrambots.meta.api.objects.Update;
import sohbet.chat.ChatException;
import sohbet.chat.ChatService;
import sohbet.chat.Message;
import sohbet.live.LiveHub;
import sohbet.store.Database;
import sohbet.store.MessageStore;
import sohbet.store.TelegramLinkStore;
import sohbet.store.TelegramUpdateStore;

/**
 * Applies one update from Telegram, once: a reply becomes an admin message in its thread, an edit of
 * that reply updates it, commands are answered, anything else gets a short help. Only the admin's chat
 * is listened to; other chats are ignored without an answer.
 */
final class UpdateHandler {
    private static final Logger LOG = Logger.getLogger(UpdateHandler.class.getName());

    private final AdminChat adminChat;
    private final ReplyTarget targets;
    private final ChatService chat;
    private final Database db;
    private final MessageStore messages;
    private final TelegramLinkStore links;
    private final TelegramUpdateStore updates;
    private final LiveHub hub;
    private final ThreadsList threadsList;
    private final ChatAnswers answers;
    private final Clock clock;

    UpdateHandler(AdminChat adminChat, ChatService chat, Database db, LiveHub hub, ThreadsList threadsList, ChatAnswers answers,
                  Clock clock) {
        this.adminChat = adminChat;
        this.chat = chat;
        this.db = db;
        this.messages = new MessageStore(db);
        this.links = new TelegramLinkStore(db);
        this.updates = new TelegramUpdateStore(db);
        this.targets = new ReplyTarget(links);
        this.hub = hub;
        this.threadsList = threadsList;
        this.answers = answers;
        this.clock = clock;
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

    /** Gives up on an update that cannot be handled, so it does not block every update after it. */
    void skip(Update u) {
        updates.markApplied(u.getUpdateId(), clock.instant());
    }

    private void route(Update u) {
        org.telegram.telegrambots.meta.api.objects.message.Message tm =
                u.hasMessage() ? u.getMessage() : u.hasEditedMessage() ? u.getEditedMessage() : null;
        if (tm == null) {
            return;
        }
        if (!adminChat.matches(tm.getChat())) {
            LOG.fine(() -> "Ignoring Telegram update " + u.getUpdateId() + " from chat " + tm.getChatId() + " (not TELEGRAM_CHAT_ID)");
            return;
        }
        if (u.hasEditedMessage()) {
            edited(tm);
        } else {
            received(tm);
        }
    }

    private void received(org.telegram.telegrambots.meta.api.objects.message.Message tm) {
        Optional<BotTexts.Command> command = BotTexts.command(tm.getText());
        if (command.isPresent()) {
            answers.send(tm.getChatId(), command.get() == BotTexts.Command.THREADS ? threadsList.render() : BotTexts.HELP);
            return;
        }
        Optional<Long> thread = targets.threadFor(tm);
        if (thread.isEmpty()) {
            answers.send(tm.getChatId(), ReplyTarget.isReply(tm) ? BotTexts.UNKNOWN_TARGET : BotTexts.NOT_A_REPLY);
            return;
        }
        try {
            Message stored = chat.postText(thread.get(), Message.Sender.ADMIN, Message.Channel.TELEGRAM, InboundText.of(tm), clientId(tm));
            // Lets an edit find its message, and a reply to this reply find the thread.
            links.insert(new TelegramLinkStore.Link(tm.getChatId(), tm.getMessageId(), stored.threadId(), stored.id()), clock.instant());
        } catch (ChatException e) {
            answers.send(tm.getChatId(), BotTexts.refused(e.key()));
        }
    }

    /**
     * The admin edited a reply: the stored message takes the new text. The admin panel's thread list
     * is told (its preview changes); an open visitor page shows the new text on its next load or resync.
     */
    private void edited(org.telegram.telegrambots.meta.api.objects.message.Message tm) {
        Optional<Message> original = links.find(tm.getChatId(), tm.getMessageId())
                .flatMap(l -> Optional.ofNullable(l.messageId()))
                .flatMap(messages::byId)
                .or(() -> targets.threadFor(tm).flatMap(t -> messages.byClientId(db.read(), t, clientId(tm))))
                .filter(m -> m.sender() == Message.Sender.ADMIN && m.channel() == Message.Channel.TELEGRAM);
        if (original.isEmpty()) {
            LOG.fine(() -> "Ignoring an edit of Telegram message " + tm.getMessageId() + " that was never stored");
            return;
        }
        String body = InboundText.of(tm).strip();
        if (body.codePointCount(0, body.length()) > ChatService.MAX_TEXT) {
            answers.send(tm.getChatId(), BotTexts.refused("error.tooLong"));
            return;
        }
        if (!body.equals(original.get().body())) {
            messages.updateBody(original.get().id(), body).ifPresent(m -> hub.threadChanged(m.threadId()));
        }
    }

    /** One Telegram message, one chat message: a re-delivered update finds the message it already stored. */
    private static String clientId(org.telegram.telegrambots.meta.api.objects.message.Message tm) {
        return "tg-" + tm.getChatId() + "-" + tm.getMessageId();
    }
}
