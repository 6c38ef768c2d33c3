package sohbet.web;

import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** Small answers and parses every route uses. */
public final class Http {
    private Http() {
    }

    /** A positive id from a path or query value; anything else is no id (so it answers 404, not 500). */
    public static Optional<Long> positiveId(String s) {
        try {
            long id = Long.parseLong(s);
            return id > 0 ? Optional.of(id) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** 303 See Other: after a form post, the browser loads {@code location} with GET. */
    public static void seeOther(ServerResponse res, String location) {
        res.status(Status.SEE_OTHER_303);
        res.header(HeaderNames.LOCATION, location);
        res.send();
    }
}
