package sohbet.store;

import java.time.Instant;
import java.util.Optional;

import io.helidon.dbclient.DbRow;

/**
 * All SQL of the {@code telegram_topics} table (forum mode): the forum topic each thread is forwarded
 * into, and back, the thread an admin's message in a topic belongs to.
 */
public final class TelegramTopicStore {
    private static final String COLUMNS = "thread_id, chat_id, message_thread_id";

    public record Topic(long threadId, long chatId, long messageThreadId) {
    }

    private final Database db;

    public TelegramTopicStore(Database db) {
        this.db = db;
    }

    /** The thread's topic, if one was created for it (and not reported gone since). */
    public Optional<Topic> forThread(long threadId) {
        return db.read().get("SELECT " + COLUMNS + " FROM telegram_topics WHERE thread_id = ?", threadId)
                .map(TelegramTopicStore::map);
    }

    /** The thread whose topic {@code messageThreadId} is in chat {@code chatId}. */
    public Optional<Long> threadOf(long chatId, long messageThreadId) {
        return db.read().get("SELECT " + COLUMNS + " FROM telegram_topics WHERE chat_id = ? AND message_thread_id = ?",
                chatId, messageThreadId).map(r -> map(r).threadId());
    }

    /** Records the thread's (new) topic, replacing one it had before. */
    public void put(Topic topic, Instant now) {
        db.write(tx -> {
            tx.dml("DELETE FROM telegram_topics WHERE thread_id = ? OR (chat_id = ? AND message_thread_id = ?)",
                    topic.threadId(), topic.chatId(), topic.messageThreadId());
            tx.dml("INSERT INTO telegram_topics (thread_id, chat_id, message_thread_id, created_at) VALUES (?, ?, ?, ?)",
                    topic.threadId(), topic.chatId(), topic.messageThreadId(), now.toEpochMilli());
            return null;
        });
    }

    /** Telegram says the topic is gone: the thread gets a new one on its next forward. */
    public void forget(Topic topic) {
        db.write(tx -> tx.dml("DELETE FROM telegram_topics WHERE thread_id = ? AND message_thread_id = ?",
                topic.threadId(), topic.messageThreadId()));
    }

    private static Topic map(DbRow r) {
        return new Topic(Rows.longOf(r, "thread_id"), Rows.longOf(r, "chat_id"), Rows.longOf(r, "message_thread_id"));
    }
}
