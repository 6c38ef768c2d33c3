package sohbet.web;

import java.util.List;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;

/**
 * Several HTTP/1 connection listeners as one. Helidon 4.5.0 wraps two or more listeners in a list
 * listener that forwards none of the request-line, header or status callbacks, so with two
 * listeners neither was told anything; give Helidon this single one instead.
 */
public final class Http1Listeners implements Http1ConnectionListener {
    private final List<Http1ConnectionListener> listeners;

    private Http1Listeners(List<Http1ConnectionListener> listeners) {
        this.listeners = listeners;
    }

    public static Http1ConnectionListener of(Http1ConnectionListener... listeners) {
        return new Http1Listeners(List.of(listeners));
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        listeners.forEach(l -> l.prologue(ctx, prologue));
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        listeners.forEach(l -> l.headers(ctx, headers));
    }

    @Override
    public void status(ConnectionContext ctx, Status status) {
        listeners.forEach(l -> l.status(ctx, status));
    }
}
