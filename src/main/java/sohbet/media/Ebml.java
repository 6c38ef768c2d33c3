package sohbet.media;

/** The EBML header walk that tells a WebM recording from any other Matroska file or a borrowed magic number. */
final class Ebml {
    private Ebml() {
    }

    static boolean isEbml(Bytes b) {
        return b.u8(0) == 0x1A && b.u8(1) == 0x45 && b.u8(2) == 0xDF && b.u8(3) == 0xA3;
    }

    /** An EBML header whose DocType is "webm". */
    static boolean isWebm(Bytes b) {
        if (!isEbml(b)) {
            return false;
        }
        int[] size = vint(b, 4);
        if (size == null) {
            return false;
        }
        // Positions are longs and every element moves the walk forward by at least its id and size
        // bytes, so a huge declared size ends the walk instead of wrapping an int around.
        long pos = 4L + size[1];
        long end = Math.min(b.len(), pos + size[0]);
        while (pos < end) {
            int[] id = vintRaw(b, (int) pos);
            if (id == null) {
                return false;
            }
            pos += id[1];
            int[] len = pos < b.len() ? vint(b, (int) pos) : null;
            if (len == null) {
                return false;
            }
            pos += len[1];
            if (id[0] == 0x4282) {
                return len[0] == 4 && b.ascii((int) pos, "webm");
            }
            pos += len[0];
        }
        return false;
    }

    /** An EBML variable-length integer with its marker bit removed: {value, length}. */
    private static int[] vint(Bytes b, int pos) {
        int first = b.u8(pos);
        if (first <= 0) {
            return null;
        }
        int length = Integer.numberOfLeadingZeros(first) - 23;
        if (length > 8 || pos + length > b.len()) {
            return null;
        }
        long value = first & (0xFF >> length);
        for (int i = 1; i < length; i++) {
            value = value << 8 | b.u8(pos + i);
        }
        return new int[] {(int) Math.min(value, Integer.MAX_VALUE), length};
    }

    /** An EBML element id, marker bit kept (as ids are written in the spec): {id, length}. */
    private static int[] vintRaw(Bytes b, int pos) {
        int first = b.u8(pos);
        if (first <= 0) {
            return null;
        }
        int length = Integer.numberOfLeadingZeros(first) - 23;
        if (length > 4 || pos + length > b.len()) {
            return null;
        }
        int value = first;
        for (int i = 1; i < length; i++) {
            value = value << 8 | b.u8(pos + i);
        }
        return new int[] {value, length};
    }
}
