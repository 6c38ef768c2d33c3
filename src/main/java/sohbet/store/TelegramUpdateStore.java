package sohbet.store;

import java.time.Instant;

/** All SQL of the {@code telegram_updates} table: the update ids already applied, so a re-delivered update is skipped. */
public final class TelegramUpdateStore {
    private final Database db;

    public TelegramUpdateStore(Database db) {
        this.db = db;
    }

    public boolean isApplied(long updateId) {
        return db.read().get("SELECT 1 AS x FROM telegram_updates WHERE update_id = ?", updateId).isPresent();
    }

    public void markApplied(long updateId, Instant now) {
        db.write(tx -> tx.dml("INSERT INTO telegram_updates (update_id, applied_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                updateId, now.toEpochMilli()));
    }

    /** Forgets ids applied before {@code cutoff}; Telegram keeps an update at most 24 hours, so old ids never come back. */
    public long pruneBefore(Instant cutoff) {
        return db.write(tx -> tx.dml("DELETE FROM telegram_updates WHERE applied_at < ?", cutoff.toEpochMilli()));
    }
}
