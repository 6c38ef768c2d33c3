package sohbet.web;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * The client's address for limits. Behind a hosting proxy (production) every request comes from the
 * proxy, which appends the real peer to X-Forwarded-For; the last entry is the one it vouches for
 * (earlier ones are whatever the client claimed).
 */
public final class ClientAddress {
    private final boolean behindProxy;

    public ClientAddress(boolean behindProxy) {
        this.behindProxy = behindProxy;
    }

    public String of(ServerRequest req) {
        if (behindProxy) {
            String forwarded = req.headers().first(HeaderNames.X_FORWARDED_FOR).orElse("");
            int comma = forwarded.lastIndexOf(',');
            String last = (comma < 0 ? forwarded : forwarded.substring(comma + 1)).strip();
            if (!last.isEmpty()) {
                return last;
            }
        }
        return req.remotePeer().host();
    }
}
