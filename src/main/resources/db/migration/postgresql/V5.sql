-- The support desk: a visitor may leave an email for a follow-up; the away reply is sent at most
-- once per thread per day; the admin keeps short saved answers.
ALTER TABLE threads ADD COLUMN visitor_email TEXT;
ALTER TABLE threads ADD COLUMN last_auto_reply_at BIGINT;
CREATE TABLE canned_replies (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
