-- Telegram forum mode (TELEGRAM_TOPICS=true): the forum topic each thread is forwarded into.
-- One topic per thread; a topic Telegram reports gone is forgotten and a new one takes its place.
CREATE TABLE telegram_topics (
    thread_id INTEGER PRIMARY KEY REFERENCES threads (id) ON DELETE CASCADE,
    chat_id BIGINT NOT NULL,
    message_thread_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX telegram_topics_by_topic ON telegram_topics (chat_id, message_thread_id);
