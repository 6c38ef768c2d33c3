package sohbet.store;

import java.time.Instant;
import java.util.Optional;

import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/**
 * All SQL of the {@code telegram_outbox} table: visitor messages waiting to be forwarded to Telegram.
 * A row is pending until it is sent (every part delivered) or failed (Telegram refused it for good).
 */
public final class TelegramOutboxStore {
    private static final String COLUMNS = "message_id, attempts, next_attempt_at, parts_sent, last_error, sent_at, failed_at, "
            + "telegram_message_id";

    /** One outbox row; {@code partsSent} pieces of the message are already in the chat. */
    public record Row(long messageId, int attempts, Instant nextAttemptAt, int partsSent, String lastError, Instant sentAt,
                      Instant failedAt, Long telegramMessageId) {
        public boolean pending() {
            return sentAt == null && failedAt == null;
        }
    }

    private final Database db;

    public TelegramOutboxStore(Database db) {
        this.db = db;
    }

    /** Queues a message inside the caller's transaction, so the message and its forward commit together. */
    public void enqueue(DbExecute tx, long messageId, Instant now) {
        tx.dml("INSERT INTO telegram_outbox (message_id, created_at, attempts, next_attempt_at, parts_sent) VALUES (?, ?, 0, ?, 0)"
                + " ON CONFLICT DO NOTHING", messageId, now.toEpochMilli(), now.toEpochMilli());
    }

    /** The oldest pending row, due or not: forwards leave strictly in message order. */
    public Optional<Row> head() {
        return db.read().get("SELECT " + COLUMNS + " FROM telegram_outbox WHERE sent_at IS NULL AND failed_at IS NULL"
                + " ORDER BY message_id LIMIT 1").map(TelegramOutboxStore::map);
    }

    public Optional<Row> byMessageId(long messageId) {
        return db.read().get("SELECT " + COLUMNS + " FROM telegram_outbox WHERE message_id = ?", messageId)
                .map(TelegramOutboxStore::map);
    }

    public long pendingCount() {
        return db.read().get("SELECT COUNT(*) AS c FROM telegram_outbox WHERE sent_at IS NULL AND failed_at IS NULL")
                .map(r -> Rows.longOf(r, "c")).orElse(0L);
    }

    /** When the oldest forward still waiting was queued, if any (for metrics). */
    public Optional<Instant> oldestPending() {
        return db.read().get("SELECT MIN(created_at) AS t FROM telegram_outbox WHERE sent_at IS NULL AND failed_at IS NULL")
                .map(r -> Rows.nullableLong(r, "t")).map(Instant::ofEpochMilli);
    }

    /** Records one delivered part (inside the caller's transaction); the row is sent once the last part is. */
    public void partSent(DbExecute tx, long messageId, int partsSent, boolean last, long telegramMessageId, Instant now) {
        tx.dml("UPDATE telegram_outbox SET parts_sent = ?, sent_at = ?, last_error = NULL,"
                        + " telegram_message_id = COALESCE(telegram_message_id, ?) WHERE message_id = ?",
                partsSent, last ? now.toEpochMilli() : null, telegramMessageId, messageId);
    }

    public void retryLater(long messageId, int attempts, Instant nextAttemptAt, String error) {
        db.write(tx -> tx.dml("UPDATE telegram_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE message_id = ?",
                attempts, nextAttemptAt.toEpochMilli(), error, messageId));
    }

    /** Telegram refused the message for good (400, 403): keep the reason, stop trying. */
    public void giveUp(long messageId, int attempts, String error, Instant now) {
        db.write(tx -> tx.dml("UPDATE telegram_outbox SET attempts = ?, failed_at = ?, last_error = ? WHERE message_id = ?",
                attempts, now.toEpochMilli(), error, messageId));
    }

    private static Row map(DbRow r) {
        Long sent = Rows.nullableLong(r, "sent_at");
        Long failed = Rows.nullableLong(r, "failed_at");
        return new Row(
                Rows.longOf(r, "message_id"),
                Rows.intOf(r, "attempts"),
                Rows.instant(r, "next_attempt_at"),
                Rows.intOf(r, "parts_sent"),
                Rows.string(r, "last_error"),
                sent == null ? null : Instant.ofEpochMilli(sent),
                failed == null ? null : Instant.ofEpochMilli(failed),
                Rows.nullableLong(r, "telegram_message_id"));
    }
}
