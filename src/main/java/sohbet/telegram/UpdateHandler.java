package sohbet.telegram;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import sohbet.desk.CannedReplies;
import sohbet.core.ChatException;
import sohbet.core.ChatService;
import sohbet.core.Message;
import sohbet.media.MediaException;
import sohbet.store.CannedReplyStore;
import sohbet.store.Database;
import sohbet.store.TelegramLinkStore;
import sohbet.store.TelegramUpdateStore;
import sohbet.web.I18n;

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
    private final ReplyTarget targets;
    private final ChatService chat;
    private final TelegramLinkStore links;
    private final TelegramUpdateStore updates;
    private final ThreadsList threadsList;
    private final ChatAnswers answers;
    private final InboundMedia media;
    private final CannedReplies canned;
    private final TranscriptExport export;
    private final ForumTopics topics;
    private final Clock clock;
    // People told once that only admins may answer; told again after a restart at most.
    private final Set<Long> toldNotAdmin = ConcurrentHashMap.newKeySet();
    private volatile String username;

    UpdateHandler(DeskChat desk, DeskAdmins admins, BotConnection bot, ChatService chat, Database db, ThreadsList threadsList,
                  ChatAnswers answers, InboundMedia media, CannedReplies canned, TranscriptExport export, ForumTopics topics, Clock clock) {
        this.desk = desk;
        this.admins = admins;
        this.bot = bot;
        this.chat = chat;
        this.links = new TelegramLinkStore(db);
        this.updates = new TelegramUpdateStore(db);
        this.targets = new ReplyTarget(links);
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
            edited(tm);
        } else {
            received(tm);
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
        boolean meantForTheDesk = BotTexts.command(tm.getText()).isPresent() || threadOf(tm).isPresent();
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

    private void received(org.telegram.telegrambots.meta.api.objects.message.Message tm) {
        Optional<BotTexts.Command> command = BotTexts.command(tm.getText());
        if (command.isPresent()) {
            String argument = BotTexts.argument(tm.getText());
            switch (command.get()) {
                case THREADS -> answers.reply(tm, threadsList.render());
                case HELP -> answers.reply(tm, BotTexts.HELP);
                case EXPORT -> export.answer(tm, argument, threadOf(tm));
                case SAVED_ANSWER -> savedAnswer(tm, argument);
            }
            return;
        }
        Optional<Long> thread = threadOf(tm);
        if (thread.isEmpty()) {
            answers.reply(tm, ReplyTarget.isReply(tm) ? BotTexts.UNKNOWN_TARGET : BotTexts.NOT_A_REPLY);
            return;
        }
        Optional<InboundMedia.Attachment> file = InboundMedia.of(tm);
        if (file.isPresent()) {
            reply(tm, thread.get(), () -> media.post(thread.get(), file.get(), tm.getCaption(), clientId(tm)));
            return;
        }
        Optional<String> text = InboundText.of(tm);
        if (text.isEmpty()) {
            answers.reply(tm, BotTexts.UNSUPPORTED);
            return;
        }
        reply(tm, thread.get(), () -> chat.postText(thread.get(), Message.Sender.ADMIN, Message.Channel.TELEGRAM, text.get(), clientId(tm)));
    }

    /** {@code /c name}, sent as a reply to a visitor's message: that saved answer goes to the visitor as the admin's message. */
    private void savedAnswer(org.telegram.telegrambots.meta.api.objects.message.Message tm, String name) {
        if (name.isBlank()) {
            answers.reply(tm, BotTexts.savedAnswers(null, savedNames()));
            return;
        }
        Optional<Long> thread = threadOf(tm);
        if (thread.isEmpty()) {
            answers.reply(tm, ReplyTarget.isReply(tm) ? BotTexts.UNKNOWN_TARGET : BotTexts.SAVED_NOT_A_REPLY);
            return;
        }
        Optional<CannedReplyStore.Reply> saved = canned.byName(name);
        if (saved.isEmpty()) {
            answers.reply(tm, BotTexts.savedAnswers(name, savedNames()));
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
        Optional<Message> before = chat.byClientId(threadId, clientId(tm));
        try {
            Message stored = before.isPresent() ? before.get() : post.post();
            // Lets an edit find its message, and a reply to this reply find the thread.
            links.insert(new TelegramLinkStore.Link(tm.getChatId(), tm.getMessageId(), stored.threadId(), stored.id()), clock.instant());
            if (before.isEmpty()) {
                answers.confirm(tm);
            }
        } catch (ChatException e) {
            answers.reply(tm, BotTexts.refused(e.key()));
        } catch (MediaException e) {
            answers.reply(tm, BotTexts.fileRefused(I18n.TR.t(e.key(), e.args())));
        } catch (InboundMedia.Unfetchable e) {
            LOG.warning(() -> "Could not fetch the file of Telegram message " + tm.getMessageId() + ": " + e.getMessage());
            answers.reply(tm, BotTexts.fileNotFetched());
        }
    }

    /**
     * The admin edited a reply: the stored message takes the new text (for a photo or recording, the
     * new caption) by the chat service's rules, search included. A file swapped by the edit is not fetched again.
     */
    private void edited(org.telegram.telegrambots.meta.api.objects.message.Message tm) {
        if (BotTexts.command(tm.getText()).isPresent()) {
            // An edited /c or /export: commands are not replayed, and their text is not a reply.
            return;
        }
        Optional<Message> original = links.find(tm.getChatId(), tm.getMessageId())
                .flatMap(l -> Optional.ofNullable(l.messageId()))
                .flatMap(chat::message)
                .or(() -> threadOf(tm).flatMap(t -> chat.byClientId(t, clientId(tm))))
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
            body = text.get();
        } else {
            body = tm.getCaption();
        }
        try {
            chat.edit(original.get().id(), body);
        } catch (ChatException e) {
            answers.reply(tm, BotTexts.refused(e.key()));
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
