-- The Telegram desk's own state, shared by every instance and kept across restarts, one row per
-- configured TELEGRAM_CHAT_ID: the chat the desk lives in now (a group upgraded to a supergroup gets a
-- new id, and the old one stops working), and why Telegram refuses sends to it, while it does.
CREATE TABLE telegram_desk (
    configured_chat_id TEXT PRIMARY KEY,
    chat_id TEXT NOT NULL,
    moved_at BIGINT,
    refused_reason TEXT,
    refused_since BIGINT,
    updated_at BIGINT NOT NULL
);
