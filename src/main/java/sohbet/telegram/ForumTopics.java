package sohbet.telegram;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

import org.telegram.telegrambots.meta.api.methods.forum.CreateForumTopic;
import org.telegram.telegrambots.meta.api.objects.forum.ForumTopic;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import sohbet.core.ChatThread;
import sohbet.store.TelegramTopicStore;

/**
 * Forum mode ({@code TELEGRAM_TOPICS=true}, the admin chat a forum supergroup): each thread is forwarded
 * into a topic of its own, created on its first forward and again when Telegram says it is gone; whatever
 * the admin writes in a topic belongs to that topic's thread. Off, or for the General topic, nothing changes.
 */
final class ForumTopics {
    private static final Logger LOG = Logger.getLogger(ForumTopics.class.getName());
    // Telegram's limit for a topic name.
    private static final int NAME_LIMIT = 128;

    private final BotConnection bot;
    private final DeskChat desk;
    private final TelegramTopicStore store;
    private final Clock clock;
    private final boolean enabled;
    // Set when Telegram refuses to create topics in this chat (not a forum, no "Manage topics" right):
    // forwards then go to the chat itself until the next restart, instead of failing one by one.
    private volatile String refused;

    ForumTopics(boolean enabled, BotConnection bot, DeskChat desk, TelegramTopicStore store, Clock clock) {
        this.bot = bot;
        this.desk = desk;
        this.store = store;
        this.clock = clock;
        if (enabled && desk.numericId() == null) {
            LOG.warning("TELEGRAM_TOPICS is on but TELEGRAM_CHAT_ID is not a numeric chat id; forum topics stay off");
        }
        this.enabled = enabled && desk.numericId() != null;
    }

    boolean enabled() {
        return enabled && refused == null;
    }

    /**
     * The topic the thread's forwards go into (created now if it has none), or null to send to the chat
     * itself (forum mode off, or Telegram refused to create topics here). A failure that may pass
     * (outage, 429) is thrown, so the forward waits and tries again.
     */
    Integer topicFor(ChatThread thread) throws TelegramApiException {
        if (!enabled()) {
            return null;
        }
        long numericChatId = desk.numericId();
        Optional<TelegramTopicStore.Topic> known = store.forThread(thread.id());
        if (known.isPresent() && known.get().chatId() == numericChatId) {
            return Math.toIntExact(known.get().messageThreadId());
        }
        String name = name(thread);
        ForumTopic created;
        try {
            created = bot.client().execute(CreateForumTopic.builder().chatId(desk.id()).name(name).build());
        } catch (TelegramApiException e) {
            SendFailure failure = SendFailure.of(e, bot::redact);
            if (failure.scope() != SendFailure.Scope.MESSAGE) {
                // Passing trouble, or the whole chat refuses (blocked, moved): the forward waits, topics stay on.
                throw e;
            }
            refused = failure.reason();
            LOG.warning(() -> "Telegram refused to create a forum topic (" + failure.reason() + "); forwards go to the chat"
                    + " itself until a restart. Topics mode needs a forum supergroup and the bot an admin with \"Manage topics\".");
            return null;
        }
        int id = created.getMessageThreadId();
        store.put(new TelegramTopicStore.Topic(thread.id(), numericChatId, id), clock.instant());
        LOG.info(() -> "Created forum topic " + id + " for thread " + thread.tag());
        return id;
    }

    /** Telegram said the thread's topic is gone: the next {@link #topicFor} creates a new one. */
    void forget(ChatThread thread, int topicId) {
        Long numericChatId = desk.numericId();
        if (numericChatId != null) {
            store.forget(new TelegramTopicStore.Topic(thread.id(), numericChatId, topicId));
        }
        LOG.info(() -> "Forum topic " + topicId + " of thread " + thread.tag() + " is gone; creating a new one");
    }

    /** The thread of a message the admin wrote inside a thread's topic (General and unknown topics: none). */
    Optional<Long> threadOf(org.telegram.telegrambots.meta.api.objects.message.Message tm) {
        if (!tm.isTopicMessage() || tm.getMessageThreadId() == null) {
            return Optional.empty();
        }
        return store.threadOf(tm.getChatId(), tm.getMessageThreadId());
    }

    /** Telegram's answer when a send names a topic that was deleted (or never existed). */
    static boolean threadNotFound(TelegramApiException e) {
        return e instanceof TelegramApiRequestException r && r.getErrorCode() != null && r.getErrorCode() == 400
                && r.getApiResponse() != null && r.getApiResponse().toLowerCase(Locale.ROOT).contains("message thread not found");
    }

    /** {@code Ayşe · T42}: who and which thread, within Telegram's 128 characters. */
    static String name(ChatThread thread) {
        String suffix = " · " + thread.tag();
        String who = ForwardText.displayName(thread.visitorName());
        int room = NAME_LIMIT - suffix.length();
        if (who.length() > room) {
            who = who.substring(0, Character.isHighSurrogate(who.charAt(room - 1)) ? room - 1 : room);
        }
        return who + suffix;
    }

}
