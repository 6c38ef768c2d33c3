package sohbet.store;

import java.time.Instant;
import java.util.Optional;

import io.helidon.dbclient.DbRow;

/**
 * All SQL of the {@code telegram_desk} table: per configured {@code TELEGRAM_CHAT_ID}, the chat the desk
 * lives in now (after a group's upgrade to a supergroup) and why Telegram refuses sends there, if it does.
 */
public final class TelegramDeskStore {
    private static final String COLUMNS = "configured_chat_id, chat_id, moved_at, refused_reason, refused_since";

    /**
     * The desk's stored state.
     *
     * @param chatId        the chat forwards go to now (the configured one until Telegram moves it)
     * @param refusedReason why Telegram refuses every send to the chat (blocked, kicked, no rights), or null
     */
    public record Desk(String configuredChatId, String chatId, Instant movedAt, String refusedReason, Instant refusedSince) {
    }

    private final Database db;

    public TelegramDeskStore(Database db) {
        this.db = db;
    }

    public Optional<Desk> find(String configuredChatId) {
        return db.read().get("SELECT " + COLUMNS + " FROM telegram_desk WHERE configured_chat_id = ?", configuredChatId)
                .map(TelegramDeskStore::map);
    }

    /** Telegram moved the chat (group → supergroup): every instance and restart uses {@code chatId} from now on. */
    public void moveTo(String configuredChatId, String chatId, Instant now) {
        db.write(tx -> tx.dml("INSERT INTO telegram_desk (configured_chat_id, chat_id, moved_at, updated_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (configured_chat_id) DO UPDATE SET chat_id = excluded.chat_id, moved_at = excluded.moved_at,"
                        + " updated_at = excluded.updated_at",
                configuredChatId, chatId, now.toEpochMilli(), now.toEpochMilli()));
    }

    /** Telegram refuses every send to the desk's chat; the first refusal's time is kept. */
    public void refused(String configuredChatId, String reason, Instant now) {
        db.write(tx -> tx.dml("INSERT INTO telegram_desk (configured_chat_id, chat_id, refused_reason, refused_since, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (configured_chat_id) DO UPDATE SET refused_reason = excluded.refused_reason,"
                        + " refused_since = COALESCE(telegram_desk.refused_since, excluded.refused_since), updated_at = excluded.updated_at",
                configuredChatId, configuredChatId, reason, now.toEpochMilli(), now.toEpochMilli()));
    }

    /** Sends work again. */
    public void accepted(String configuredChatId, Instant now) {
        db.write(tx -> tx.dml("UPDATE telegram_desk SET refused_reason = NULL, refused_since = NULL, updated_at = ?"
                + " WHERE configured_chat_id = ? AND refused_reason IS NOT NULL", now.toEpochMilli(), configuredChatId));
    }

    private static Desk map(DbRow r) {
        Long moved = Rows.nullableLong(r, "moved_at");
        Long since = Rows.nullableLong(r, "refused_since");
        return new Desk(Rows.string(r, "configured_chat_id"), Rows.string(r, "chat_id"), moved == null ? null : Instant.ofEpochMilli(moved),
                Rows.string(r, "refused_reason"), since == null ? null : Instant.ofEpochMilli(since));
    }
}
