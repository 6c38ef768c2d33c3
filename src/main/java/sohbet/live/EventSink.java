package sohbet.live;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes text/event-stream frames to a response. Our own rather than Helidon's SseSink because that
 * one forces {@code Cache-Control: no-cache} (so browsers keep left pages, streams open, in their
 * back/forward cache) and never writes {@code retry:}. Multi-line data gets one {@code data:} line
 * per line, as the format requires.
 */
public final class EventSink implements AutoCloseable {
    private final OutputStream out;

    EventSink(OutputStream out) {
        this.out = out;
    }

    public void emit(SseFrame event) {
        StringBuilder frame = new StringBuilder(256);
        if (event.comment() != null) {
            frame.append(':').append(event.comment().replace('\n', ' ')).append('\n');
        }
        if (event.retry() != null) {
            frame.append("retry:").append(event.retry().toMillis()).append('\n');
        }
        if (event.id() != null) {
            frame.append("id:").append(event.id()).append('\n');
        }
        if (event.name() != null) {
            frame.append("event:").append(event.name()).append('\n');
        }
        if (event.data() != null) {
            // A template's final line break would arrive as an empty last line; it carries nothing.
            String data = event.data().replaceAll("[\r\n]+$", "");
            for (String line : data.split("\r\n|\r|\n", -1)) {
                frame.append("data:").append(line).append('\n');
            }
        }
        frame.append('\n');
        try {
            out.write(frame.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
