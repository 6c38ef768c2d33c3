-- Answers by e-mail: one row per conversation whose visitor left an address. It is the outbox (the
-- answers not yet mailed, written in the answer's own transaction) and what the sender needs to decide:
-- when the visitor was last here and what they have read, their language and the address they used.
-- Message ids are watermarks: answers above both mailed_up_to and read_up_to are the ones to mail.
CREATE TABLE mail_outbox (
    thread_id INTEGER PRIMARY KEY REFERENCES threads (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_answer_id BIGINT NOT NULL DEFAULT 0,
    pending_at BIGINT,
    mailed_up_to BIGINT NOT NULL DEFAULT 0,
    read_up_to BIGINT NOT NULL DEFAULT 0,
    visitor_seen_at BIGINT,
    lang TEXT,
    base_url TEXT,
    last_sent_at BIGINT,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL DEFAULT 0,
    last_error TEXT,
    unsubscribed_at BIGINT
);
CREATE INDEX mail_outbox_pending ON mail_outbox (pending_at) WHERE pending_at IS NOT NULL;
