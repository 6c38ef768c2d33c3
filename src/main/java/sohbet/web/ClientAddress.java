package sohbet.web;

import java.util.ArrayList;
import java.util.List;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * The client's address for limits, from the network as configured ({@code TRUST_PROXY}), never from
 * what the client claims. Each proxy appends the address it received the request from to
 * X-Forwarded-For, so with N proxies in front the chain "X-Forwarded-For entries, then the socket's
 * peer" ends in N addresses of the proxies themselves, and the entry just before them is the client.
 * Anything earlier was written by the client and is ignored. With fewer entries than proxies the
 * request did not come through them all: the socket's address is used.
 */
public final class ClientAddress {
    private final int trustedProxies;

    public ClientAddress(int trustedProxies) {
        if (trustedProxies < 0) {
            throw new IllegalArgumentException("trustedProxies must not be negative");
        }
        this.trustedProxies = trustedProxies;
    }

    public String of(ServerRequest req) {
        String peer = req.remotePeer().host();
        if (trustedProxies == 0) {
            return peer;
        }
        List<String> chain = new ArrayList<>();
        // Several X-Forwarded-For lines are one list, in order (RFC 9110, 5.3).
        for (String line : req.headers().all(HeaderNames.X_FORWARDED_FOR, List::of)) {
            for (String entry : line.split(",")) {
                chain.add(entry.strip());
            }
        }
        chain.add(peer);
        int client = chain.size() - 1 - trustedProxies;
        if (client < 0 || chain.get(client).isEmpty()) {
            return peer;
        }
        return chain.get(client);
    }
}
