package sohbet.media;

import java.nio.file.Path;

import sohbet.core.ClientIds;
import sohbet.web.I18n;

/** What one upload request carried, filled as its body is read; its spooled file is deleted when the request is done. */
final class Upload implements AutoCloseable {
    Path file;
    String caption = "";
    String clientId;
    /** A refusal of the file by its first bytes or its size, kept while the rest of the body is read. */
    MediaException refusal;

    /** The form shown again after a refusal: the caption kept, the client id kept when it is a valid one. */
    UploadForm form(I18n t, String action, String csrf, String error) {
        String cid = ClientIds.forRetry(clientId);
        return new UploadForm(t, action, cid, csrf, caption == null ? "" : caption, error, false);
    }

    @Override
    public void close() {
        if (file != null) {
            MediaStorage.deleteQuietly(file);
            file = null;
        }
    }
}
