package sohbet.telegram;

import java.util.Locale;
import java.util.Optional;

import sohbet.chat.ChatService;

/** What the bot says in the admin's chat, in Turkish like the rest of the product. */
final class BotTexts {
    static final String HELP = """
            Sohbet botu: ziyaretçilere buradan yanıt verin.

            • Her ziyaretçi mesajı buraya "💬 ad", mesaj ve #T42 gibi bir sohbet etiketiyle gelir.
            • Yanıtlamak için o mesajı seçip "Yanıtla" deyin ve yazın; yanıtınız ziyaretçinin sayfasında hemen görünür.
            • Gönderdiğiniz yanıtı düzenlerseniz kayıtlı mesaj da güncellenir.
            • Fotoğraf, ses ve dosyalar şimdilik ziyaretçiye bir not ve açıklamasıyla iletilir.

            /threads: açık sohbetleri listeler
            /help: bu yardımı gösterir""";

    static final String NOT_A_REPLY = """
            Bir ziyaretçiye yazmak için onun mesajını yanıtlayın (mesaja basılı tutun → Yanıtla).
            /threads: açık sohbetler · /help: yardım""";

    static final String UNKNOWN_TARGET = "Bu mesajın hangi sohbete ait olduğunu bulamadım. "
            + "Ziyaretçinin 💬 ile başlayan mesajını yanıtlayın.";

    private BotTexts() {
    }

    /** Why a reply was not stored, keyed like {@link sohbet.chat.ChatException#key()}. */
    static String refused(String key) {
        return switch (key) {
            case "error.noThread" -> "Bu sohbet artık yok; yanıtınız kaydedilmedi.";
            case "error.tooLong" -> "Yanıt çok uzun (en fazla " + ChatService.MAX_TEXT + " karakter); kaydedilmedi.";
            case "error.empty" -> "Boş yanıt kaydedilmedi.";
            default -> "Yanıtınız kaydedilemedi.";
        };
    }

    /** The bot's commands; anything else starting with '/' gets the help text. */
    enum Command { THREADS, HELP }

    /** The command a message's text starts with ({@code /threads}, {@code /threads@my_bot}), if any. */
    static Optional<Command> command(String text) {
        // Parsed from the text: telegrambots' isCommand() reads entity text that a parsed update does not fill in.
        if (text == null || !text.startsWith("/")) {
            return Optional.empty();
        }
        String word = text.substring(1).split("[\\s@]", 2)[0].toLowerCase(Locale.ROOT);
        return Optional.of(word.equals("threads") ? Command.THREADS : Command.HELP);
    }
}
