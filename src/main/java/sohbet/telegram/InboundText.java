package sohbet.telegram;

import java.util.Optional;

import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * The text an admin's Telegram message becomes in the chat, when it carries no file that
 * {@link InboundMedia} fetches: its text, or a sticker as its emoji. Empty for what a visitor's page
 * cannot show (video, animations, other documents, locations…): the admin is told instead of the
 * visitor getting a note about something they cannot see.
 */
final class InboundText {
    private InboundText() {
    }

    static Optional<String> of(Message tm) {
        if (tm.hasText() && !tm.getText().isBlank()) {
            return Optional.of(tm.getText());
        }
        if (tm.hasSticker() && tm.getSticker().getEmoji() != null && !tm.getSticker().getEmoji().isBlank()) {
            return Optional.of(tm.getSticker().getEmoji());
        }
        return Optional.empty();
    }
}
