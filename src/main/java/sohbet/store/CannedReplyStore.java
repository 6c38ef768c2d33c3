package sohbet.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.helidon.dbclient.DbRow;

/** All SQL of the {@code canned_replies} table: the admin's short saved answers. */
public final class CannedReplyStore {

    public record Reply(long id, String name, String body) {
    }

    private final Database db;

    public CannedReplyStore(Database db) {
        this.db = db;
    }

    public List<Reply> all() {
        try (Stream<DbRow> rows = db.read().query("SELECT id, name, body FROM canned_replies ORDER BY name")) {
            return rows.map(CannedReplyStore::map).toList();
        }
    }

    public Optional<Reply> byId(long id) {
        return db.read().get("SELECT id, name, body FROM canned_replies WHERE id = ?", id).map(CannedReplyStore::map);
    }

    public Optional<Reply> byName(String name) {
        return db.read().get("SELECT id, name, body FROM canned_replies WHERE name = ?", name).map(CannedReplyStore::map);
    }

    /** Adds or replaces the answer saved under {@code name}. */
    public void save(String name, String body, Instant now) {
        db.write(tx -> {
            if (tx.dml("UPDATE canned_replies SET body = ? WHERE name = ?", body, name) == 0) {
                tx.insert("INSERT INTO canned_replies (name, body, created_at) VALUES (?, ?, ?)", name, body, now.toEpochMilli());
            }
            return null;
        });
    }

    public void delete(long id) {
        db.write(tx -> tx.dml("DELETE FROM canned_replies WHERE id = ?", id));
    }

    private static Reply map(DbRow r) {
        return new Reply(Rows.longOf(r, "id"), Rows.string(r, "name"), Rows.string(r, "body"));
    }
}
