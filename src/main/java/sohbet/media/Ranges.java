package sohbet.media;

/** One HTTP byte range (RFC 9110 §14): what Safari and seeking audio players ask for. */
final class Ranges {
    /** A range that lies wholly past the end: 416. */
    static final long[] UNSATISFIABLE = new long[0];

    private Ranges() {
    }

    /**
     * {start, end} (inclusive) of a single {@code bytes=} range; null when the header should be
     * ignored and the whole file sent (another unit, several ranges, bad syntax).
     */
    static long[] parse(String header, long size) {
        String h = header.strip();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return null;
        }
        String spec = h.substring(6).strip();
        if (spec.contains(",")) {
            return null;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String first = spec.substring(0, dash).strip();
        String last = spec.substring(dash + 1).strip();
        try {
            if (first.isEmpty()) {
                if (last.isEmpty()) {
                    return null;
                }
                long suffix = Long.parseLong(last);
                if (suffix < 0) {
                    return null;
                }
                if (suffix == 0 || size == 0) {
                    return UNSATISFIABLE;
                }
                return new long[] {Math.max(0, size - suffix), size - 1};
            }
            long start = Long.parseLong(first);
            long end = last.isEmpty() ? Long.MAX_VALUE : Long.parseLong(last);
            if (start < 0 || end < start) {
                return null;
            }
            if (start >= size) {
                return UNSATISFIABLE;
            }
            return new long[] {start, Math.min(end, size - 1)};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
