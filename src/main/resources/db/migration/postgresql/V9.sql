-- Settings the app makes for itself and every instance must share (the generated signing key when
-- SECRET_KEY is not set). Written once, never replaced.
CREATE TABLE app_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
