package sohbet.telegram;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import sohbet.core.ChatException;
import sohbet.core.ChatService;
import sohbet.core.Message;
import sohbet.desk.CannedReplies;
import sohbet.media.MediaException;
import sohbet.store.CannedReplyStore;
import sohbet.store.TelegramLinkStore;
import sohbet.web.I18n;

/**
 * What an admin of the desk's chat writes: a reply (text, file, saved answer) becomes an admin
 * message of its thread through the chat service, an edit of a reply edits that message, and the
 * commands are answered. Each Telegram message is stored at most once (its client id comes from it).
 */
final class AdminReplies {
    private static final Logger LOG = Logger.getLogger(AdminReplies.class.getName());

    private final ChatService chat;
    private final TelegramLinkStore links;
    private final ReplyTarget targets;
    private final ChatAnswers answers;
    private final ThreadsList threadsList;
    private final InboundMedia media;
    private final CannedReplies canned;
    private final TranscriptExport export;
    private final ForumTopics topics;
    private final Clock clock;

    AdminReplies(ChatService chat, TelegramLinkStore links, ChatAnswers answers, ThreadsList threadsList, InboundMedia media,
                 CannedReplies canned, TranscriptExport export, ForumTopics topics, Clock clock) {
        this.chat = chat;
        this.links = links;
        this.targets = new ReplyTarget(links);
        this.answers = answers;
        this.threadsList = threadsList;
        this.media = media;
        this.canned = canned;
        this.export = export;
        this.topics = topics;
        this.clock = clock;
    }

    void received(org.telegram.telegrambots.meta.api.objects.message.Message tm) {
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
    void edited(org.telegram.telegrambots.meta.api.objects.message.Message tm) {
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
    Optional<Long> threadOf(org.telegram.telegrambots.meta.api.objects.message.Message tm) {
        return targets.threadFor(tm).or(() -> topics.threadOf(tm));
    }

    /** One Telegram message, one chat message: a re-delivered update finds the message it already stored. */
    private static String clientId(org.telegram.telegrambots.meta.api.objects.message.Message tm) {
        return "tg-" + tm.getChatId() + "-" + tm.getMessageId();
    }
}
