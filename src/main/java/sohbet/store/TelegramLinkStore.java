package sohbet.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/** All SQL of the {@code telegram_links} table: a Telegram message in the admin's chat → the thread (and message) it stands for. */
public final class TelegramLinkStore {
    private static final String COLUMNS = "chat_id, telegram_message_id, thread_id, message_id";

    public record Link(long chatId, long telegramMessageId, long threadId, Long messageId) {
    }

    private final Database db;

    public TelegramLinkStore(Database db) {
        this.db = db;
    }

    /** Adds a link inside the caller's transaction; a link that already exists is kept as it was. */
    public void insert(DbExecute tx, Link link, Instant now) {
        tx.dml("INSERT INTO telegram_links (chat_id, telegram_message_id, thread_id, message_id, created_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING",
                link.chatId(), link.telegramMessageId(), link.threadId(), link.messageId(), now.toEpochMilli());
    }

    public void insert(Link link, Instant now) {
        db.write(tx -> {
            insert(tx, link, now);
            return null;
        });
    }

    public Optional<Link> find(long chatId, long telegramMessageId) {
        return db.read().get("SELECT " + COLUMNS + " FROM telegram_links WHERE chat_id = ? AND telegram_message_id = ?",
                chatId, telegramMessageId).map(TelegramLinkStore::map);
    }

    /** The Telegram messages that carry one stored message (a long text is forwarded in several parts). */
    public List<Link> forMessage(long messageId) {
        try (Stream<DbRow> rows = db.read().query("SELECT " + COLUMNS + " FROM telegram_links WHERE message_id = ?"
                + " ORDER BY telegram_message_id", messageId)) {
            return rows.map(TelegramLinkStore::map).toList();
        }
    }

    private static Link map(DbRow r) {
        return new Link(Rows.longOf(r, "chat_id"), Rows.longOf(r, "telegram_message_id"), Rows.longOf(r, "thread_id"),
                Rows.nullableLong(r, "message_id"));
    }
}
