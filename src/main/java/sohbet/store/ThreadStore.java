package sohbet.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import sohbet.chat.ChatThread;
import sohbet.chat.Message;
import sohbet.chat.ThreadSummary;

/** All SQL of the {@code threads} table. */
public final class ThreadStore {
    private static final String COLUMNS = "id, visitor_name, created_at, last_activity_at, last_seen_at, status, unread_for_admin, "
            + "user_agent, first_page, last_message_id";

    private final Database db;

    public ThreadStore(Database db) {
        this.db = db;
    }

    public ChatThread create(String visitorName, String userAgent, String firstPage, Instant now) {
        return db.write(tx -> map(tx.get("INSERT INTO threads (visitor_name, created_at, last_activity_at, last_seen_at, status, "
                        + "unread_for_admin, user_agent, first_page) VALUES (?, ?, ?, ?, 'open', 0, ?, ?) RETURNING " + COLUMNS,
                visitorName, now.toEpochMilli(), now.toEpochMilli(), now.toEpochMilli(), userAgent, firstPage).orElseThrow()));
    }

    public Optional<ChatThread> byId(long id) {
        return db.read().get("SELECT " + COLUMNS + " FROM threads WHERE id = ?", id).map(ThreadStore::map);
    }

    public Optional<ChatThread> byId(DbExecute ex, long id) {
        return ex.get("SELECT " + COLUMNS + " FROM threads WHERE id = ?", id).map(ThreadStore::map);
    }

    /** Records a new message on its thread: activity time, newest message, unread count, reopening if closed. */
    public void touchForMessage(DbExecute tx, Message m) {
        int unreadDelta = m.fromVisitor() ? 1 : 0;
        tx.dml("UPDATE threads SET last_activity_at = ?, last_message_id = ?, unread_for_admin = unread_for_admin + ?,"
                        + " status = CASE WHEN ? = 1 THEN 'open' ELSE status END WHERE id = ?",
                m.createdAt().toEpochMilli(), m.id(), unreadDelta, unreadDelta, m.threadId());
    }

    public void markRead(long id) {
        db.write(tx -> tx.dml("UPDATE threads SET unread_for_admin = 0 WHERE id = ? AND unread_for_admin <> 0", id));
    }

    public void rename(long id, String name) {
        db.write(tx -> tx.dml("UPDATE threads SET visitor_name = ? WHERE id = ?", name, id));
    }

    public void markSeen(long id, Instant when) {
        db.write(tx -> tx.dml("UPDATE threads SET last_seen_at = ? WHERE id = ?", when.toEpochMilli(), id));
    }

    /** Threads that have at least one message, newest activity first, each with its newest message. */
    public List<ThreadSummary> recent(int limit) {
        String sql = "SELECT t.id, t.visitor_name, t.created_at, t.last_activity_at, t.last_seen_at, t.status, t.unread_for_admin,"
                + " t.user_agent, t.first_page, t.last_message_id, "
                + prefixed("m") + " FROM threads t JOIN messages m ON m.id = t.last_message_id"
                + " ORDER BY t.last_activity_at DESC, t.id DESC LIMIT ?";
        try (Stream<DbRow> rows = db.read().query(sql, limit)) {
            return rows.map(r -> new ThreadSummary(map(r), MessageStore.map(new PrefixedRow(r, "m_")))).toList();
        }
    }

    /** Threads that never got a message (a crawler, a visitor who only looked) are not worth keeping. */
    public long deleteEmptyBefore(Instant cutoff) {
        return db.write(tx -> tx.dml("DELETE FROM threads WHERE last_message_id IS NULL AND created_at < ?", cutoff.toEpochMilli()));
    }

    public long totalUnread() {
        return db.read().get("SELECT COALESCE(SUM(unread_for_admin), 0) AS u FROM threads")
                .map(r -> Rows.longOf(r, "u")).orElse(0L);
    }

    private static String prefixed(String alias) {
        StringBuilder sb = new StringBuilder();
        for (String c : MessageStore.COLUMNS.split(",\\s*")) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(alias).append('.').append(c).append(" AS m_").append(c);
        }
        return sb.toString();
    }

    static ChatThread map(DbRow r) {
        return new ChatThread(
                Rows.longOf(r, "id"),
                Rows.string(r, "visitor_name"),
                Rows.instant(r, "created_at"),
                Rows.instant(r, "last_activity_at"),
                Rows.instant(r, "last_seen_at"),
                "open".equals(Rows.string(r, "status")),
                Rows.intOf(r, "unread_for_admin"),
                Rows.string(r, "user_agent"),
                Rows.string(r, "first_page"),
                Rows.nullableLong(r, "last_message_id"));
    }
}
