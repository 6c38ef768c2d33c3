package sohbet.live;

import java.time.Duration;

/**
 * One text/event-stream frame. Ours, because Helidon's SseEvent throws on an event without a retry
 * delay when asked for it, and every field here may be absent (null).
 */
public record SseFrame(String name, String id, String data, String comment, Duration retry) {

    public static SseFrame event(String name, String data) {
        return new SseFrame(name, null, data, null, null);
    }

    public static SseFrame event(String name, long id, String data) {
        return new SseFrame(name, Long.toString(id), data, null, null);
    }

    public static SseFrame comment(String text) {
        return new SseFrame(null, null, null, text, null);
    }

    /** A comment that also tells the browser how soon to reconnect. */
    public static SseFrame comment(String text, Duration retry) {
        return new SseFrame(null, null, null, text, retry);
    }
}
