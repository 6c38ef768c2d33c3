package sohbet.store;

import java.time.Instant;
import java.util.Optional;

/** All SQL of the {@code admin_sessions} table. Tokens are stored only as their SHA-256 hash. */
public final class AdminSessionStore {

    public record Row(String tokenHash, String csrfToken, Instant createdAt, Instant lastUsedAt, Instant expiresAt, String credentialTag) {
    }

    private final Database db;

    public AdminSessionStore(Database db) {
        this.db = db;
    }

    public void insert(Row s) {
        db.write(tx -> tx.insert("INSERT INTO admin_sessions (token_hash, csrf_token, created_at, last_used_at, expires_at, credential_tag)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                s.tokenHash(), s.csrfToken(), s.createdAt().toEpochMilli(), s.lastUsedAt().toEpochMilli(), s.expiresAt().toEpochMilli(),
                s.credentialTag()));
    }

    public Optional<Row> find(String tokenHash) {
        return db.read().get("SELECT token_hash, csrf_token, created_at, last_used_at, expires_at, credential_tag FROM admin_sessions"
                        + " WHERE token_hash = ?", tokenHash)
                .map(r -> new Row(Rows.string(r, "token_hash"), Rows.string(r, "csrf_token"), Rows.instant(r, "created_at"),
                        Rows.instant(r, "last_used_at"), Rows.instant(r, "expires_at"), Rows.string(r, "credential_tag")));
    }

    public void touch(String tokenHash, Instant when) {
        db.write(tx -> tx.dml("UPDATE admin_sessions SET last_used_at = ? WHERE token_hash = ?", when.toEpochMilli(), tokenHash));
    }

    public void delete(String tokenHash) {
        db.write(tx -> tx.dml("DELETE FROM admin_sessions WHERE token_hash = ?", tokenHash));
    }

    public void deleteExpired(Instant now) {
        db.write(tx -> tx.dml("DELETE FROM admin_sessions WHERE expires_at < ?", now.toEpochMilli()));
    }
}
