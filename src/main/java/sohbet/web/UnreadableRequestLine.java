package sohbet.web;

import io.helidon.webserver.ConnectionContext;
import io.helidon.http.DirectHandler;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;

/**
 * A request line Helidon cannot parse answers 400, not 500. Helidon 4.5.0 lets a method that is not
 * an HTTP token (a non-ASCII byte, a control character, "(") escape its request-line parser as an
 * internal error, and its direct handler is told only "internal error", not the cause. So each
 * connection notes whether the current request's line was read (Helidon reports each parsed line,
 * and each answer's status, on the connection's own thread): an internal error before the line was
 * read is a request that could not be read at all, which is the client's fault; any later internal
 * error keeps Helidon's own 500.
 */
public final class UnreadableRequestLine {
    private final ThreadLocal<Boolean> lineRead = ThreadLocal.withInitial(() -> false);

    /** Adds the listeners and the direct handler to the server being built. */
    public void install(WebServerConfig.Builder server) {
        server.addProtocol(Http1Config.builder()
                // The name Helidon gives its own HTTP/1.1 settings; under another name HTTP/1.0 requests go unanswered instead of 505.
                .name("http_1_1")
                .addReceiveListener(new Http1ConnectionListener() {
                    @Override
                    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
                        lineRead.set(true);
                    }
                })
                .addSendListener(new Http1ConnectionListener() {
                    @Override
                    public void status(ConnectionContext ctx, Status status) {
                        // An answer ends the request: the next one on this connection starts with an unread line.
                        lineRead.set(false);
                    }
                })
                .build());
        DirectHandler fallback = DirectHandler.defaultHandler();
        server.directHandlers(DirectHandlers.builder()
                .addHandler(DirectHandler.EventType.INTERNAL_ERROR, (request, type, status, headers, message) -> {
                    if (lineRead.get()) {
                        return fallback.handle(request, type, status, headers, message);
                    }
                    return DirectHandler.TransportResponse.builder()
                            .status(Status.BAD_REQUEST_400)
                            .headers(headers)
                            .entity("Bad request: the request line could not be read")
                            .build();
                })
                .build());
    }
}
