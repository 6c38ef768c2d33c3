-- Telegram bridge. Instants are epoch milliseconds in UTC, as in V1.

-- Which thread (and message) a Telegram message in the admin's chat stands for, so a reply finds its thread.
CREATE TABLE telegram_links (
    chat_id BIGINT NOT NULL,
    telegram_message_id BIGINT NOT NULL,
    thread_id BIGINT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    message_id BIGINT REFERENCES messages (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (chat_id, telegram_message_id)
);
CREATE INDEX telegram_links_by_message ON telegram_links (message_id);

-- Visitor messages waiting to be forwarded; written in the same transaction as the message itself.
-- parts_sent counts the pieces of a long text already delivered, so a retry resumes instead of repeating.
CREATE TABLE telegram_outbox (
    message_id BIGINT PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    parts_sent INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    sent_at BIGINT,
    failed_at BIGINT,
    telegram_message_id BIGINT
);
CREATE INDEX telegram_outbox_pending ON telegram_outbox (message_id) WHERE sent_at IS NULL AND failed_at IS NULL;

-- Update ids already applied: Telegram re-delivers anything not yet confirmed after a crash or restart.
CREATE TABLE telegram_updates (
    update_id BIGINT PRIMARY KEY,
    applied_at BIGINT NOT NULL
);
CREATE INDEX telegram_updates_by_time ON telegram_updates (applied_at);
