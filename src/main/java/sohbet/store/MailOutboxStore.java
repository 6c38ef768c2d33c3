package sohbet.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/**
 * All SQL of the {@code mail_outbox} table: per conversation with an e-mail address, the admin's answers
 * not yet mailed and what decides when (and whether) they are. Rows exist only for threads whose visitor
 * left an address; a thread's deletion removes its row.
 */
public final class MailOutboxStore {
    private static final String COLUMNS = "thread_id, last_answer_id, pending_at, mailed_up_to, read_up_to, visitor_seen_at, lang, "
            + "base_url, last_sent_at, attempts, next_attempt_at, last_error, unsubscribed_at";

    /** One conversation's mail state; instants are null where nothing happened yet. */
    public record Row(long threadId, long lastAnswerId, Instant pendingAt, long mailedUpTo, long readUpTo, Instant visitorSeenAt,
                      String lang, String baseUrl, Instant lastSentAt, int attempts, Instant nextAttemptAt, String lastError,
                      Instant unsubscribedAt) {
        /** Answers above this id are neither mailed nor read. */
        public long watermark() {
            return Math.max(mailedUpTo, readUpTo);
        }
    }

    private final Database db;

    public MailOutboxStore(Database db) {
        this.db = db;
    }

    /**
     * Records a new answer inside its message's transaction, when the thread has an address: an answer
     * acknowledged to the admin is never left without its mail. The first unmailed answer keeps its time.
     */
    public void answered(DbExecute tx, long threadId, long messageId, Instant now) {
        long t = now.toEpochMilli();
        tx.dml("INSERT INTO mail_outbox (thread_id, created_at, last_answer_id, pending_at)"
                + " SELECT id, ?, ?, ? FROM threads WHERE id = ? AND visitor_email IS NOT NULL"
                + " ON CONFLICT (thread_id) DO UPDATE SET last_answer_id = excluded.last_answer_id,"
                + " pending_at = COALESCE(mail_outbox.pending_at, excluded.pending_at)", t, messageId, t, threadId);
    }

    /**
     * The visitor was here at {@code now} and saw every message up to {@code readUpTo}; the language and
     * address they used are kept when given (null leaves the stored ones). Creates the row if needed.
     */
    public void visited(long threadId, Instant now, long readUpTo, String lang, String baseUrl) {
        long t = now.toEpochMilli();
        db.write(tx -> tx.dml("INSERT INTO mail_outbox (thread_id, created_at, read_up_to, visitor_seen_at, lang, base_url)"
                        + " VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (thread_id) DO UPDATE SET visitor_seen_at = excluded.visitor_seen_at,"
                        + " read_up_to = CASE WHEN mail_outbox.read_up_to > excluded.read_up_to THEN mail_outbox.read_up_to"
                        + " ELSE excluded.read_up_to END,"
                        + " lang = COALESCE(excluded.lang, mail_outbox.lang), base_url = COALESCE(excluded.base_url, mail_outbox.base_url)",
                threadId, t, readUpTo, t, lang, baseUrl));
    }

    /** The visitor had a stream open until {@code now} and was shown every message up to {@code readUpTo}. */
    public void seen(long threadId, Instant now, long readUpTo) {
        db.write(tx -> tx.dml("UPDATE mail_outbox SET visitor_seen_at = ?,"
                + " read_up_to = CASE WHEN read_up_to > ? THEN read_up_to ELSE ? END WHERE thread_id = ?",
                now.toEpochMilli(), readUpTo, readUpTo, threadId));
    }

    /** Rows with answers that may still need a mail, oldest first. */
    public List<Row> pending(int limit) {
        try (Stream<DbRow> rows = db.read().query("SELECT " + COLUMNS + " FROM mail_outbox WHERE pending_at IS NOT NULL"
                + " AND unsubscribed_at IS NULL ORDER BY pending_at LIMIT ?", limit)) {
            return rows.map(MailOutboxStore::map).toList();
        }
    }

    public Optional<Row> byThread(long threadId) {
        return db.read().get("SELECT " + COLUMNS + " FROM mail_outbox WHERE thread_id = ?", threadId).map(MailOutboxStore::map);
    }

    /** Nothing left to mail up to {@code watermark}: the row rests until the next answer (a newer one keeps it pending). */
    public void settled(long threadId, long watermark) {
        db.write(tx -> tx.dml("UPDATE mail_outbox SET pending_at = NULL WHERE thread_id = ? AND last_answer_id <= ?",
                threadId, watermark));
    }

    /**
     * Takes the row for one send attempt until {@code until}, unless another instance took it first
     * ({@code seenNextAttempt} is what this one read): true for exactly one taker.
     */
    public boolean claim(long threadId, Instant seenNextAttempt, Instant until) {
        return db.write(tx -> tx.dml("UPDATE mail_outbox SET next_attempt_at = ? WHERE thread_id = ? AND next_attempt_at = ?",
                until.toEpochMilli(), threadId, seenNextAttempt.toEpochMilli())) == 1;
    }

    /** The mail with the answers up to {@code upTo} went out; answers that came meanwhile stay pending. */
    public void sent(long threadId, long upTo, Instant now) {
        long t = now.toEpochMilli();
        db.write(tx -> tx.dml("UPDATE mail_outbox SET mailed_up_to = ?, last_sent_at = ?, attempts = 0, next_attempt_at = 0,"
                + " last_error = NULL, pending_at = CASE WHEN last_answer_id <= ? THEN NULL ELSE ? END WHERE thread_id = ?",
                upTo, t, upTo, t, threadId));
    }

    public void retryLater(long threadId, int attempts, Instant next, String error) {
        db.write(tx -> tx.dml("UPDATE mail_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE thread_id = ?",
                attempts, next.toEpochMilli(), error, threadId));
    }

    /** The server refused the address for good: these answers are not mailed (the reason is kept), later ones may be. */
    public void refused(long threadId, long upTo, String error) {
        db.write(tx -> tx.dml("UPDATE mail_outbox SET mailed_up_to = ?, attempts = 0, next_attempt_at = 0, last_error = ?,"
                + " pending_at = CASE WHEN last_answer_id <= ? THEN NULL ELSE pending_at END WHERE thread_id = ?",
                upTo, error, upTo, threadId));
    }

    /** No more mail for this conversation; true when it was subscribed until now. */
    public boolean unsubscribe(long threadId, Instant now) {
        long t = now.toEpochMilli();
        return db.write(tx -> tx.dml("INSERT INTO mail_outbox (thread_id, created_at, unsubscribed_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (thread_id) DO UPDATE SET unsubscribed_at = excluded.unsubscribed_at"
                + " WHERE mail_outbox.unsubscribed_at IS NULL", threadId, t, t)) == 1;
    }

    private static Row map(DbRow r) {
        return new Row(
                Rows.longOf(r, "thread_id"),
                Rows.longOf(r, "last_answer_id"),
                instant(r, "pending_at"),
                Rows.longOf(r, "mailed_up_to"),
                Rows.longOf(r, "read_up_to"),
                instant(r, "visitor_seen_at"),
                Rows.string(r, "lang"),
                Rows.string(r, "base_url"),
                instant(r, "last_sent_at"),
                Rows.intOf(r, "attempts"),
                Rows.instant(r, "next_attempt_at"),
                Rows.string(r, "last_error"),
                instant(r, "unsubscribed_at"));
    }

    private static Instant instant(DbRow r, String column) {
        Long v = Rows.nullableLong(r, column);
        return v == null ? null : Instant.ofEpochMilli(v);
    }
}
