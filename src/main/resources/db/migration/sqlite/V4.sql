-- Search compares a normalised copy of the text (see SearchText): SQLite's lower() knows only ASCII.
ALTER TABLE messages ADD COLUMN search_text TEXT;
ALTER TABLE threads ADD COLUMN search_name TEXT;
UPDATE messages SET search_text = lower(body);
UPDATE threads SET search_name = lower(visitor_name);
CREATE INDEX threads_by_status ON threads (status, last_activity_at);
