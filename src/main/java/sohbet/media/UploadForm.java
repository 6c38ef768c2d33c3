package sohbet.media;

import sohbet.core.ClientIds;

import sohbet.visitor.ComposeForm;
import sohbet.web.I18n;
import sohbet.web.Ids;

/** The photo/voice form beside the text form; re-rendered with an error and the caption when an upload is refused. */
public record UploadForm(I18n t, String action, String clientId, String csrf, String caption, String error, boolean oob) {

    /** The upload form that goes with a text form (the visitor's, or the admin's for one thread). */
    public static UploadForm forCompose(ComposeForm compose) {
        return new UploadForm(compose.t(), uploadAction(compose.action()), ClientIds.fresh(), compose.csrf(), "", null, false);
    }

    static String uploadAction(String messagesAction) {
        if (messagesAction.equals(Ids.ROUTE_MESSAGES)) {
            return MediaIds.ROUTE_UPLOADS;
        }
        if (messagesAction.endsWith("/messages")) {
            return messagesAction.substring(0, messagesAction.length() - "/messages".length()) + "/uploads";
        }
        throw new IllegalArgumentException("no upload route beside " + messagesAction);
    }
}
