package sohbet.store;

import java.time.Instant;
import java.util.Optional;

/** All SQL of the {@code login_codes} table. Codes are stored only as hashes. */
public final class LoginCodeStore {

    /** {@code wrongTries} counts every try taken, each counted before its code was compared. */
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
                .map(LoginCodeStore::row);
    }

    private static Row row(io.helidon.dbclient.DbRow r) {
        return new Row(Rows.string(r, "attempt_id"), Rows.string(r, "code_hash"), Rows.instant(r, "expires_at"),
                Rows.instant(r, "sent_at"), Rows.intOf(r, "wrong_tries"));
    }

    /**
     * Takes one try on a live attempt before its code is compared, and returns the attempt with the try
     * counted; empty when the attempt is gone, expired or has no tries left. The check and the count are
     * one UPDATE, so however many guesses race, at most {@code maxTries} of them get to compare.
     */
    public Optional<Row> claimTry(String attemptId, int maxTries, Instant now) {
        return db.write(tx -> {
            long claimed = tx.dml("UPDATE login_codes SET wrong_tries = wrong_tries + 1 WHERE attempt_id = ? AND wrong_tries < ? AND expires_at >= ?",
                    attemptId, maxTries, now.toEpochMilli());
            if (claimed != 1) {
                return Optional.<Row>empty();
            }
            return tx.get("SELECT attempt_id, code_hash, expires_at, sent_at, wrong_tries FROM login_codes WHERE attempt_id = ?", attemptId)
                    .map(LoginCodeStore::row);
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
