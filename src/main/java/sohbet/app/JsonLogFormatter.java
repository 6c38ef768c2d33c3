package sohbet.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

import io.helidon.metadata.hson.Hson;

/**
 * LOG_FORMAT=json: one JSON object per line (time in UTC, level, logger, message, thread id, and the
 * stack trace when there is one), so a host's log search can filter on fields. Helidon's own JSON
 * formatter takes its fields only from the logging configuration file and writes local time without
 * a date zone; this one is fixed and needs no configuration.
 */
public final class JsonLogFormatter extends Formatter {
    @Override
    public String format(LogRecord r) {
        Hson.Struct.Builder line = Hson.structBuilder()
                .set("time", r.getInstant().toString())
                .set("level", r.getLevel().getName())
                .set("logger", r.getLoggerName() == null ? "" : r.getLoggerName())
                .set("message", formatMessage(r))
                .set("thread", r.getLongThreadID());
        if (r.getThrown() != null) {
            StringWriter trace = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(trace));
            line.set("exception", trace.toString());
        }
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out);
        line.build().write(writer);
        writer.flush();
        // Hson escapes line breaks inside values, so each record stays one line.
        return out.toString().replace("\n", "") + System.lineSeparator();
    }
}
