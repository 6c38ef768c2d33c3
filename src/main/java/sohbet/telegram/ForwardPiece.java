package sohbet.telegram;

/**
 * One Telegram message of a forward. A text forward is one or more {@link Text} pieces; a photo or a
 * recording is one {@link Media} piece (the file with a caption), then {@link Text} pieces for a caption
 * too long for Telegram's 1024.
 */
sealed interface ForwardPiece {

    /** A sendMessage. */
    record Text(String text) implements ForwardPiece {
    }

    /**
     * A file upload with its caption.
     *
     * @param upload   the Bot API method that carries the file
     * @param caption  header, caption (or its first part) and tag, at most 1024 UTF-16 units
     * @param fallback the same as a plain text, for when the stored file cannot be read any more
     * @param fileName the name Telegram shows (server-made: {@code sohbet-<message id>.<ext>})
     */
    record Media(Upload upload, String caption, String fallback, String fileName) implements ForwardPiece {
    }

    /** How a file goes to Telegram. */
    enum Upload {
        /** sendPhoto: every image (stored re-encoded). */
        PHOTO,
        /** sendVoice: OGG/Opus, played inline as a voice note. */
        VOICE,
        /** sendAudio: MP3 and M4A, the formats Telegram's audio player takes. */
        AUDIO,
        /** sendDocument: any other recording (WAV, a browser's WebM), still playable or downloadable in Telegram. */
        DOCUMENT;

        static Upload forMime(String mime) {
            String m = mime == null ? "" : mime.toLowerCase(java.util.Locale.ROOT);
            if (m.startsWith("image/")) {
                return PHOTO;
            }
            return switch (m) {
                case "audio/ogg" -> VOICE;
                case "audio/mpeg", "audio/mp4" -> AUDIO;
                default -> DOCUMENT;
            };
        }
    }
}
