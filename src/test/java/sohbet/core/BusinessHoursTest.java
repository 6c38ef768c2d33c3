package sohbet.core;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BusinessHoursTest {
    private static final ZoneId IST = ZoneId.of("Europe/Istanbul");

    @Test
    void openHoursAreReadInTheAppTimezone() {
        BusinessHours h = BusinessHours.parse("Mon-Fri 09:00-18:00; Sat 10:00-14:00");
        // Wednesday 2026-11-25: 06:30 UTC is 09:30 in Istanbul.
        assertTrue(h.isOpen(Instant.parse("2026-11-25T06:30:00Z"), IST));
        assertFalse(h.isOpen(Instant.parse("2026-11-25T05:59:00Z"), IST), "08:59 local");
        assertFalse(h.isOpen(Instant.parse("2026-11-25T15:00:00Z"), IST), "18:00 local is closed");
        assertTrue(h.isOpen(Instant.parse("2026-11-28T08:00:00Z"), IST), "Saturday 11:00");
        assertFalse(h.isOpen(Instant.parse("2026-11-29T08:00:00Z"), IST), "Sunday");
        assertTrue(BusinessHours.parse(null).isOpen(Instant.now(), IST), "unset means always");
    }

    @Test
    void mistakesSayWhatIsExpected() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> BusinessHours.parse("Mon-Fri 9-18")).getMessage(), containsString("09:00"));
        assertThat(assertThrows(IllegalArgumentException.class, () -> BusinessHours.parse("Funday 09:00-18:00")).getMessage(), containsString("unknown day"));
        assertThat(assertThrows(IllegalArgumentException.class, () -> BusinessHours.parse("Mon 18:00-09:00")).getMessage(), containsString("end after"));
    }
}
