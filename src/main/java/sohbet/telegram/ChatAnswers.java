package sohbet.telegram;

import java.util.List;
import java.util.logging.Logger;

import org.telegram.telegrambots.meta.api.methods.reactions.SetMessageReaction;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.reactions.ReactionTypeEmoji;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * The bot's own texts in the admin's chat (help, /threads, refusals). Sent once, straight away: they
 * answer someone looking at the chat now, so a failed one is reported, not queued for later.
 * An answer goes where the person wrote, as a reply to their message (in a forum, into their topic).
 */
final class ChatAnswers {
    private static final Logger LOG = Logger.getLogger(ChatAnswers.class.getName());
    // One of the reactions Telegram allows by default in every chat.
    static final String DELIVERED = "👍";

    private final BotConnection bot;

    ChatAnswers(BotConnection bot) {
        this.bot = bot;
    }

    /** Answers {@code to} in place: same chat, same topic, as a reply to it. */
    void reply(org.telegram.telegrambots.meta.api.objects.message.Message to, String text) {
        Integer topic = to.isTopicMessage() ? to.getMessageThreadId() : null;
        for (String part : MessageChunks.split(text, ForwardText.TELEGRAM_LIMIT)) {
            try {
                bot.client().execute(SendMessage.builder().chatId(to.getChatId()).messageThreadId(topic).text(part)
                        .replyParameters(ReplyParameters.builder().messageId(to.getMessageId()).allowSendingWithoutReply(true).build())
                        .build());
            } catch (TelegramApiException e) {
                LOG.warning(() -> "Could not answer in the admin's Telegram chat: " + SendFailure.of(e, bot::redact).reason());
                return;
            }
        }
    }

    /** Marks {@code tm} as having reached the visitor; a chat that allows no reactions just stays unmarked. */
    void confirm(org.telegram.telegrambots.meta.api.objects.message.Message tm) {
        try {
            bot.client().execute(SetMessageReaction.builder().chatId(tm.getChatId()).messageId(tm.getMessageId())
                    .reactionTypes(List.of(ReactionTypeEmoji.builder().emoji(DELIVERED).build())).build());
        } catch (TelegramApiException e) {
            LOG.fine(() -> "Could not mark a delivered reply: " + SendFailure.of(e, bot::redact).reason());
        }
    }
}
