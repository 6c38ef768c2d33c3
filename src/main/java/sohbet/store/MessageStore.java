package sohbet.store;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import sohbet.core.Message;
import sohbet.core.Messages;
import sohbet.core.SearchText;

/** All SQL of the {@code messages} table. */
public final class MessageStore implements Messages {
    static final String COLUMNS = "id, thread_id, sender, channel, kind, body, media_ref, mime, size, client_id, created_at";

    private final Database db;

    public MessageStore(Database db) {
        this.db = db;
    }

    /**
     * Inserts inside the caller's transaction unless the thread already has a message with the same
     * client id, in which case that one is returned: a resent form stores one message.
     */
    @Override
    public Stored insertOnce(DbExecute tx, Message m) {
        String lock = db.dialect().messageOrderLock();
        if (lock != null) {
            try (Stream<DbRow> rows = tx.query(lock)) {
                rows.forEach(r -> { });
            }
        }
        if (m.clientId() != null) {
            Optional<Message> existing = byClientId(tx, m.threadId(), m.clientId());
            if (existing.isPresent()) {
                return new Stored(existing.get(), false, -1);
            }
        }
        // Under the order lock (or SQLite's single writer) no other message of the thread can commit in between.
        long previous = tx.get("SELECT COALESCE(MAX(id), 0) AS prev FROM messages WHERE thread_id = ?", m.threadId())
                .map(r -> r.column("prev").get(Number.class).longValue()).orElse(0L);
        Message stored = insert(tx, m);
        return new Stored(stored, true, previous);
    }

    private Message insert(DbExecute tx, Message m) {
        DbRow row = tx.get("INSERT INTO messages (thread_id, sender, channel, kind, body, media_ref, mime, size, client_id, created_at,"
                        + " search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS,
                m.threadId(), lower(m.sender()), lower(m.channel()), lower(m.kind()), m.body(), m.mediaRef(), m.mime(), m.size(),
                m.clientId(), m.createdAt().toEpochMilli(), SearchText.of(m.body()))
                .orElseThrow();
        return map(row);
    }

    /** Replaces a message's text inside the caller's transaction, search form included; the message keeps its id and place. */
    @Override
    public Optional<Message> updateBody(DbExecute tx, long id, String body) {
        return tx.get("UPDATE messages SET body = ?, search_text = ? WHERE id = ? RETURNING " + COLUMNS, body, SearchText.of(body), id)
                .map(MessageStore::map);
    }

    @Override
    public Optional<Message> byClientId(DbExecute ex, long threadId, String clientId) {
        return ex.get("SELECT " + COLUMNS + " FROM messages WHERE thread_id = ? AND client_id = ?", threadId, clientId)
                .map(MessageStore::map);
    }

    @Override
    public Optional<Message> byId(long id) {
        return db.read().get("SELECT " + COLUMNS + " FROM messages WHERE id = ?", id).map(MessageStore::map);
    }

    /** The newest {@code limit} messages of a thread, oldest first. */
    @Override
    public List<Message> latest(long threadId, int limit) {
        try (Stream<DbRow> rows = db.read().query(
                "SELECT " + COLUMNS + " FROM (SELECT " + COLUMNS + " FROM messages WHERE thread_id = ? ORDER BY id DESC LIMIT ?) t ORDER BY id",
                threadId, limit)) {
            return rows.map(MessageStore::map).toList();
        }
    }

    /** The {@code limit} messages of a thread just before {@code beforeId}, oldest first (for "older messages"). */
    @Override
    public List<Message> before(long threadId, long beforeId, int limit) {
        try (Stream<DbRow> rows = db.read().query(
                "SELECT " + COLUMNS + " FROM (SELECT " + COLUMNS + " FROM messages WHERE thread_id = ? AND id < ? ORDER BY id DESC LIMIT ?) t ORDER BY id",
                threadId, beforeId, limit)) {
            return rows.map(MessageStore::map).toList();
        }
    }

    /** Messages of a thread newer than {@code afterId}, oldest first, at most {@code limit}. */
    @Override
    public List<Message> after(long threadId, long afterId, int limit) {
        try (Stream<DbRow> rows = db.read().query(
                "SELECT " + COLUMNS + " FROM messages WHERE thread_id = ? AND id > ? ORDER BY id LIMIT ?", threadId, afterId, limit)) {
            return rows.map(MessageStore::map).toList();
        }
    }


    /** Messages whose text contains {@code query} (Turkish-aware, case-insensitive), newest first. */
    @Override
    public List<Message> search(String query, int limit) {
        try (Stream<DbRow> rows = db.read().query("SELECT " + COLUMNS + " FROM messages WHERE search_text LIKE ? ESCAPE '\\'"
                + " ORDER BY id DESC LIMIT ?", SearchText.containsPattern(query), limit)) {
            return rows.map(MessageStore::map).toList();
        }
    }

    /** Every message of a thread, oldest first, for a transcript. */
    @Override
    public List<Message> all(long threadId) {
        try (Stream<DbRow> rows = db.read().query("SELECT " + COLUMNS + " FROM messages WHERE thread_id = ? ORDER BY id", threadId)) {
            return rows.map(MessageStore::map).toList();
        }
    }

    /** The media references of a thread's messages, so its files can be removed with it. */
    @Override
    public List<String> mediaRefs(long threadId) {
        try (Stream<DbRow> rows = db.read().query("SELECT media_ref FROM messages WHERE thread_id = ? AND media_ref IS NOT NULL", threadId)) {
            return rows.map(r -> Rows.string(r, "media_ref")).toList();
        }
    }

    @Override
    public long maxId(long threadId) {
        return db.read().get("SELECT COALESCE(MAX(id), 0) AS m FROM messages WHERE thread_id = ?", threadId)
                .map(r -> Rows.longOf(r, "m")).orElse(0L);
    }

    public long maxId() {
        return db.read().get("SELECT COALESCE(MAX(id), 0) AS m FROM messages")
                .map(r -> Rows.longOf(r, "m")).orElse(0L);
    }

    public long count(long threadId) {
        return db.read().get("SELECT COUNT(*) AS c FROM messages WHERE thread_id = ?", threadId)
                .map(r -> Rows.longOf(r, "c")).orElse(0L);
    }

    static Message map(DbRow r) {
        return new Message(
                Rows.longOf(r, "id"),
                Rows.longOf(r, "thread_id"),
                Message.Sender.valueOf(Rows.string(r, "sender").toUpperCase(Locale.ROOT)),
                Message.Channel.valueOf(Rows.string(r, "channel").toUpperCase(Locale.ROOT)),
                Message.Kind.valueOf(Rows.string(r, "kind").toUpperCase(Locale.ROOT)),
                Rows.string(r, "body"),
                Rows.string(r, "media_ref"),
                Rows.string(r, "mime"),
                Rows.nullableLong(r, "size"),
                Rows.string(r, "client_id"),
                Instant.ofEpochMilli(Rows.longOf(r, "created_at")));
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
