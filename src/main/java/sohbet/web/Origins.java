package sohbet.web;

import java.net.URI;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/** Whether a request's Origin (when the browser sends one) is this site, compared by host and port. */
public final class Origins {
    private Origins() {
    }

    public static boolean sameSite(ServerRequest req) {
        String origin = req.headers().first(HeaderNames.ORIGIN).orElse(null);
        if (origin == null) {
            return true;
        }
        String host = req.headers().first(HeaderNames.HOST).orElse("");
        try {
            URI o = URI.create(origin);
            String originHost = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return originHost != null && (originHost.equalsIgnoreCase(host) || o.getHost().equalsIgnoreCase(host));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
