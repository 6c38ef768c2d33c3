package sohbet.telegram;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;

import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * {@code java -jar sohbet.jar telegram-test}: checks the token with getMe, sends a test message to
 * {@code TELEGRAM_CHAT_ID}, says what it found, and exits non-zero with the reason when something is wrong.
 */
public final class TelegramCheck {
    public static final int OK = 0;
    public static final int TELEGRAM_SAID_NO = 1;
    public static final int NOT_CONFIGURED = 2;

    static final String TEST_TEXT = "✅ Sohbet bağlantı testi: ziyaretçi mesajları bu sohbete gelecek.";

    private TelegramCheck() {
    }

    public static int run(Optional<String> token, Optional<String> chatId, String apiUrl, PrintStream out) {
        if (token.isEmpty()) {
            out.println("FAIL: TELEGRAM_BOT_TOKEN is not set. Create a bot with @BotFather and set the token it gives you.");
            return NOT_CONFIGURED;
        }
        BotConnection bot;
        try {
            bot = BotConnection.open(token.get(), apiUrl, Duration.ofSeconds(1));
        } catch (IllegalArgumentException e) {
            out.println("FAIL: " + e.getMessage());
            return NOT_CONFIGURED;
        }
        try (bot) {
            out.println("Bot API: " + bot.describe());
            User me;
            try {
                me = bot.client().execute(new GetMe());
            } catch (TelegramApiException e) {
                out.println("FAIL: getMe: " + explain(e, bot) + hintForToken(e));
                return TELEGRAM_SAID_NO;
            }
            out.println("OK: getMe: @" + me.getUserName() + " (\"" + me.getFirstName() + "\", id " + me.getId() + ")");
            if (chatId.isEmpty()) {
                out.println("FAIL: TELEGRAM_CHAT_ID is not set. Send /start to @" + me.getUserName()
                        + " from the chat that should receive visitor messages, then read its chat id from getUpdates.");
                return NOT_CONFIGURED;
            }
            try {
                var sent = bot.client().execute(SendMessage.builder().chatId(chatId.get()).text(TEST_TEXT).build());
                out.println("OK: sendMessage: test message " + sent.getMessageId() + " is in chat " + sent.getChatId());
            } catch (TelegramApiException e) {
                out.println("FAIL: sendMessage to " + chatId.get() + ": " + explain(e, bot) + hintForChat(e, me));
                return TELEGRAM_SAID_NO;
            }
            out.println("Telegram works: visitor messages will reach this chat.");
            return OK;
        }
    }

    private static String explain(TelegramApiException e, BotConnection bot) {
        SendFailure f = SendFailure.of(e, bot::redact);
        return f.reason();
    }

    private static int code(TelegramApiException e) {
        return e instanceof TelegramApiRequestException r && r.getErrorCode() != null ? r.getErrorCode() : 0;
    }

    private static String hintForToken(TelegramApiException e) {
        return switch (code(e)) {
            case 401, 404 -> ". The Bot API does not know this token: check TELEGRAM_BOT_TOKEN (BotFather → /mybots → API Token).";
            case 0 -> ". Cannot reach the Bot API: check the network and TELEGRAM_API_URL.";
            default -> "";
        };
    }

    private static String hintForChat(TelegramApiException e, User me) {
        return switch (code(e)) {
            case 400 -> ". Check TELEGRAM_CHAT_ID, and send /start to @" + me.getUserName() + " from that chat first.";
            case 403 -> ". The bot may not write there: unblock it, or add it to the group.";
            default -> "";
        };
    }
}
