package sohbet.web;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimeFormatTest {
    // 2026-11-25 11:05 UTC is 14:05 in Istanbul (UTC+3, no DST).
    private final Instant now = Instant.parse("2026-11-25T11:05:00Z");
    private final TimeFormat time = new TimeFormat(ZoneId.of("Europe/Istanbul"), Clock.fixed(now, ZoneOffset.UTC));

    @Test
    void clockTimeTodayAndFullDateBefore() {
        assertEquals("14:05", time.clock(now));
        assertEquals("24.11.2026 14:05", time.clock(now.minusSeconds(86_400)));
        // 22:30 UTC on the 24th is already 01:30 on the 25th in Istanbul: "today" is decided in APP_TIMEZONE.
        assertEquals("01:30", time.clock(Instant.parse("2026-11-24T22:30:00Z")));
    }

    @Test
    void relativeTimesInTurkishAndEnglish() {
        assertEquals("Şimdi", time.relative(now.minusSeconds(30), I18n.TR));
        assertEquals("5 dk önce", time.relative(now.minusSeconds(300), I18n.TR));
        assertEquals("3 sa önce", time.relative(now.minusSeconds(3 * 3600), I18n.TR));
        assertEquals("Dün", time.relative(now.minusSeconds(20 * 3600), I18n.TR));
        assertEquals("4 g önce", time.relative(now.minusSeconds(4 * 86_400), I18n.TR));
        assertEquals("10.11.2026", time.relative(now.minusSeconds(15 * 86_400), I18n.TR));
        assertEquals("5 min ago", time.relative(now.minusSeconds(300), I18n.EN));
    }
}
