package sohbet.app;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import io.helidon.metadata.hson.Hson;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LOG_FORMAT=json: every record is one line holding one JSON object a log search can filter on. */
class JsonLogFormatterTest {
    private final JsonLogFormatter formatter = new JsonLogFormatter();

    @Test
    void aRecordIsOneLineWithTimeLevelLoggerMessageAndThread() {
        LogRecord r = new LogRecord(Level.WARNING, "Stream for {0} \"closed\"\nsecond line");
        r.setParameters(new Object[] {"T42"});
        r.setLoggerName("sohbet.live.SseStream");
        r.setInstant(Instant.parse("2026-05-01T10:15:30.123Z"));
        r.setLongThreadID(77);
        String line = formatter.format(r);

        assertTrue(line.endsWith(System.lineSeparator()));
        assertEquals(1, line.strip().lines().count(), line);
        Hson.Struct json = parse(line);
        assertEquals("2026-05-01T10:15:30.123Z", json.stringValue("time").orElseThrow());
        assertEquals("WARNING", json.stringValue("level").orElseThrow());
        assertEquals("sohbet.live.SseStream", json.stringValue("logger").orElseThrow());
        assertEquals("Stream for T42 \"closed\"\nsecond line", json.stringValue("message").orElseThrow());
        assertEquals(77, json.intValue("thread").orElseThrow());
        assertFalse(json.keys().contains("exception"));
    }

    @Test
    void aStackTraceStaysInsideItsRecord() {
        LogRecord r = new LogRecord(Level.SEVERE, "Unexpected error");
        r.setLoggerName("sohbet.web.Errors");
        r.setThrown(new IllegalStateException("boom", new java.io.IOException("cause")));
        String line = formatter.format(r);

        assertEquals(1, line.strip().lines().count(), line);
        String trace = parse(line).stringValue("exception").orElseThrow();
        assertThat(trace, containsString("IllegalStateException: boom"));
        assertThat(trace, containsString("Caused by: java.io.IOException: cause"));
    }

    private static Hson.Struct parse(String line) {
        return Hson.parse(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8))).asStruct();
    }
}
