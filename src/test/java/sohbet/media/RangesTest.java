package sohbet.media;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class RangesTest {
    @Test
    void singleRanges() {
        assertArrayEquals(new long[] {0, 1}, Ranges.parse("bytes=0-1", 100));
        assertArrayEquals(new long[] {10, 99}, Ranges.parse("bytes=10-", 100));
        assertArrayEquals(new long[] {90, 99}, Ranges.parse("bytes=-10", 100));
        assertArrayEquals(new long[] {0, 99}, Ranges.parse("bytes=-1000", 100));
        assertArrayEquals(new long[] {50, 99}, Ranges.parse("bytes=50-5000", 100));
    }

    @Test
    void pastTheEndIsUnsatisfiable() {
        assertSame(Ranges.UNSATISFIABLE, Ranges.parse("bytes=100-", 100));
        assertSame(Ranges.UNSATISFIABLE, Ranges.parse("bytes=-0", 100));
    }

    @Test
    void anythingElseIsIgnored() {
        assertNull(Ranges.parse("items=0-1", 100));
        assertNull(Ranges.parse("bytes=0-1,5-6", 100));
        assertNull(Ranges.parse("bytes=5-1", 100));
        assertNull(Ranges.parse("bytes=a-b", 100));
        assertNull(Ranges.parse("bytes=-", 100));
    }
}
