package sohbet.web;

import io.helidon.webserver.ConnectionContext;
import io.helidon.http.DirectHandler;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
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

    /** Notes, per connection thread, that the current request's line was read. */
    public Http1ConnectionListener lineListener() {
        return new Http1ConnectionListener() {
            @Override
            public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
                lineRead.set(true);
            }
        };
    }

    /** An answer ends the request: the next one on this connection starts with an unread line. */
    public Http1ConnectionListener answerListener() {
        return new Http1ConnectionListener() {
            @Override
            public void status(ConnectionContext ctx, Status status) {
                lineRead.set(false);
            }
        };
    }

    /** The handler for Helidon's INTERNAL_ERROR: 400 for a line never read, {@code otherwise} for the rest. */
    public DirectHandler internalError(DirectHandler otherwise) {
        return (request, type, status, headers, message) -> {
            if (lineRead.get()) {
                return otherwise.handle(request, type, status, headers, message);
            }
            return DirectHandler.TransportResponse.builder()
                    .status(Status.BAD_REQUEST_400)
                    .headers(headers)
                    .entity("Bad request: the request line could not be read")
                    .build();
        };
    }
}
