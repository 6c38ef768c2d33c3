package sohbet.store;

import java.util.Optional;

/** All SQL of the {@code app_settings} table: values the app makes once and every instance shares. */
public final class SettingStore {
    private final Database db;

    public SettingStore(Database db) {
        this.db = db;
    }

    public Optional<String> get(String key) {
        return db.read().get("SELECT value FROM app_settings WHERE key = ?", key).map(r -> Rows.string(r, "value"));
    }

    /**
     * Stores {@code value} unless the key already has one, and returns the value that is stored: the
     * first writer wins, so instances starting together all read back the same value.
     */
    public String putIfAbsent(String key, String value) {
        return db.write(tx -> {
            tx.dml("INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", key, value);
            return tx.get("SELECT value FROM app_settings WHERE key = ?", key).map(r -> Rows.string(r, "value")).orElseThrow();
        });
    }
}
