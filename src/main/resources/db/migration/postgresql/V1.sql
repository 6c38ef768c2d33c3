-- Instants are epoch milliseconds in UTC: portable, sortable, never a time-zone question.
CREATE TABLE threads (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    visitor_name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_activity_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    unread_for_admin INTEGER NOT NULL DEFAULT 0,
    user_agent TEXT,
    first_page TEXT,
    last_message_id BIGINT
);
CREATE INDEX threads_by_activity ON threads (last_activity_at);

CREATE TABLE messages (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    thread_id BIGINT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    sender TEXT NOT NULL,
    channel TEXT NOT NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    media_ref TEXT,
    mime TEXT,
    size BIGINT,
    client_id TEXT,
    created_at BIGINT NOT NULL,
    UNIQUE (thread_id, client_id)
);
CREATE INDEX messages_by_thread ON messages (thread_id, id);

CREATE TABLE admin_sessions (
    token_hash TEXT PRIMARY KEY,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
