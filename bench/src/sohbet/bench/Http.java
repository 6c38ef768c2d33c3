package sohbet.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal blocking HTTP/1.1 client on one keep-alive socket: enough for GET/POST with cookies,
 * Content-Length and chunked answers. Cheap on virtual threads; one instance per worker, never shared.
 */
final class Http implements Closeable {
    record Response(int status, Map<String, List<String>> headers, byte[] body, long wireBytes) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.getFirst();
        }

        List<String> all(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        /** The body as text, gunzipped when the answer says Content-Encoding: gzip. */
        String text() {
            String enc = header("content-encoding");
            if (enc != null && enc.toLowerCase(Locale.ROOT).contains("gzip") && body.length > 0) {
                try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            }
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The value of cookie {@code name} set by this answer, or null. */
        String setCookie(String name) {
            for (String c : all("set-cookie")) {
                if (c.startsWith(name + "=")) {
                    int end = c.indexOf(';');
                    return c.substring(name.length() + 1, end < 0 ? c.length() : end);
                }
            }
            return null;
        }
    }

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    Http(String host, int port, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    Response get(String target, String... headers) throws IOException {
        return send("GET", target, null, headers);
    }

    Response postForm(String target, String form, String... headers) throws IOException {
        String[] h = new String[headers.length + 1];
        System.arraycopy(headers, 0, h, 0, headers.length);
        h[headers.length] = "Content-Type: application/x-www-form-urlencoded";
        return send("POST", target, form.getBytes(StandardCharsets.UTF_8), h);
    }

    /**
     * Sends one request; a keep-alive socket the server closed meanwhile is reopened once (every
     * request the bench makes is safe to repeat: posts carry a client_id the server de-duplicates).
     */
    Response send(String method, String target, byte[] body, String... headers) throws IOException {
        StringBuilder sb = new StringBuilder(256);
        sb.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port).append("\r\n");
        for (String h : headers) {
            if (h != null) {
                sb.append(h).append("\r\n");
            }
        }
        if (body != null) {
            sb.append("Content-Length: ").append(body.length).append("\r\n");
        }
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        boolean reused = socket != null;
        try {
            return exchange(head, body);
        } catch (IOException e) {
            closeQuietly();
            if (!reused) {
                throw e;
            }
            return exchange(head, body);
        }
    }

    private Response exchange(byte[] head, byte[] body) throws IOException {
        if (socket == null) {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            s.setSoTimeout(timeoutMillis);
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket = s;
            in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
            out = s.getOutputStream();
        }
        if (body != null && body.length + head.length <= 8192) {
            byte[] all = new byte[head.length + body.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(body, 0, all, head.length, body.length);
            out.write(all);
        } else {
            out.write(head);
            if (body != null) {
                out.write(body);
            }
        }
        out.flush();
        return read();
    }

    private Response read() throws IOException {
        long wire = 0;
        String status = line();
        wire += status.length() + 2;
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("Bad status line: " + status);
        }
        int code = Integer.parseInt(parts[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        while (true) {
            String l = line();
            wire += l.length() + 2;
            if (l.isEmpty()) {
                break;
            }
            int colon = l.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(l.substring(colon + 1).trim());
            }
        }
        byte[] body;
        List<String> te = headers.getOrDefault("transfer-encoding", List.of());
        List<String> cl = headers.getOrDefault("content-length", List.of());
        if (!te.isEmpty() && te.getFirst().toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            while (true) {
                String size = line();
                wire += size.length() + 2;
                int semi = size.indexOf(';');
                int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (n == 0) {
                    String trailer;
                    while (!(trailer = line()).isEmpty()) {
                        wire += trailer.length() + 2;
                    }
                    wire += 2;
                    break;
                }
                buf.write(in.readNBytes(n));
                wire += n;
                line();
                wire += 2;
            }
            body = buf.toByteArray();
        } else if (!cl.isEmpty()) {
            int n = Integer.parseInt(cl.getFirst());
            body = in.readNBytes(n);
            if (body.length < n) {
                throw new EOFException("Body cut short");
            }
            wire += n;
        } else if (code == 204 || code == 304 || code / 100 == 1) {
            body = new byte[0];
        } else {
            body = in.readAllBytes();
            wire += body.length;
            closeQuietly();
        }
        String conn = headers.getOrDefault("connection", List.of("")).getFirst();
        if (conn.equalsIgnoreCase("close")) {
            closeQuietly();
        }
        return new Response(code, headers, body, wire);
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("Connection closed by the server");
            }
            if (c == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            sb.append((char) c);
        }
    }

    private void closeQuietly() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
        socket = null;
        in = null;
        out = null;
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
