package sohbet.telegram;

import java.io.ByteArrayInputStream;
import java.util.logging.Logger;

import org.telegram.telegrambots.meta.api.methods.send.SendAudio;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.send.SendVoice;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Puts one piece of a forward into the desk's chat (into a forum topic when one is given): a text, or a
 * file by the Bot API method that suits it, falling back when Telegram will not take the file that way.
 */
final class PieceSender {
    private static final Logger LOG = Logger.getLogger(PieceSender.class.getName());

    private final BotConnection bot;
    private final DeskChat desk;

    PieceSender(BotConnection bot, DeskChat desk) {
        this.bot = bot;
        this.desk = desk;
    }

    org.telegram.telegrambots.meta.api.objects.message.Message sendText(String text, Integer topic) throws TelegramApiException {
        return bot.client().execute(SendMessage.builder().chatId(desk.id()).messageThreadId(topic).text(text).build());
    }

    /**
     * A file Telegram refuses as a photo or a recording (an odd aspect ratio, voice notes barred by the
     * owner's privacy settings, media restricted in the group) goes as a document, and if that is refused
     * too, as the text fallback: one piece, one Telegram message, so nothing doubles.
     */
    org.telegram.telegrambots.meta.api.objects.message.Message uploadOrFallBack(ForwardPiece.Media media, byte[] bytes,
                                                                                        Integer topic) throws TelegramApiException {
        try {
            return upload(media.upload(), media, bytes, topic);
        } catch (TelegramApiException e) {
            refusedForThisFile(e, media.upload());
        }
        if (media.upload() != ForwardPiece.Upload.DOCUMENT) {
            try {
                return upload(ForwardPiece.Upload.DOCUMENT, media, bytes, topic);
            } catch (TelegramApiException e) {
                refusedForThisFile(e, ForwardPiece.Upload.DOCUMENT);
            }
        }
        return sendText(media.fallback() + "\n" + BotTexts.FILE_NOT_TAKEN, topic);
    }

    /** Returns when Telegram refused this file only (a 400 about the message); rethrows anything else. */
    private void refusedForThisFile(TelegramApiException e, ForwardPiece.Upload as) throws TelegramApiException {
        SendFailure failure = SendFailure.of(e, bot::redact);
        if (failure.scope() != SendFailure.Scope.MESSAGE) {
            throw e;
        }
        LOG.info(() -> "Telegram refused a file sent as " + as + " (" + failure.reason() + "); trying the next way");
    }

    private org.telegram.telegrambots.meta.api.objects.message.Message upload(ForwardPiece.Upload as, ForwardPiece.Media media,
                                                                            byte[] bytes, Integer topic) throws TelegramApiException {
        String chatId = desk.id();
        InputFile file = new InputFile(new ByteArrayInputStream(bytes), media.fileName());
        return switch (as) {
            case PHOTO -> bot.fileClient().execute(
                    SendPhoto.builder().chatId(chatId).messageThreadId(topic).photo(file).caption(media.caption()).build());
            case VOICE -> bot.fileClient().execute(
                    SendVoice.builder().chatId(chatId).messageThreadId(topic).voice(file).caption(media.caption()).build());
            case AUDIO -> bot.fileClient().execute(
                    SendAudio.builder().chatId(chatId).messageThreadId(topic).audio(file).caption(media.caption()).build());
            case DOCUMENT -> bot.fileClient().execute(
                    SendDocument.builder().chatId(chatId).messageThreadId(topic).document(file).caption(media.caption()).build());
        };
    }
}
