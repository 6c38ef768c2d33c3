package sohbet.telegram;

import java.util.logging.Logger;

import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * The bot's own texts in the admin's chat (help, /threads, refusals, sign-in codes). Sent once, straight
 * away: they answer someone looking at the chat now, so a failed one is reported, not queued for later.
 */
final class ChatAnswers {
    private static final Logger LOG = Logger.getLogger(ChatAnswers.class.getName());

    private final BotConnection bot;

    ChatAnswers(BotConnection bot) {
        this.bot = bot;
    }

    void send(long chatId, String text) {
        sendTo(String.valueOf(chatId), text);
    }

    /** True when Telegram took every part. The text itself is never logged: it may be a sign-in code. */
    boolean sendTo(String chatId, String text) {
        for (String part : MessageChunks.split(text, ForwardText.TELEGRAM_LIMIT)) {
            try {
                bot.client().execute(SendMessage.builder().chatId(chatId).text(part).build());
            } catch (TelegramApiException e) {
                LOG.warning(() -> "Could not send to the admin's Telegram chat: " + SendFailure.of(e, bot::redact).reason());
                return false;
            }
        }
        return true;
    }
}
