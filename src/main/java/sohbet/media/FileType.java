package sohbet.media;

import java.util.Arrays;
import java.util.stream.Collectors;

import sohbet.core.Message;

/** The only kinds of file Sohbet accepts, each recognised by its bytes (see {@link Sniffer}). */
public enum FileType {
    JPEG("image/jpeg", "jpg", Message.Kind.IMAGE, "JPEG"),
    PNG("image/png", "png", Message.Kind.IMAGE, "PNG"),
    GIF("image/gif", "gif", Message.Kind.IMAGE, "GIF"),
    WEBP("image/webp", "webp", Message.Kind.IMAGE, "WebP"),
    OGG("audio/ogg", "ogg", Message.Kind.AUDIO, "OGG/Opus"),
    MP3("audio/mpeg", "mp3", Message.Kind.AUDIO, "MP3"),
    M4A("audio/mp4", "m4a", Message.Kind.AUDIO, "M4A/AAC"),
    WEBM("audio/webm", "webm", Message.Kind.AUDIO, "WebM"),
    WAV("audio/wav", "wav", Message.Kind.AUDIO, "WAV");

    private final String mime;
    private final String extension;
    private final Message.Kind kind;
    private final String label;

    FileType(String mime, String extension, Message.Kind kind, String label) {
        this.mime = mime;
        this.extension = extension;
        this.kind = kind;
        this.label = label;
    }

    public String mime() {
        return mime;
    }

    public String extension() {
        return extension;
    }

    public Message.Kind kind() {
        return kind;
    }

    public boolean image() {
        return kind == Message.Kind.IMAGE;
    }

    /** "JPEG, PNG, GIF, WebP, OGG/Opus, …": the list a refusal shows. */
    public static String allowedList() {
        return Arrays.stream(values()).map(t -> t.label).collect(Collectors.joining(", "));
    }

    /** The type a stored mime names, for serving; empty for anything Sohbet did not store itself. */
    public static java.util.Optional<FileType> ofMime(String mime) {
        return Arrays.stream(values()).filter(t -> t.mime.equals(mime)).findFirst();
    }

    /** The type of a preview file by its name (previews are JPEG, or PNG when the image is transparent). */
    public static FileType ofPreview(java.nio.file.Path preview) {
        return preview.getFileName().toString().endsWith(".png") ? PNG : JPEG;
    }
}
