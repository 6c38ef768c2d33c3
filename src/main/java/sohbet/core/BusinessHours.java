package sohbet.core;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * When the desk is staffed, in APP_TIMEZONE: {@code BUSINESS_HOURS=Mon-Fri 09:00-18:00; Sat 10:00-14:00}.
 * Unset means always (then only the admin's presence decides whether the visitor hears "away").
 */
public final class BusinessHours {

    private record Span(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
    }

    private final List<Span> spans;
    private final String text;

    private BusinessHours(List<Span> spans, String text) {
        this.spans = spans;
        this.text = text;
    }

    public static BusinessHours always() {
        return new BusinessHours(List.of(), "");
    }

    /** Parses the setting; the message of an IllegalArgumentException says what is wrong. */
    public static BusinessHours parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return always();
        }
        List<Span> spans = new ArrayList<>();
        for (String part : spec.split(";")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            String[] dayAndTime = p.split("\\s+");
            if (dayAndTime.length != 2) {
                throw new IllegalArgumentException("expected 'Mon-Fri 09:00-18:00', got '" + p + "'");
            }
            String[] times = dayAndTime[1].split("-");
            if (times.length != 2) {
                throw new IllegalArgumentException("expected a time range like 09:00-18:00, got '" + dayAndTime[1] + "'");
            }
            try {
                LocalTime from = LocalTime.parse(times[0]);
                LocalTime to = LocalTime.parse(times[1]);
                if (!to.isAfter(from)) {
                    throw new IllegalArgumentException("the range " + dayAndTime[1] + " must end after it starts");
                }
                spans.add(new Span(days(dayAndTime[0]), from, to));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("times must look like 09:00, got '" + dayAndTime[1] + "'");
            }
        }
        return new BusinessHours(List.copyOf(spans), spec.strip());
    }

    private static Set<DayOfWeek> days(String spec) {
        String[] range = spec.split("-");
        DayOfWeek first = day(range[0]);
        DayOfWeek last = range.length > 1 ? day(range[1]) : first;
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (DayOfWeek d = first; ; d = d.plus(1)) {
            out.add(d);
            if (d == last) {
                return out;
            }
        }
    }

    private static DayOfWeek day(String s) {
        String k = s.strip().toLowerCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().toLowerCase(Locale.ROOT).startsWith(k) && k.length() >= 2) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown day '" + s + "' (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)");
    }

    public boolean isOpen(Instant when, ZoneId zone) {
        if (spans.isEmpty()) {
            return true;
        }
        ZonedDateTime local = when.atZone(zone);
        LocalTime time = local.toLocalTime();
        return spans.stream().anyMatch(s -> s.days().contains(local.getDayOfWeek()) && !time.isBefore(s.from()) && time.isBefore(s.to()));
    }

    /** The setting as written, for telling visitors when to expect an answer; empty when always open. */
    public String text() {
        return text;
    }
}
