package sohbet.telegram;

import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * The text an admin's Telegram message becomes in the chat. The app has no media storage yet, so
 * photos, voice notes, audio and files arrive as a clear placeholder plus their caption; fetching the
 * files belongs to the media feature.
 */
final class InboundText {
    private InboundText() {
    }

    static String of(Message tm) {
        String text = tm.hasText() ? tm.getText() : tm.getCaption();
        String placeholder = placeholder(tm);
        if (placeholder == null) {
            return text == null || text.isBlank() ? "[desteklenmeyen mesaj türü]" : text;
        }
        return text == null || text.isBlank() ? placeholder : placeholder + " " + text;
    }

    private static String placeholder(Message tm) {
        if (tm.hasPhoto()) {
            return "[fotoğraf]";
        }
        if (tm.hasVoice()) {
            return "[sesli mesaj]";
        }
        if (tm.hasAudio()) {
            return "[ses dosyası]";
        }
        if (tm.hasVideo() || tm.hasVideoNote()) {
            return "[video]";
        }
        // An animation also carries a document; say what the admin sent, not how Telegram wraps it.
        if (tm.hasAnimation()) {
            return "[animasyon]";
        }
        if (tm.hasDocument()) {
            String name = tm.getDocument().getFileName();
            return name == null || name.isBlank() ? "[dosya]" : "[dosya: " + name + "]";
        }
        if (tm.hasSticker()) {
            String emoji = tm.getSticker().getEmoji();
            return emoji == null ? "[çıkartma]" : "[çıkartma " + emoji + "]";
        }
        return null;
    }
}
