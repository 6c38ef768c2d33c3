package sohbet.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A streaming reader of {@code multipart/form-data} (RFC 7578): parts are handed out one at a time
 * and each part's content is read straight from the request, so nothing is held whole in memory.
 * Every byte taken from the request counts against {@code maxBytes}; past it a {@link MediaException}
 * 413 is thrown at once. Anything that is not well-formed multipart is a {@link MediaException} 400.
 * What a part's header lines mean is {@link PartHeaders}'; this class is the framing, and stays whole
 * because the boundary search and the content stream share one buffer and its positions.
 */
final class Multipart {
    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADER_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 16;
    private static final int MAX_EMPTY_READS = 64;

    /** One part's headers; read its content with {@link Multipart#content()} before asking for the next part. */
    record Part(String name, String filename, String contentType) {
        boolean isFile() {
            return filename != null;
        }
    }

    private final InputStream in;
    private final byte[] delimiter;
    private final long maxBytes;
    private final int maxUploadMb;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int lim;
    private boolean eof;
    private long total;
    private boolean started;
    private boolean inPart;
    private boolean finished;
    private int emptyReads;
    private final InputStream content = new ContentStream();

    Multipart(InputStream in, String boundary, long maxBytes, int maxUploadMb) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.maxBytes = maxBytes;
        this.maxUploadMb = maxUploadMb;
        // The first boundary needs no CRLF before it; pretending one is there makes every boundary look alike.
        buf[0] = '\r';
        buf[1] = '\n';
        lim = 2;
    }

    /** The boundary parameter of a multipart/form-data content type, or null when it is not one. */
    static String boundary(String contentType) {
        return PartHeaders.boundary(contentType);
    }


    /** The next part, or null after the closing boundary. The unread rest of the current part is skipped. */
    Part next() throws IOException {
        if (finished) {
            return null;
        }
        if (!started) {
            // The preamble (usually nothing) is read like a part's content and thrown away.
            started = true;
            inPart = true;
        }
        if (inPart) {
            content.transferTo(OutputStream.nullOutputStream());
        }
        if (finished) {
            return null;
        }
        return readHeaders();
    }

    /** The current part's content; ends (-1) at the next boundary. */
    InputStream content() {
        return content;
    }

    /** Reads the current part as UTF-8 text of at most {@code maxBytes}. */
    byte[] contentBytes(int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        int n;
        while ((n = content.read(chunk)) > 0) {
            if (out.size() + n > max) {
                throw new MediaException("error.formTooLarge", 413);
            }
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    // ---- framing -------------------------------------------------------------------------------

    /** Just past a delimiter: "--" closes the body, CRLF starts a part (transport padding allowed before it). */
    private void afterDelimiter() throws IOException {
        inPart = false;
        need(2);
        if (buf[pos] == '-' && buf[pos + 1] == '-') {
            pos += 2;
            finished = true;
            return;
        }
        while (true) {
            need(1);
            byte c = buf[pos];
            if (c == ' ' || c == '\t') {
                pos++;
            } else {
                break;
            }
        }
        need(2);
        if (buf[pos] != '\r' || buf[pos + 1] != '\n') {
            throw malformed();
        }
        pos += 2;
    }

    private Part readHeaders() throws IOException {
        PartHeaders headers = new PartHeaders();
        for (int count = 0; ; count++) {
            if (count > MAX_HEADERS) {
                throw malformed();
            }
            String line = readLine();
            if (line.isEmpty()) {
                break;
            }
            headers.add(line);
        }
        Part part = headers.part();
        inPart = true;
        return part;
    }

    private String readLine() throws IOException {
        while (true) {
            for (int i = pos; i + 1 < lim; i++) {
                if (buf[i] == '\r' && buf[i + 1] == '\n') {
                    String line = new String(buf, pos, i - pos, StandardCharsets.UTF_8);
                    pos = i + 2;
                    return line;
                }
            }
            if (lim - pos > MAX_HEADER_LINE) {
                throw malformed();
            }
            if (eof) {
                throw malformed();
            }
            fill();
        }
    }

    /** Makes at least {@code n} unread bytes available; the body ending first is malformed. */
    private void need(int n) throws IOException {
        while (lim - pos < n) {
            if (eof) {
                throw malformed();
            }
            fill();
        }
    }

    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        if (lim == buf.length) {
            return;
        }
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) {
            eof = true;
            return;
        }
        if (n == 0) {
            // A stream that keeps answering "nothing yet" without blocking would spin every loop above.
            if (++emptyReads > MAX_EMPTY_READS) {
                throw malformed();
            }
            return;
        }
        emptyReads = 0;
        total += n;
        if (total > maxBytes) {
            throw new MediaException("error.media.tooLarge", 413, maxUploadMb);
        }
        lim += n;
    }

    private int indexOfDelimiter() {
        byte first = delimiter[0];
        int last = lim - delimiter.length;
        outer:
        for (int i = pos; i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int j = 1; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static MediaException malformed() {
        return new MediaException("error.media.badMultipart", 400);
    }

    /** The current part's content, ending at the next delimiter. */
    private final class ContentStream extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (!inPart || finished) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                int at = indexOfDelimiter();
                int available;
                if (at >= 0) {
                    available = at - pos;
                    if (available == 0) {
                        pos = at + delimiter.length;
                        afterDelimiter();
                        return -1;
                    }
                } else {
                    // Keep back what could be the start of a delimiter split across reads.
                    available = lim - pos - (delimiter.length - 1);
                    if (available <= 0) {
                        if (eof) {
                            throw malformed();
                        }
                        fill();
                        continue;
                    }
                }
                int n = Math.min(len, available);
                System.arraycopy(buf, pos, b, off, n);
                pos += n;
                return n;
            }
        }
    }
}
