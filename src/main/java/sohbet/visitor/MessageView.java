package sohbet.visitor;

/**
 * A message as one viewer sees it: {@code mine} puts it on the viewer's side; {@code media} is the
 * photo, recording or file it carries (null for text).
 */
public record MessageView(String domId, boolean mine, String who, String body, String time, String isoTime, String kind, Media media) {

    public MessageView(String domId, boolean mine, String who, String body, String time, String isoTime, String kind) {
        this(domId, mine, who, body, time, isoTime, kind, null);
    }

    /** The body in pieces: web addresses to show as links, the rest as text. */
    public java.util.List<Links.Piece> pieces() {
        return Links.pieces(body);
    }

    /**
     * What a page needs to show a media message: {@code kind} "image", "audio" or "file"; {@code href}
     * the original; {@code src} what is shown inline (an image's small preview); {@code width} and
     * {@code height} the preview's size in pixels when known (the page reserves the space);
     * {@code label} the alt text or the fallback link's text.
     */
    public record Media(String kind, String href, String src, Integer width, Integer height, String mime, String label) {
    }
}
