package sohbet.store;

import java.time.Instant;
import java.util.Optional;

/** All SQL of the {@code login_codes} table. Codes are stored only as hashes. */
public final class LoginCodeStore {

    public record Row(String attemptId, String codeHash, Instant expiresAt, Instant sentAt, int wrongTries) {
    }

    private final Database db;

    public LoginCodeStore(Database db) {
        this.db = db;
    }

    public void insert(String attemptId, String codeHash, Instant now, Instant expires) {
        db.write(tx -> tx.insert("INSERT INTO login_codes (attempt_id, code_hash, created_at, expires_at, sent_at, wrong_tries) VALUES (?, ?, ?, ?, ?, 0)",
                attemptId, codeHash, now.toEpochMilli(), expires.toEpochMilli(), now.toEpochMilli()));
    }

    public Optional<Row> find(String attemptId) {
        return db.read().get("SELECT attempt_id, code_hash, expires_at, sent_at, wrong_tries FROM login_codes WHERE attempt_id = ?", attemptId)
                .map(r -> new Row(Rows.string(r, "attempt_id"), Rows.string(r, "code_hash"), Rows.instant(r, "expires_at"),
                        Rows.instant(r, "sent_at"), Rows.intOf(r, "wrong_tries")));
    }

    /** Counts a wrong try and returns how many there have been. */
    public int wrongTry(String attemptId) {
        return db.write(tx -> {
            tx.dml("UPDATE login_codes SET wrong_tries = wrong_tries + 1 WHERE attempt_id = ?", attemptId);
            return tx.get("SELECT wrong_tries FROM login_codes WHERE attempt_id = ?", attemptId).map(r -> Rows.intOf(r, "wrong_tries")).orElse(Integer.MAX_VALUE);
        });
    }

    public void replaceCode(String attemptId, String codeHash, Instant now, Instant expires) {
        db.write(tx -> tx.dml("UPDATE login_codes SET code_hash = ?, sent_at = ?, expires_at = ? WHERE attempt_id = ?",
                codeHash, now.toEpochMilli(), expires.toEpochMilli(), attemptId));
    }

    /** Removes the attempt; true only for the one caller that removed it (a code works once, even when raced). */
    public boolean consume(String attemptId) {
        return db.write(tx -> tx.dml("DELETE FROM login_codes WHERE attempt_id = ?", attemptId)) == 1;
    }

    public void deleteExpired(Instant now) {
        db.write(tx -> tx.dml("DELETE FROM login_codes WHERE expires_at < ?", now.toEpochMilli()));
    }
}
