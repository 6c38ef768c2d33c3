package sohbet.media;


import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;

import sohbet.core.ChatService;
import sohbet.core.Message;
import sohbet.visitor.MessageView;
import sohbet.web.I18n;

/**
 * Turns an uploaded file into a media message: checks its bytes and size, re-encodes images, keeps
 * the result in {@link MediaStorage}, then posts the message through {@link ChatService#postMedia}
 * (the same commit-then-announce path as text). Every door uses it: the upload routes, and the
 * Telegram bridge for photos and voice notes sent from Telegram.
 */
public final class MediaService {
    private static final Logger LOG = Logger.getLogger(MediaService.class.getName());
    private static final long MB = 1024L * 1024L;

    /** Size limits: the whole request (MAX_UPLOAD_MB), and per kind inside it (image 5 MB, audio 10 MB, as README "Configuration" says). */
    public record Limits(int maxUploadMb, long maxRequestBytes, long maxImageBytes, long maxAudioBytes) {
        public static Limits of(int maxUploadMb) {
            return new Limits(maxUploadMb, maxUploadMb * MB, 5 * MB, 10 * MB);
        }

        long maxFor(Message.Kind kind) {
            return kind == Message.Kind.IMAGE ? maxImageBytes : maxAudioBytes;
        }
    }

    /** A file kept in storage, not yet (or no longer) part of a message. */
    public record Kept(Message.Kind kind, MediaRef ref, String mime, long size) {
    }

    private final ChatService chat;
    private final MediaStorage storage;
    private final ImageProcessor images;
    private final Limits limits;
    private final Path spool;
    private final SecureRandom random = new SecureRandom();

    public MediaService(ChatService chat, MediaStorage storage, ImageProcessor images, Limits limits, Path spool) {
        this.chat = chat;
        this.storage = storage;
        this.images = images;
        this.limits = limits;
        this.spool = spool;
        try {
            Files.createDirectories(spool);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot create " + spool, e);
        }
    }

    public MediaStorage storage() {
        return storage;
    }

    public Limits limits() {
        return limits;
    }

    /** A new empty file in the spool folder for an upload still arriving. */
    public Path newSpoolFile() throws IOException {
        return Files.createTempFile(spool, "upload-", ".part");
    }

    /**
     * Checks, keeps and posts a spooled file as a message. The file stays the caller's (delete it
     * after). A refused file changes nothing ({@link MediaException}); a repeated client id returns
     * the first message and keeps nothing new.
     */
    public Message post(long threadId, Message.Sender sender, Message.Channel channel, Path file, String caption, String clientId) {
        ChatService.checkCaption(caption);
        Kept kept = keep(file);
        Message stored;
        try {
            stored = chat.postMedia(threadId, sender, channel, kept.kind(), kept.ref().toString(), kept.mime(), kept.size(), caption, clientId);
        } catch (RuntimeException e) {
            discard(kept.ref());
            throw e;
        }
        if (!kept.ref().toString().equals(stored.mediaRef())) {
            // The same client id was posted before: that message stands, this copy goes.
            discard(kept.ref());
        }
        return stored;
    }

    /** Checks a file by its bytes and size, re-encodes an image, and keeps it under a new random name. */
    public Kept keep(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (size == 0) {
            throw new MediaException("error.media.empty", 400);
        }
        FileType type = Sniffer.sniff(file).orElseThrow(MediaService::unsupported);
        checkSize(type.kind(), size);
        String name = newName();
        try {
            if (type.image()) {
                ImageProcessor.Result image = images.process(Files.readAllBytes(file), type);
                MediaRef ref = storage.storeImage(name, image);
                return new Kept(Message.Kind.IMAGE, ref, image.type().mime(), image.original().length);
            }
            MediaRef ref = storage.storeAudio(name, type, file);
            return new Kept(Message.Kind.AUDIO, ref, type.mime(), size);
        } catch (IOException e) {
            LOG.warning(() -> "Cannot keep an upload: " + e.getMessage());
            throw new MediaException("error.media.storage", 503);
        }
    }

    void checkSize(Message.Kind kind, long size) {
        if (size > limits.maxFor(kind)) {
            throw kind == Message.Kind.IMAGE
                    ? new MediaException("error.media.imageTooLarge", 413, limits.maxImageBytes() / MB)
                    : new MediaException("error.media.audioTooLarge", 413, limits.maxAudioBytes() / MB);
        }
    }

    static MediaException unsupported() {
        return new MediaException("error.media.unsupported", 415, FileType.allowedList());
    }

    /** Removes a kept file that no message refers to (or whose thread is deleted); failures are logged, not thrown. */
    public void discard(MediaRef ref) {
        try {
            storage.delete(ref);
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> "Cannot delete stored media " + ref.key() + ": " + e.getMessage());
        }
    }

    /** Deletes the file of a stored message, for thread deletion (the admin desk); text messages are ignored. */
    public void deleteFiles(Message m) {
        deleteFiles(m.mediaRef());
    }

    /** Deletes the files of a deleted thread: the media references {@code ChatService.delete} returned. */
    public void deleteFiles(java.util.List<String> mediaRefs) {
        mediaRefs.forEach(this::deleteFiles);
    }

    /** Deletes the files a {@code messages.media_ref} names (null or unknown references are ignored). */
    public void deleteFiles(String mediaRef) {
        if (mediaRef != null) {
            MediaRef.parse(mediaRef).ifPresent(this::discard);
        }
    }

    public Optional<Message> message(long id) {
        return chat.message(id);
    }

    /** Copies a stored message's original to {@code out} (the Telegram bridge sends photos and voice notes with it). */
    public void copyOriginal(Message m, OutputStream out) throws IOException {
        MediaRef ref = MediaRef.parse(m.mediaRef()).orElseThrow(() -> new IOException("message " + m.id() + " has no stored media"));
        try (InputStream in = storage.open(ref)) {
            in.transferTo(out);
        }
    }

    /** What a page shows for a media message (null for text, or a reference this server cannot serve). */
    public MessageView.Media view(Message m, I18n t) {
        if (m.kind() == Message.Kind.TEXT || m.mediaRef() == null) {
            return null;
        }
        Optional<MediaRef> parsed = MediaRef.parse(m.mediaRef());
        if (parsed.isEmpty()) {
            return null;
        }
        MediaRef ref = parsed.get();
        String href = storage.originalUrl(ref).orElse(MediaIds.media(m.id()));
        return switch (m.kind()) {
            case IMAGE -> {
                String src = storage.previewUrl(ref).orElse(MediaIds.preview(m.id()));
                Integer w = null;
                Integer h = null;
                if (ref.hasSize()) {
                    double f = Math.min(1.0, (double) images.previewSide() / Math.max(ref.width(), ref.height()));
                    w = Math.max(1, (int) Math.round(ref.width() * f));
                    h = Math.max(1, (int) Math.round(ref.height() * f));
                }
                yield new MessageView.Media("image", href, src, w, h, m.mime(), t.t("media.photo"));
            }
            case AUDIO -> new MessageView.Media("audio", href, href, null, null, m.mime(), t.t("media.audioFallback"));
            default -> new MessageView.Media("file", href, href, null, null, m.mime(), t.t("media.file"));
        };
    }

    private String newName() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
