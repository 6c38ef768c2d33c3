package sohbet.telegram;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChat;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatMember;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.GetWebhookInfo;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.WebhookInfo;
import org.telegram.telegrambots.meta.api.objects.chat.ChatFullInfo;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMember;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberAdministrator;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberRestricted;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * {@code java -jar sohbet.jar telegram-test}: checks the token with getMe, that no webhook steals the
 * updates, sends a test message to {@code TELEGRAM_CHAT_ID}, checks a group (a forum when topics are on,
 * the bot's rights there), names the admins whose replies it would accept, and exits non-zero with the
 * reason when something is wrong.
 */
public final class TelegramCheck {
    public static final int OK = 0;
    public static final int TELEGRAM_SAID_NO = 1;
    public static final int NOT_CONFIGURED = 2;

    static final String TEST_TEXT = "✅ Sohbet bağlantı testi: ziyaretçi mesajları bu sohbete gelecek.";

    private TelegramCheck() {
    }

    public static int run(Optional<String> token, Optional<String> chatId, String apiUrl, PrintStream out) {
        return run(token, chatId, apiUrl, false, List.of(), out);
    }

    /** As above, with {@code TELEGRAM_TOPICS} and {@code TELEGRAM_ADMIN_IDS}. */
    public static int run(Optional<String> token, Optional<String> chatId, String apiUrl, boolean topics, List<Long> adminIds,
                          PrintStream out) {
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
            boolean webhookFree = webhook(bot, out);
            try {
                var sent = bot.client().execute(SendMessage.builder().chatId(chatId.get()).text(TEST_TEXT).build());
                out.println("OK: sendMessage: test message " + sent.getMessageId() + " is in chat " + sent.getChatId());
            } catch (TelegramApiException e) {
                out.println("FAIL: sendMessage to " + chatId.get() + ": " + explain(e, bot) + hintForChat(e, me));
                return TELEGRAM_SAID_NO;
            }
            boolean groupFine = isPrivate(chatId.get()) || group(bot, chatId.get(), me, topics, out);
            admins(bot, chatId.get(), adminIds, out);
            if (!webhookFree || !groupFine) {
                return TELEGRAM_SAID_NO;
            }
            out.println("Telegram works: visitor messages will reach this chat.");
            return OK;
        }
    }

    /** A webhook set by something else makes Telegram refuse the bot's polling (409). */
    private static boolean webhook(BotConnection bot, PrintStream out) {
        try {
            WebhookInfo info = bot.client().execute(new GetWebhookInfo());
            if (info.getUrl() == null || info.getUrl().isBlank()) {
                out.println("OK: getWebhookInfo: no webhook; the bot polls for replies");
                return true;
            }
            out.println("FAIL: getWebhookInfo: a webhook is set (" + info.getUrl() + "). Telegram then refuses polling (409): another"
                    + " program uses this bot. Give that program its own bot, or remove the webhook (deleteWebhook).");
        } catch (TelegramApiException e) {
            out.println("FAIL: getWebhookInfo: " + explain(e, bot));
        }
        return false;
    }

    private static boolean isPrivate(String chatId) {
        try {
            return Long.parseLong(chatId) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A group desk: is it a forum (when topics are on), and may the bot post (and manage topics) there? */
    private static boolean group(BotConnection bot, String chatId, User me, boolean topics, PrintStream out) {
        boolean fine = true;
        try {
            ChatFullInfo chat = bot.client().execute(GetChat.builder().chatId(chatId).build());
            boolean forum = Boolean.TRUE.equals(chat.getIsForum());
            out.println("OK: getChat: " + (forum ? "a forum " : "a ") + chat.getType() + " (\"" + chat.getTitle() + "\")");
            if (topics && !forum) {
                out.println("FAIL: TELEGRAM_TOPICS is on but the group is not a forum: turn on Topics in the group's settings.");
                fine = false;
            }
            ChatMember self = bot.client().execute(GetChatMember.builder().chatId(chatId).userId(me.getId()).build());
            String rights = switch (self) {
                case ChatMemberAdministrator a -> Boolean.TRUE.equals(a.getCanManageTopics()) ? ", can manage topics" : ", cannot manage topics";
                case ChatMemberRestricted r -> Boolean.TRUE.equals(r.getCanSendMessages()) ? "" : ", may not send messages";
                default -> "";
            };
            out.println("OK: getChatMember: the bot is " + self.getStatus() + rights);
            if (self.getStatus().equals("left") || self.getStatus().equals("kicked") || rights.contains("may not send")) {
                out.println("FAIL: the bot cannot post in this group: add it back and let it send messages.");
                fine = false;
            }
            if (topics && !rights.equals(", can manage topics")) {
                out.println("FAIL: TELEGRAM_TOPICS is on: make the bot an admin with the \"Manage topics\" right.");
                fine = false;
            }
        } catch (TelegramApiException e) {
            out.println("FAIL: checking the group: " + explain(e, bot));
            fine = false;
        }
        return fine;
    }

    /** The people whose replies the bot would take, as {@link DeskAdmins} decides it. */
    private static void admins(BotConnection bot, String chatId, List<Long> adminIds, PrintStream out) {
        Set<Long> ids;
        if (!adminIds.isEmpty()) {
            ids = Set.copyOf(adminIds);
        } else if (isPrivate(chatId)) {
            ids = Set.of(Long.parseLong(chatId));
        } else {
            try {
                ids = DeskAdmins.groupAdmins(bot, chatId);
            } catch (TelegramApiException e) {
                out.println("FAIL: getChatAdministrators: " + explain(e, bot) + ". Set TELEGRAM_ADMIN_IDS instead.");
                return;
            }
        }
        out.println("Admins who may answer: " + new TreeSet<>(ids).stream().map(String::valueOf).collect(Collectors.joining(", "))
                + (adminIds.isEmpty() ? "" : " (TELEGRAM_ADMIN_IDS)") + "; each must send /start to the bot to get sign-in codes.");
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
