-- Sessions remember which credential made them: a changed password ends every older session.
ALTER TABLE admin_sessions ADD COLUMN credential_tag TEXT NOT NULL DEFAULT '';

-- The second sign-in step: a pending attempt (named by a signed cookie) and its code's hash.
-- Kept in the database, not in one process's memory, so any instance can finish a sign-in.
CREATE TABLE login_codes (
    attempt_id TEXT PRIMARY KEY,
    code_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    sent_at BIGINT NOT NULL,
    wrong_tries INTEGER NOT NULL DEFAULT 0
);
