package sohbet.telegram;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import org.telegram.telegrambots.meta.api.objects.Update;
import sohbet.admin.CannedReplies;
import sohbet.chat.ChatException;
import sohbet.chat.ChatService;
import sohbet.chat.Message;
import sohbet.live.LiveHub;
import sohbet.media.MediaException;
import sohbet.store.CannedReplyStore;
import sohbet.store.Database;
import sohbet.store.MessageStore;
import sohbet.store.TelegramLinkStore;
import sohbet.store.TelegramUpdateStore;
import sohbet.web.I18n;

/**
 * Applies one update from Telegram, once: a reply (text, photo, voice note, audio, image file) becomes an
 * admin message in its thread, an edit of that reply updates it, commands ({@code /threads},
 * {@code /export T42}, {@code /c name}, {@code /help}) are answered, anything else gets a short help.
 * Only the admin's chat is listened to; other chats are ignored without an answer.
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
    private final InboundMedia media;
    private final CannedReplies canned;
    private final TranscriptExport export;
    private final ForumTopics topics;
    private final Clock clock;

    UpdateHandler(AdminChat adminChat, ChatService chat, Database db, LiveHub hub, ThreadsList threadsList, ChatAnswers answers,
                  InboundMedia media, CannedReplies canned, TranscriptExport export, ForumTopics topics, Clock clock) {
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
        this.media = media;
        this.canned = canned;
        this.export = export;
        this.topics = topics;
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
        if (tm.hasForumTopicCreated() || tm.hasForumTopicClosed() || tm.hasForumTopicReopened() || tm.getForumTopicEdited() != null) {
            // Topic bookkeeping (someone renamed or closed a topic), not something said to a visitor.
            return;
        }
        Optional<BotTexts.Command> command = BotTexts.command(tm.getText());
        if (command.isPresent()) {
            String argument = BotTexts.argument(tm.getText());
            switch (command.get()) {
                case THREADS -> answers.send(tm.getChatId(), threadsList.render());
                case HELP -> answers.send(tm.getChatId(), BotTexts.HELP);
                case EXPORT -> export.answer(tm.getChatId(), argument, threadOf(tm));
                case SAVED_ANSWER -> savedAnswer(tm, argument);
            }
            return;
        }
        Optional<Long> thread = threadOf(tm);
        if (thread.isEmpty()) {
            answers.send(tm.getChatId(), ReplyTarget.isReply(tm) ? BotTexts.UNKNOWN_TARGET : BotTexts.NOT_A_REPLY);
            return;
        }
        Optional<InboundMedia.Attachment> file = InboundMedia.of(tm);
        if (file.isPresent()) {
            reply(tm, thread.get(), () -> media.post(thread.get(), file.get(), tm.getCaption(), clientId(tm)));
            return;
        }
        Optional<String> text = InboundText.of(tm);
        if (text.isEmpty()) {
            answers.send(tm.getChatId(), BotTexts.UNSUPPORTED);
            return;
        }
        reply(tm, thread.get(), () -> chat.postText(thread.get(), Message.Sender.ADMIN, Message.Channel.TELEGRAM, text.get(), clientId(tm)));
    }

    /** {@code /c name}, sent as a reply to a visitor's message: that saved answer goes to the visitor as the admin's message. */
    private void savedAnswer(org.telegram.telegrambots.meta.api.objects.message.Message tm, String name) {
        if (name.isBlank()) {
            answers.send(tm.getChatId(), BotTexts.savedAnswers(null, savedNames()));
            return;
        }
        Optional<Long> thread = threadOf(tm);
        if (thread.isEmpty()) {
            answers.send(tm.getChatId(), ReplyTarget.isReply(tm) ? BotTexts.UNKNOWN_TARGET : BotTexts.SAVED_NOT_A_REPLY);
            return;
        }
        Optional<CannedReplyStore.Reply> saved = canned.byName(name);
        if (saved.isEmpty()) {
            answers.send(tm.getChatId(), BotTexts.savedAnswers(name, savedNames()));
            return;
        }
        reply(tm, thread.get(), () -> chat.postText(thread.get(), Message.Sender.ADMIN, Message.Channel.TELEGRAM, saved.get().body(),
                clientId(tm)));
    }

    private List<String> savedNames() {
        return canned.all().stream().map(CannedReplyStore.Reply::name).toList();
    }

    /** Produces the admin message for one Telegram message (text, saved answer, or a fetched file). */
    @FunctionalInterface
    private interface Post {
        Message post() throws InboundMedia.Unfetchable;
    }

    /**
     * Stores the admin's reply once per Telegram message and links the two. A message stored before
     * (the update came again after a crash) is only linked: a file is not fetched a second time.
     */
    private void reply(org.telegram.telegrambots.meta.api.objects.message.Message tm, long threadId, Post post) {
        Optional<Message> before = messages.byClientId(db.read(), threadId, clientId(tm));
        try {
            Message stored = before.isPresent() ? before.get() : post.post();
            // Lets an edit find its message, and a reply to this reply find the thread.
            links.insert(new TelegramLinkStore.Link(tm.getChatId(), tm.getMessageId(), stored.threadId(), stored.id()), clock.instant());
        } catch (ChatException e) {
            answers.send(tm.getChatId(), BotTexts.refused(e.key()));
        } catch (MediaException e) {
            answers.send(tm.getChatId(), BotTexts.fileRefused(I18n.TR.t(e.key(), e.args())));
        } catch (InboundMedia.Unfetchable e) {
            LOG.warning(() -> "Could not fetch the file of Telegram message " + tm.getMessageId() + ": " + e.getMessage());
            answers.send(tm.getChatId(), BotTexts.fileNotFetched());
        }
    }

    /**
     * The admin edited a reply: the stored message takes the new text (for a photo or recording, the
     * new caption). The admin panel's thread list is told (its preview changes); an open visitor page
     * shows the new text on its next load or resync. A file swapped by the edit is not fetched again.
     */
    private void edited(org.telegram.telegrambots.meta.api.objects.message.Message tm) {
        if (BotTexts.command(tm.getText()).isPresent()) {
            // An edited /c or /export: commands are not replayed, and their text is not a reply.
            return;
        }
        Optional<Message> original = links.find(tm.getChatId(), tm.getMessageId())
                .flatMap(l -> Optional.ofNullable(l.messageId()))
                .flatMap(messages::byId)
                .or(() -> threadOf(tm).flatMap(t -> messages.byClientId(db.read(), t, clientId(tm))))
                .filter(m -> m.sender() == Message.Sender.ADMIN && m.channel() == Message.Channel.TELEGRAM);
        if (original.isEmpty()) {
            LOG.fine(() -> "Ignoring an edit of Telegram message " + tm.getMessageId() + " that was never stored");
            return;
        }
        String body;
        if (original.get().kind() == Message.Kind.TEXT) {
            Optional<String> text = InboundText.of(tm);
            if (text.isEmpty()) {
                return;
            }
            body = text.get().strip();
            if (body.codePointCount(0, body.length()) > ChatService.MAX_TEXT) {
                answers.send(tm.getChatId(), BotTexts.refused("error.tooLong"));
                return;
            }
        } else {
            body = tm.getCaption() == null ? "" : tm.getCaption().strip();
            if (body.codePointCount(0, body.length()) > ChatService.MAX_CAPTION) {
                answers.send(tm.getChatId(), BotTexts.refused("error.media.captionTooLong"));
                return;
            }
        }
        if (!body.equals(original.get().body())) {
            messages.updateBody(original.get().id(), body).ifPresent(m -> hub.threadChanged(m.threadId()));
        }
    }

    /**
     * The thread a message of the admin's answers: the forward it replies to, else (forum mode) the thread
     * whose topic it was written in, with no reply needed. The General topic has no thread.
     */
    private Optional<Long> threadOf(org.telegram.telegrambots.meta.api.objects.message.Message tm) {
        return targets.threadFor(tm).or(() -> topics.threadOf(tm));
    }

    /** One Telegram message, one chat message: a re-delivered update finds the message it already stored. */
    private static String clientId(org.telegram.telegrambots.meta.api.objects.message.Message tm) {
        return "tg-" + tm.getChatId() + "-" + tm.getMessageId();
    }
}
