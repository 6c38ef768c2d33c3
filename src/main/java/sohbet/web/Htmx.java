package sohbet.web;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** The htmx request and response headers the app uses. */
public final class Htmx {
    public static final HeaderName HX_REQUEST = HeaderNames.create("HX-Request");
    public static final HeaderName HX_RETARGET = HeaderNames.create("HX-Retarget");
    public static final HeaderName HX_RESWAP = HeaderNames.create("HX-Reswap");
    public static final HeaderName HX_REDIRECT = HeaderNames.create("HX-Redirect");
    public static final HeaderName CSRF = HeaderNames.create("X-CSRF-Token");

    private Htmx() {
    }

    public static boolean isHtmx(ServerRequest req) {
        return req.headers().first(HX_REQUEST).map("true"::equals).orElse(false);
    }

    /** Sends an error fragment to a different place than the form's normal target. */
    public static void retarget(ServerResponse res, String cssSelector, String swap) {
        res.header(HX_RETARGET, cssSelector);
        res.header(HX_RESWAP, swap);
    }
}
