package sohbet.media;

/**
 * Reads the EXIF Orientation tag (0x0112) of a JPEG (APP1), WebP (EXIF chunk) or PNG (eXIf chunk).
 * Only that one tag is read; the re-encoded image carries no EXIF at all. 1 (upright) when absent or
 * unreadable: a damaged tag must not stop a photo.
 *
 * <p>Every walk over the file's chunks, segments and directory entries reads sizes as unsigned,
 * computes the next position in {@code long} and stops unless it moves strictly forward and stays
 * inside the bytes: a size field of 0xFFFFFFF8 must end the walk, not send it back to where it was.
 */
final class ExifOrientation {
    private ExifOrientation() {
    }

    static int of(byte[] data, FileType type) {
        try {
            int tiff = switch (type) {
                case JPEG -> jpegTiff(data);
                case WEBP -> webpTiff(data);
                case PNG -> pngTiff(data);
                default -> -1;
            };
            int o = tiff < 0 ? 1 : orientation(data, tiff);
            return o >= 1 && o <= 8 ? o : 1;
        } catch (RuntimeException e) {
            return 1;
        }
    }

    private static int jpegTiff(byte[] d) {
        int p = 2;
        while (p + 4 <= d.length) {
            if ((d[p] & 0xFF) != 0xFF) {
                return -1;
            }
            int marker = d[p + 1] & 0xFF;
            if (marker == 0xFF) {
                p++;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return -1;
            }
            int len = be16(d, p + 2);
            if (len < 2) {
                return -1; // a segment length counts its own two bytes
            }
            if (marker == 0xE1 && len >= 8 && startsWith(d, p + 4, "Exif\0\0")) {
                return p + 10;
            }
            p = advance(p, 2L + len, d.length);
        }
        return -1;
    }

    private static int webpTiff(byte[] d) {
        int p = 12;
        while (p + 8 <= d.length) {
            long size = le32(d, p + 4);
            if (startsWith(d, p, "EXIF")) {
                int start = p + 8;
                return startsWith(d, start, "Exif\0\0") ? start + 6 : start;
            }
            // A chunk is padded to an even size; the size field itself is unsigned 32-bit.
            p = advance(p, 8L + size + (size & 1), d.length);
        }
        return -1;
    }

    private static int pngTiff(byte[] d) {
        int p = 8;
        while (p + 8 <= d.length) {
            long len = be32(d, p);
            if (startsWith(d, p + 4, "eXIf")) {
                return p + 8;
            }
            if (startsWith(d, p + 4, "IEND")) {
                return -1;
            }
            p = advance(p, 12L + len, d.length);
        }
        return -1;
    }

    private static int orientation(byte[] d, int tiff) {
        boolean little;
        if (startsWith(d, tiff, "II")) {
            little = true;
        } else if (startsWith(d, tiff, "MM")) {
            little = false;
        } else {
            return 1;
        }
        if (tiff + 8 > d.length) {
            return 1;
        }
        long ifd = tiff + u32(d, tiff + 4, little);
        if (ifd + 2 > d.length) {
            return 1;
        }
        int p = (int) ifd;
        // Only the entries that are really there are read, whatever the count claims.
        long count = Math.min(u16(d, p, little), (d.length - (p + 2L)) / 12);
        for (int i = 0; i < count; i++) {
            int e = p + 2 + i * 12;
            if (u16(d, e, little) == 0x0112) {
                return u16(d, e + 8, little);
            }
        }
        return 1;
    }

    /**
     * The position {@code step} bytes after {@code p}, or past the end ({@code length}) when the step
     * does not move forward or leaves the bytes, so that every walk ends.
     */
    static int advance(int p, long step, int length) {
        long next = p + step;
        return step <= 0 || next > length ? length : (int) next;
    }

    private static boolean startsWith(byte[] d, int at, String s) {
        if (at < 0 || at + s.length() > d.length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if ((d[at + i] & 0xFF) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] d, int p, boolean little) {
        return little ? (d[p] & 0xFF) | (d[p + 1] & 0xFF) << 8 : be16(d, p);
    }

    private static long u32(byte[] d, int p, boolean little) {
        return little ? le32(d, p) : be32(d, p);
    }

    private static int be16(byte[] d, int p) {
        return (d[p] & 0xFF) << 8 | (d[p + 1] & 0xFF);
    }

    private static long be32(byte[] d, int p) {
        return (long) (d[p] & 0xFF) << 24 | (d[p + 1] & 0xFF) << 16 | (d[p + 2] & 0xFF) << 8 | (d[p + 3] & 0xFF);
    }

    private static long le32(byte[] d, int p) {
        return (d[p] & 0xFF) | (d[p + 1] & 0xFF) << 8 | (d[p + 2] & 0xFF) << 16 | (long) (d[p + 3] & 0xFF) << 24;
    }
}
