package sohbet.telegram;

import org.telegram.telegrambots.meta.api.objects.chat.Chat;

/** {@code TELEGRAM_CHAT_ID} as configured: a numeric chat id, or a public {@code @username}. The bot listens to this chat only. */
record AdminChat(String configured) {

    boolean matches(Chat chat) {
        if (chat == null) {
            return false;
        }
        if (configured.startsWith("@")) {
            return chat.getUserName() != null && configured.substring(1).equalsIgnoreCase(chat.getUserName());
        }
        return configured.equals(String.valueOf(chat.getId()));
    }
}
