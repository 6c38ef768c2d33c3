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
            dataLines(frame, event.data());
        }
        frame.append('\n');
        try {
            out.write(frame.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One {@code data:} line per line of {@code data} (CR, LF or CRLF end a line). A template's final
     * line break would arrive as an empty last line; it carries nothing, so it is dropped. A plain
     * scan: this runs for every event on every stream, where a regular expression showed up as the
     * largest single cost in a profile of 5,000 streams.
     */
    static void dataLines(StringBuilder frame, String data) {
        int end = data.length();
        while (end > 0 && (data.charAt(end - 1) == '\n' || data.charAt(end - 1) == '\r')) {
            end--;
        }
        int start = 0;
        for (int i = 0; i < end; i++) {
            char c = data.charAt(i);
            if (c == '\r' || c == '\n') {
                frame.append("data:").append(data, start, i).append('\n');
                if (c == '\r' && i + 1 < end && data.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        frame.append("data:").append(data, start, end).append('\n');
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
