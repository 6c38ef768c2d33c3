package sohbet.telegram;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

import org.telegram.telegrambots.meta.api.methods.GetFile;
import org.telegram.telegrambots.meta.api.objects.File;
import org.telegram.telegrambots.meta.api.objects.photo.PhotoSize;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import sohbet.core.ChatService;
import sohbet.core.Message;
import sohbet.media.MediaException;
import sohbet.media.MediaService;

/**
 * A photo, voice note, audio file or image document the admin sent as a reply: fetched from Telegram
 * (getFile, then {@code <TELEGRAM_API_URL>/file/bot<token>/<file_path>}, never more than the size limit)
 * and posted through {@link MediaService}, which checks the bytes, re-encodes, stores and pushes it like
 * an upload from the panel.
 */
final class InboundMedia {
    private static final Logger LOG = Logger.getLogger(InboundMedia.class.getName());
    private static final long MB = 1024L * 1024L;

    /**
     * The file a Telegram message carries.
     *
     * @param fileId       what getFile takes
     * @param declaredSize the size Telegram announced (may be absent)
     * @param kind         what it should be (the bytes decide in the end); it picks the size limit
     */
    record Attachment(String fileId, Long declaredSize, Message.Kind kind) {
    }

    /** Telegram could not hand the file over (network, 5xx, a file_id it no longer knows); nothing was stored. */
    static final class Unfetchable extends Exception {
        Unfetchable(String reason) {
            super(reason, null, false, false);
        }
    }

    private final BotConnection bot;
    private final MediaService media;

    InboundMedia(BotConnection bot, MediaService media) {
        this.bot = bot;
        this.media = media;
    }

    /**
     * The file to fetch: the largest size of a photo, a voice note, an audio file, or a document whose
     * type is an image (or audio). Empty for anything else (video, stickers, PDFs…).
     */
    static Optional<Attachment> of(org.telegram.telegrambots.meta.api.objects.message.Message tm) {
        if (tm.hasPhoto() && !tm.getPhoto().isEmpty()) {
            PhotoSize largest = tm.getPhoto().stream()
                    .max(Comparator.comparingLong(InboundMedia::pixels)
                            .thenComparingLong(p -> p.getFileSize() == null ? 0 : p.getFileSize()))
                    .orElseThrow();
            return Optional.of(new Attachment(largest.getFileId(), largest.getFileSize() == null ? null : largest.getFileSize().longValue(),
                    Message.Kind.IMAGE));
        }
        if (tm.hasVoice()) {
            return Optional.of(new Attachment(tm.getVoice().getFileId(), tm.getVoice().getFileSize(), Message.Kind.AUDIO));
        }
        if (tm.hasAudio()) {
            return Optional.of(new Attachment(tm.getAudio().getFileId(), tm.getAudio().getFileSize(), Message.Kind.AUDIO));
        }
        // An animation (GIF/MP4) also carries a document: it is a video to us, not an image.
        if (tm.hasDocument() && !tm.hasAnimation()) {
            String mime = tm.getDocument().getMimeType() == null ? "" : tm.getDocument().getMimeType().toLowerCase(Locale.ROOT);
            Message.Kind kind = mime.startsWith("image/") ? Message.Kind.IMAGE : mime.startsWith("audio/") ? Message.Kind.AUDIO : null;
            if (kind != null) {
                return Optional.of(new Attachment(tm.getDocument().getFileId(), tm.getDocument().getFileSize(), kind));
            }
        }
        return Optional.empty();
    }

    private static long pixels(PhotoSize p) {
        return (long) (p.getWidth() == null ? 0 : p.getWidth()) * (p.getHeight() == null ? 0 : p.getHeight());
    }

    /**
     * Fetches the file and posts it as an admin message with {@code caption}. A refused file
     * ({@link MediaException}: not an allowed type by its bytes, too large) or caption
     * ({@link sohbet.core.ChatException}) stores nothing; so does {@link Unfetchable}.
     */
    Message post(long threadId, Attachment a, String caption, String clientId) throws Unfetchable {
        ChatService.checkCaption(caption);
        long cap = cap(a.kind());
        if (a.declaredSize() != null && a.declaredSize() > cap) {
            throw tooLarge(a.kind());
        }
        File file = getFile(a);
        if (file.getFileSize() != null && file.getFileSize() > cap) {
            throw tooLarge(a.kind());
        }
        Path spool;
        try {
            spool = media.newSpoolFile();
        } catch (IOException e) {
            throw new MediaException("error.media.storage", 503);
        }
        try {
            bot.download(file.getFilePath(), cap, spool);
            return media.post(threadId, Message.Sender.ADMIN, Message.Channel.TELEGRAM, spool, caption, clientId);
        } catch (BotConnection.FileTooLarge e) {
            throw tooLarge(a.kind());
        } catch (InterruptedIOException e) {
            throw stopping();
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw stopping();
            }
            throw new Unfetchable(e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(spool);
            } catch (IOException e) {
                LOG.fine(() -> "Could not delete spool file " + spool + ": " + e.getMessage());
            }
        }
    }

    private File getFile(Attachment a) throws Unfetchable {
        try {
            return bot.client().execute(GetFile.builder().fileId(a.fileId()).build());
        } catch (TelegramApiException e) {
            SendFailure failure = SendFailure.of(e, bot::redact);
            if (failure.interrupted()) {
                throw stopping();
            }
            if (e instanceof TelegramApiRequestException r && r.getApiResponse() != null
                    && r.getApiResponse().toLowerCase(Locale.ROOT).contains("too big")) {
                throw tooLarge(a.kind());
            }
            throw new Unfetchable(failure.reason());
        }
    }

    /** The most this kind of file may weigh: the request limit (MAX_UPLOAD_MB), and inside it the kind's own limit. */
    private long cap(Message.Kind kind) {
        MediaService.Limits l = media.limits();
        return Math.min(l.maxRequestBytes(), kind == Message.Kind.IMAGE ? l.maxImageBytes() : l.maxAudioBytes());
    }

    private MediaException tooLarge(Message.Kind kind) {
        MediaService.Limits l = media.limits();
        if (kind == Message.Kind.IMAGE && l.maxImageBytes() <= l.maxRequestBytes()) {
            return new MediaException("error.media.imageTooLarge", 413, l.maxImageBytes() / MB);
        }
        if (kind != Message.Kind.IMAGE && l.maxAudioBytes() <= l.maxRequestBytes()) {
            return new MediaException("error.media.audioTooLarge", 413, l.maxAudioBytes() / MB);
        }
        return new MediaException("error.media.tooLarge", 413, l.maxUploadMb());
    }

    /** The app is stopping: not handled, so not recorded; Telegram delivers the update again after the restart. */
    private static IllegalStateException stopping() {
        return new IllegalStateException("stopping while fetching a file from Telegram");
    }
}
