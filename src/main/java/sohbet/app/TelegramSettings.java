package sohbet.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import sohbet.app.AppConfig.ConfigException;

/**
 * The Telegram bridge: the bot (TELEGRAM_BOT_TOKEN) and the chat it posts in (TELEGRAM_CHAT_ID), the
 * API address (TELEGRAM_API_URL, a local fake in tests), forum mode (TELEGRAM_TOPICS) and the users
 * allowed to answer (TELEGRAM_ADMIN_IDS).
 */
public record TelegramSettings(Optional<String> botToken, Optional<String> chatId, String apiUrl, boolean topics,
        List<Long> adminIds) {

    static TelegramSettings from(Env env) {
        return new TelegramSettings(
                env.get("TELEGRAM_BOT_TOKEN"),
                env.get("TELEGRAM_CHAT_ID"),
                env.get("TELEGRAM_API_URL", "https://api.telegram.org"),
                // Forum mode: one topic per thread in a forum supergroup.
                env.onOff("TELEGRAM_TOPICS", "off"),
                ids("TELEGRAM_ADMIN_IDS", env.orNull("TELEGRAM_ADMIN_IDS")));
    }

    public boolean enabled() {
        return botToken.isPresent() && chatId.isPresent();
    }

    /** Comma-separated Telegram user ids ({@code 123, 456}); empty when unset. */
    static List<Long> ids(String name, String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>();
        for (String part : value.split(",")) {
            String id = part.strip();
            if (id.isEmpty()) {
                continue;
            }
            try {
                ids.add(Long.parseLong(id));
            } catch (NumberFormatException e) {
                throw new ConfigException(name + " must be Telegram user ids separated by commas (e.g. 123456789,987654321), got '"
                        + id + "'");
            }
        }
        return List.copyOf(ids);
    }
}
