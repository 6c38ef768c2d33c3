package sohbet.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Stored instants are UTC; this is the only place they become local time ({@code APP_TIMEZONE}). */
public final class TimeFormat {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    private final ZoneId zone;
    private final Clock clock;

    public TimeFormat(ZoneId zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
    }

    public ZoneId zone() {
        return zone;
    }

    /** "14:05" today, "24.11.2026 14:05" before. */
    public String clock(Instant when) {
        ZonedDateTime local = when.atZone(zone);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        return local.toLocalDate().equals(today) ? HOUR.format(local) : FULL.format(local);
    }

    /** Machine-readable, for {@code <time datetime>}. */
    public String iso(Instant when) {
        return when.atZone(zone).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** "Şimdi", "5 dk önce", "3 sa önce", "Dün", "4 g önce", then a date. */
    public String relative(Instant when, I18n t) {
        Instant now = clock.instant();
        Duration ago = Duration.between(when, now);
        if (ago.toMinutes() < 1) {
            return t.t("time.now");
        }
        if (ago.toMinutes() < 60) {
            return t.t("time.minutesAgo", ago.toMinutes());
        }
        LocalDate day = when.atZone(zone).toLocalDate();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        if (ago.toHours() < 24 && day.equals(today)) {
            return t.t("time.hoursAgo", ago.toHours());
        }
        long days = ChronoUnit.DAYS.between(day, today);
        if (days <= 1) {
            return t.t("time.yesterday");
        }
        if (days < 7) {
            return t.t("time.daysAgo", days);
        }
        return DAY.format(when.atZone(zone));
    }
}
