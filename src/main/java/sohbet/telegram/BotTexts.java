package sohbet.telegram;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import sohbet.core.ChatService;

/** What the bot says in the admin's chat, in Turkish like the rest of the product. */
final class BotTexts {
    static final String HELP = """
            Sohbet botu: ziyaretçilere buradan yanıt verin.

            • Her ziyaretçi mesajı buraya "💬 ad", mesaj ve #T42 gibi bir sohbet etiketiyle gelir; fotoğraflar ve ses kayıtları da açıklamasıyla gelir.
            • Yanıtlamak için o mesajı seçip "Yanıtla" deyin ve yazın; yanıtınız ziyaretçinin sayfasında hemen görünür.
            • Yanıt olarak fotoğraf, sesli mesaj, ses dosyası ya da dosya olarak bir resim de gönderebilirsiniz (açıklamasıyla).
            • Gönderdiğiniz yanıtı ya da açıklamasını düzenlerseniz kayıtlı mesaj da güncellenir.

            /threads: açık sohbetleri listeler
            /export T42: sohbetin dökümünü metin dosyası olarak gönderir
            /c ad: bir ziyaretçi mesajını yanıtlayarak yazın; o addaki kayıtlı yanıtı gönderir
            /help: bu yardımı gösterir""";

    static final String NOT_A_REPLY = """
            Bir ziyaretçiye yazmak için onun mesajını yanıtlayın (mesaja basılı tutun → Yanıtla).
            /threads: açık sohbetler · /export T42: döküm · /c ad: kayıtlı yanıt · /help: yardım""";

    static final String UNKNOWN_TARGET = "Bu mesajın hangi sohbete ait olduğunu bulamadım. "
            + "Ziyaretçinin 💬 ile başlayan mesajını yanıtlayın.";

    static final String UNSUPPORTED = "Bu tür bir mesaj ziyaretçiye iletilemez; kaydedilmedi. "
            + "Metin, fotoğraf, sesli mesaj, ses dosyası ya da dosya olarak bir resim gönderin.";

    static final String SAVED_NOT_A_REPLY = "Kayıtlı yanıtı göndermek için ziyaretçinin mesajını yanıtlayıp /c ad yazın.";

    static final String EXPORT_USAGE = "Hangi sohbet? Örnek: /export T42 (ya da bir ziyaretçi mesajını yanıtlayarak /export).";

    static final String NOT_AN_ADMIN = "Ziyaretçilere yalnızca bu masanın yöneticileri yanıt verebilir; mesajınız iletilmedi.";

    static final String UPDATE_FAILED = "Bu mesajınız işlenemedi ve ziyaretçiye ulaşmadı; lütfen yeniden gönderin.";

    /** Appended to a forward whose file Telegram would not take in any form. */
    static final String FILE_NOT_TAKEN = "(Telegram dosyayı kabul etmedi; dosya yönetim panelinde.)";

    private BotTexts() {
    }

    /** Tells the owner that a visitor message of {@code tag} could not be forwarded, and why. */
    static String notForwarded(String tag, String reason) {
        return "⚠️ #" + tag + " sohbetindeki bir ziyaretçi mesajı Telegram'a iletilemedi (" + reason
                + "). Mesaj yönetim panelinde duruyor.";
    }

    /** True for {@code /threads@OtherBot}: a command for another bot in the same group. */
    static boolean forAnotherBot(String text, String ourUsername) {
        if (text == null || !text.startsWith("/") || ourUsername == null) {
            return false;
        }
        String word = text.substring(1).split("\\s", 2)[0];
        int at = word.indexOf('@');
        return at >= 0 && !word.substring(at + 1).equalsIgnoreCase(ourUsername);
    }

    /** Why a reply was not stored, keyed like {@link sohbet.core.ChatException#key()}. */
    static String refused(String key) {
        return switch (key) {
            case "error.noThread" -> "Bu sohbet artık yok; yanıtınız kaydedilmedi.";
            case "error.tooLong" -> "Yanıt çok uzun (en fazla " + ChatService.MAX_TEXT + " karakter); kaydedilmedi.";
            case "error.empty" -> "Boş yanıt kaydedilmedi.";
            case "error.media.captionTooLong" -> "Açıklama çok uzun (en fazla " + ChatService.MAX_CAPTION + " karakter); kaydedilmedi.";
            default -> "Yanıtınız kaydedilemedi.";
        };
    }

    /** A file the media checks refused, with their reason (already in Turkish, from the message bundle). */
    static String fileRefused(String reason) {
        return "Dosya ziyaretçiye gönderilmedi: " + reason;
    }

    static String fileNotFetched() {
        return "Dosyayı Telegram'dan alamadım; ziyaretçiye gönderilmedi. Lütfen yeniden gönderin.";
    }

    static String noSuchThread(long id) {
        return "T" + id + " diye bir sohbet yok (silinmiş olabilir). /threads açık sohbetleri listeler.";
    }

    static String exportFailed() {
        return "Döküm şu an gönderilemedi; lütfen biraz sonra yeniden deneyin.";
    }

    /** The answer to {@code /c} without a name, or with a name nobody saved. */
    static String savedAnswers(String unknownName, List<String> names) {
        StringBuilder out = new StringBuilder();
        if (unknownName != null) {
            out.append('"').append(unknownName).append("\" adında kayıtlı yanıt yok. ");
        }
        if (names.isEmpty()) {
            out.append("Henüz kayıtlı yanıt yok; yönetim panelinde ekleyebilirsiniz.");
        } else {
            out.append("Kayıtlı yanıtlar: ").append(String.join(", ", names))
                    .append("\nKullanım: ziyaretçinin mesajını yanıtlayıp /c ").append(names.getFirst()).append(" yazın.");
        }
        return out.toString();
    }

    /** The bot's commands; anything else starting with '/' gets the help text. */
    enum Command { THREADS, HELP, EXPORT, SAVED_ANSWER }

    /** The command a message's text starts with ({@code /threads}, {@code /threads@my_bot}), if any. */
    static Optional<Command> command(String text) {
        // Parsed from the text: telegrambots' isCommand() reads entity text that a parsed update does not fill in.
        if (text == null || !text.startsWith("/")) {
            return Optional.empty();
        }
        String word = text.substring(1).split("[\\s@]", 2)[0].toLowerCase(Locale.ROOT);
        return Optional.of(switch (word) {
            case "threads" -> Command.THREADS;
            case "export" -> Command.EXPORT;
            case "c" -> Command.SAVED_ANSWER;
            default -> Command.HELP;
        });
    }

    /** What follows a command word ({@code /export T42} → {@code T42}); "" when nothing does. */
    static String argument(String text) {
        if (text == null) {
            return "";
        }
        String[] split = text.strip().split("\\s+", 2);
        return split.length < 2 ? "" : split[1].strip();
    }
}
