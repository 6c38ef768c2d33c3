package sohbet.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket to 127.0.0.1, with nothing between the test and the server: no
 * pooled connections, no automatic retries, no header or URL checks. A fault test must know
 * exactly what was sent once and what (if anything) came back, and bad input must reach the
 * server byte for byte.
 */
public final class RawHttp {
    public static final String HOST = "127.0.0.1";
    private static final int MAX_HEAD = 256 * 1024;

    private RawHttp() {
    }

    /** What the server answered. Header names are kept as sent; look-ups ignore case. */
    public record Response(int status, String statusLine, List<String[]> headerList, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public Optional<String> header(String name) {
            return headerList.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst();
        }

        public List<String> headers(String name) {
            return headerList.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
        }
    }

    /** The server answered nothing usable: refused, reset or closed before a whole answer. The request may or may not have been acted on. */
    public static class NoAnswer extends IOException {
        NoAnswer(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Nothing listens on the port (the server is down): the request never reached it. */
    public static final class Refused extends NoAnswer {
        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The server kept the connection open without answering within the timeout: a hung request. */
    public static final class Hung extends IOException {
        Hung(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Sends {@code request} as is and reads one answer (skipping interim 1xx answers).
     *
     * @param halfClose shut the sending side once written, so a server waiting for more input sees the end
     */
    public static Response exchange(int port, byte[] request, Duration timeout, boolean halfClose) throws IOException {
        try (Socket s = new Socket()) {
            connect(s, port, timeout);
            try {
                OutputStream out = s.getOutputStream();
                out.write(request);
                out.flush();
                if (halfClose) {
                    s.shutdownOutput();
                }
            } catch (IOException e) {
                // The server may have answered early (413, 431) and closed: read what it said.
            }
            return read(new BufferedInputStream(s.getInputStream()), request);
        }
    }

    /** Sends {@code request} and reads only the answer's head (for streams, which never end by themselves). */
    public static Head exchangeHead(int port, byte[] request, Duration timeout) throws IOException {
        try (Socket s = new Socket()) {
            connect(s, port, timeout);
            try {
                s.getOutputStream().write(request);
                s.getOutputStream().flush();
            } catch (IOException e) {
                // read what the server said before closing
            }
            try {
                Head h = readHead(new BufferedInputStream(s.getInputStream()));
                if (h == null) {
                    throw new NoAnswer("closed before answering", null);
                }
                return h;
            } catch (SocketTimeoutException e) {
                throw new Hung("no answer head within the timeout", e);
            } catch (NoAnswer | Hung e) {
                throw e;
            } catch (IOException e) {
                throw new NoAnswer("connection broke: " + e.getMessage(), e);
            }
        }
    }

    public static void connect(Socket s, int port, Duration timeout) throws IOException {
        try {
            s.connect(new InetSocketAddress(HOST, port), (int) Math.min(timeout.toMillis(), 5_000));
            s.setSoTimeout((int) timeout.toMillis());
        } catch (SocketTimeoutException e) {
            throw new Hung("connect to " + port + " timed out", e);
        } catch (IOException e) {
            throw new Refused("connect to " + port + ": " + e.getMessage(), e);
        }
    }

    private static Response read(InputStream in, byte[] request) throws IOException {
        boolean head = request.length >= 5 && new String(request, 0, 5, StandardCharsets.ISO_8859_1).equals("HEAD ");
        try {
            while (true) {
                Head h = readHead(in);
                if (h == null) {
                    throw new NoAnswer("closed before answering", null);
                }
                if (h.status >= 100 && h.status < 200) {
                    continue;
                }
                byte[] body = head || h.status == 204 || h.status == 304 ? new byte[0] : readBody(in, h);
                return new Response(h.status, h.statusLine, h.headers, body);
            }
        } catch (SocketTimeoutException e) {
            throw new Hung("no complete answer within the timeout", e);
        } catch (NoAnswer | Hung e) {
            throw e;
        } catch (IOException e) {
            throw new NoAnswer("connection broke: " + e.getMessage(), e);
        }
    }

    public record Head(int status, String statusLine, List<String[]> headers) {
        public Optional<String> header(String name) {
            return headers.stream().filter(x -> x[0].equalsIgnoreCase(name)).map(x -> x[1]).findFirst();
        }

        public boolean chunked() {
            return header("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false);
        }
    }

    /** The status line and headers; null when the connection ended before any byte of them. */
    public static Head readHead(InputStream in) throws IOException {
        String statusLine = readLine(in, true);
        if (statusLine == null) {
            return null;
        }
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        List<String[]> headers = new ArrayList<>();
        int total = statusLine.length();
        String line;
        while ((line = readLine(in, false)) != null && !line.isEmpty()) {
            total += line.length();
            if (total > MAX_HEAD) {
                throw new IOException("answer head too large");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
            }
        }
        if (line == null) {
            throw new IOException("connection ended inside the answer head");
        }
        return new Head(status, statusLine, headers);
    }

    private static byte[] readBody(InputStream in, Head h) throws IOException {
        if (h.chunked()) {
            return new ChunkedInput(in).readAllBytes();
        }
        Optional<String> length = h.header("Content-Length");
        if (length.isPresent()) {
            int n = Integer.parseInt(length.get().trim());
            byte[] body = in.readNBytes(n);
            if (body.length < n) {
                throw new IOException("answer body cut short: " + body.length + " of " + n + " bytes");
            }
            return body;
        }
        return in.readAllBytes();
    }

    /** One CRLF (or LF) terminated line in ISO-8859-1; null at the end of the stream when {@code nullAtEnd} and nothing was read. */
    public static String readLine(InputStream in, boolean nullAtEnd) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            if (line.size() > MAX_HEAD) {
                throw new IOException("line too long");
            }
        }
        if (line.size() == 0 && nullAtEnd) {
            return null;
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Decodes {@code Transfer-Encoding: chunked} as it arrives (SSE streams never end on their own). */
    public static final class ChunkedInput extends InputStream {
        private final InputStream in;
        private long left;
        private boolean done;

        public ChunkedInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = readLine(in, true);
                if (size == null) {
                    throw new IOException("chunked body ended without its last chunk");
                }
                int semi = size.indexOf(';');
                left = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (left == 0) {
                    String trailer;
                    while ((trailer = readLine(in, true)) != null && !trailer.isEmpty()) {
                        // trailers are not used here
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new IOException("chunk cut short");
            }
            left -= n;
            if (left == 0) {
                readLine(in, false);
            }
            return n;
        }
    }
}
