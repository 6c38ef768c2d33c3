package sohbet.media;

/** Route paths and DOM ids of the media feature, shared by its Java code and templates. */
public final class MediaIds {
    public static final String ROUTE_UPLOADS = "/uploads";
    public static final String ROUTE_MEDIA = "/media/";
    /** Query value of {@code v} that asks for the small preview of an image. */
    public static final String PREVIEW = "preview";

    public static final String DOM_UPLOAD = "upload";

    private MediaIds() {
    }

    public static String adminUploads(long threadId) {
        return "/admin/threads/" + threadId + "/uploads";
    }

    public static String media(long messageId) {
        return ROUTE_MEDIA + messageId;
    }

    public static String preview(long messageId) {
        return ROUTE_MEDIA + messageId + "?v=" + PREVIEW;
    }
}
