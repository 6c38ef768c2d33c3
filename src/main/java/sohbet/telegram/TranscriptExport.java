package sohbet.telegram;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import sohbet.desk.Transcript;
import sohbet.core.ChatService;
import sohbet.core.ChatThread;
import sohbet.core.Message;
import sohbet.web.I18n;

/**
 * {@code /export T42}: the thread's plain-text transcript (the panel's export, times in APP_TIMEZONE)
 * as a document {@code sohbet-T42.txt} in the admin's chat.
 */
final class TranscriptExport {
    private static final Logger LOG = Logger.getLogger(TranscriptExport.class.getName());
    private static final Pattern TAG = Pattern.compile("#?[Tt]?(\\d{1,18})");

    private final ChatService chat;
    private final BotConnection bot;
    private final ChatAnswers answers;
    private final ZoneId zone;

    TranscriptExport(ChatService chat, BotConnection bot, ChatAnswers answers, ZoneId zone) {
        this.chat = chat;
        this.bot = bot;
        this.answers = answers;
        this.zone = zone;
    }

    /** The thread an argument names ({@code T42}, {@code #T42}, {@code 42}); empty when it names none. */
    static Optional<Long> threadId(String argument) {
        Matcher m = TAG.matcher(argument == null ? "" : argument.strip());
        return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    /**
     * Answers {@code /export argument}; without an argument, the thread of the replied-to message.
     * Read-only, so a repeated update only sends the file again.
     */
    void answer(org.telegram.telegrambots.meta.api.objects.message.Message tm, String argument, Optional<Long> repliedThread) {
        Optional<Long> id = argument.isBlank() ? repliedThread : threadId(argument);
        if (id.isEmpty()) {
            answers.reply(tm, BotTexts.EXPORT_USAGE);
            return;
        }
        Optional<ChatThread> thread = chat.thread(id.get());
        if (thread.isEmpty()) {
            answers.reply(tm, BotTexts.noSuchThread(id.get()));
            return;
        }
        ChatThread t = thread.get();
        List<Message> messages = chat.transcript(t.id());
        byte[] text = Transcript.of(t, messages, zone, I18n.TR).getBytes(StandardCharsets.UTF_8);
        String caption = "#" + t.tag() + " · " + t.visitorName() + " · " + messages.size() + " mesaj";
        try {
            bot.fileClient().execute(SendDocument.builder()
                    .chatId(tm.getChatId())
                    .messageThreadId(tm.isTopicMessage() ? tm.getMessageThreadId() : null)
                    .document(new InputFile(new ByteArrayInputStream(text), "sohbet-" + t.tag() + ".txt"))
                    .caption(caption)
                    .build());
        } catch (TelegramApiException e) {
            SendFailure failure = SendFailure.of(e, bot::redact);
            if (failure.interrupted()) {
                throw new IllegalStateException("stopping while sending a transcript");
            }
            LOG.warning(() -> "Could not send the transcript of " + t.tag() + ": " + failure.reason());
            answers.reply(tm, BotTexts.exportFailed());
        }
    }
}
