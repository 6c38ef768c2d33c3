package sohbet.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import sohbet.core.ChatThread;
import sohbet.core.Message;
import sohbet.core.Threads;
import sohbet.core.SearchText;
import sohbet.core.ThreadSummary;

/** All SQL of the {@code threads} table. */
public final class ThreadStore implements Threads {
    private static final String COLUMNS = "id, visitor_name, created_at, last_activity_at, last_seen_at, status, unread_for_admin, "
            + "user_agent, first_page, last_message_id";

    private final Database db;

    public ThreadStore(Database db) {
        this.db = db;
    }

    @Override
    public ChatThread create(String visitorName, String userAgent, String firstPage, Instant now) {
        return db.write(tx -> map(tx.get("INSERT INTO threads (visitor_name, created_at, last_activity_at, last_seen_at, status, "
                        + "unread_for_admin, user_agent, first_page, search_name) VALUES (?, ?, ?, ?, 'open', 0, ?, ?, ?) RETURNING " + COLUMNS,
                visitorName, now.toEpochMilli(), now.toEpochMilli(), now.toEpochMilli(), userAgent, firstPage,
                SearchText.of(visitorName)).orElseThrow()));
    }

    @Override
    public Optional<ChatThread> byId(long id) {
        return db.read().get("SELECT " + COLUMNS + " FROM threads WHERE id = ?", id).map(ThreadStore::map);
    }

    @Override
    public Optional<ChatThread> byId(DbExecute ex, long id) {
        return ex.get("SELECT " + COLUMNS + " FROM threads WHERE id = ?", id).map(ThreadStore::map);
    }

    /** Records a new message on its thread: activity time, newest message, unread count, reopening if closed. */
    @Override
    public void touchForMessage(DbExecute tx, Message m) {
        int unreadDelta = m.fromVisitor() ? 1 : 0;
        tx.dml("UPDATE threads SET last_activity_at = ?, last_message_id = ?, unread_for_admin = unread_for_admin + ?,"
                        + " status = CASE WHEN ? = 1 THEN 'open' ELSE status END WHERE id = ?",
                m.createdAt().toEpochMilli(), m.id(), unreadDelta, unreadDelta, m.threadId());
    }

    /** True when there was something unread. */
    @Override
    public boolean markRead(long id) {
        return db.write(tx -> tx.dml("UPDATE threads SET unread_for_admin = 0 WHERE id = ? AND unread_for_admin <> 0", id)) > 0;
    }

    @Override
    public void rename(long id, String name) {
        db.write(tx -> tx.dml("UPDATE threads SET visitor_name = ?, search_name = ? WHERE id = ?", name, SearchText.of(name), id));
    }

    /** Claims today's automatic reply for the thread; true only for the one caller that got it. */
    @Override
    public boolean claimAutoReply(long id, Instant now, Instant startOfDay) {
        return db.write(tx -> tx.dml("UPDATE threads SET last_auto_reply_at = ? WHERE id = ?"
                + " AND (last_auto_reply_at IS NULL OR last_auto_reply_at < ?)", now.toEpochMilli(), id, startOfDay.toEpochMilli())) == 1;
    }

    @Override
    public void setEmail(long id, String email) {
        db.write(tx -> tx.dml("UPDATE threads SET visitor_email = ? WHERE id = ?", email, id));
    }

    @Override
    public java.util.Optional<String> email(long id) {
        return db.read().get("SELECT visitor_email FROM threads WHERE id = ?", id).map(r -> Rows.string(r, "visitor_email"))
                .filter(e -> e != null && !e.isBlank());
    }

    /**
     * Where a visitor of an embedded chat is on the owner's site: the page now, and the first page
     * when the thread has none yet (a thread started inside a frame only knows the frame's own address).
     */
    @Override
    public void setPages(long id, String page, String title) {
        db.write(tx -> tx.dml("UPDATE threads SET current_page = ?, current_title = ?, first_page = COALESCE(first_page, ?) WHERE id = ?",
                page, title, page, id));
    }

    /** The page a visitor of an embedded chat is on now, and its title; empty when never reported. */
    @Override
    public Optional<sohbet.core.VisitedPage> currentPage(long id) {
        return db.read().get("SELECT current_page, current_title FROM threads WHERE id = ?", id)
                .filter(r -> Rows.string(r, "current_page") != null)
                .map(r -> new sohbet.core.VisitedPage(Rows.string(r, "current_page"), Rows.string(r, "current_title")));
    }

    @Override
    public void setOpen(long id, boolean open) {
        db.write(tx -> tx.dml("UPDATE threads SET status = ? WHERE id = ?", open ? "open" : "closed", id));
    }

    /** Deletes the thread; its messages and Telegram links go with it (ON DELETE CASCADE). */
    @Override
    public boolean delete(long id) {
        return db.write(tx -> {
            // Deleting children explicitly as well: a SQLite connection opened without foreign_keys would not cascade.
            tx.dml("DELETE FROM messages WHERE thread_id = ?", id);
            return tx.dml("DELETE FROM threads WHERE id = ?", id);
        }) == 1;
    }

    /** Threads whose visitor name contains {@code query}, newest activity first. */
    @Override
    public List<ChatThread> searchByName(String query, int limit) {
        try (Stream<DbRow> rows = db.read().query("SELECT " + COLUMNS + " FROM threads WHERE search_name LIKE ? ESCAPE '\\'"
                + " AND last_message_id IS NOT NULL ORDER BY last_activity_at DESC LIMIT ?", SearchText.containsPattern(query), limit)) {
            return rows.map(ThreadStore::map).toList();
        }
    }


    /** Which threads a list shows. */
    /**
     * The message a thread's row previews: the newest one a person wrote (the automatic away reply
     * would hide the visitor's question), or the newest at all when only the system spoke.
     */
    private static final String LAST_BY_A_PERSON = "COALESCE((SELECT MAX(x.id) FROM messages x WHERE x.thread_id = t.id"
            + " AND x.sender <> 'system'), t.last_message_id)";

    /** Threads that have at least one message, newest activity first, each with the newest message a person wrote. */
    public List<ThreadSummary> recent(int limit) {
        return recent(Filter.ALL, limit, 0);
    }

    @Override
    public List<ThreadSummary> recent(Filter filter, int limit, int offset) {
        String where = switch (filter) {
            case ALL -> "";
            case OPEN -> " WHERE t.status = 'open'";
            case CLOSED -> " WHERE t.status = 'closed'";
        };
        String sql = "SELECT t.id, t.visitor_name, t.created_at, t.last_activity_at, t.last_seen_at, t.status, t.unread_for_admin,"
                + " t.user_agent, t.first_page, t.last_message_id, "
                + prefixed("m") + " FROM threads t JOIN messages m ON m.id = " + LAST_BY_A_PERSON + where
                + " ORDER BY t.last_activity_at DESC, t.id DESC LIMIT ? OFFSET ?";
        try (Stream<DbRow> rows = db.read().query(sql, limit, offset)) {
            return rows.map(r -> new ThreadSummary(map(r), MessageStore.map(new PrefixedRow(r, "m_")))).toList();
        }
    }

    /** Closed threads whose last activity is before {@code cutoff}, oldest first (RETENTION_DAYS deletes them). */
    public List<Long> closedBefore(Instant cutoff, int limit) {
        try (Stream<DbRow> rows = db.read().query("SELECT id FROM threads WHERE status = 'closed' AND last_activity_at < ?"
                + " ORDER BY last_activity_at, id LIMIT ?", cutoff.toEpochMilli(), limit)) {
            return rows.map(r -> Rows.longOf(r, "id")).toList();
        }
    }

    /** Threads that never got a message (a crawler, a visitor who only looked) are not worth keeping. */
    @Override
    public long deleteEmptyBefore(Instant cutoff) {
        return db.write(tx -> tx.dml("DELETE FROM threads WHERE last_message_id IS NULL AND created_at < ?", cutoff.toEpochMilli()));
    }

    @Override
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
