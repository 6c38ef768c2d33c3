package sohbet.browser;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay between the browsers and the app that the test can cut: {@link #cutAll()} drops every
 * open connection (as a flaky mobile network or a proxy does to a long-lived stream), and while
 * {@link #refusing(boolean) refusing} it answers every new request with {@code 503}, as a reverse
 * proxy does while the app restarts. (A 503 makes EventSource give up for good, so htmx-ext-sse opens
 * a new one to the page's original URL; a plain network error would only make it retry by itself.)
 */
final class CutProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<String> turnedAway = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;
    private volatile boolean closed;

    CutProxy(int targetPort) {
        this.target = targetPort;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("cut-proxy").start(this::accept);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    /** Drops every open connection, both sides. */
    void cutAll() {
        open.forEach(CutProxy::closeQuietly);
        open.clear();
    }

    void refusing(boolean refuse) {
        this.refusing = refuse;
    }

    /** The heads (request line and headers) of the requests answered 503, oldest first. */
    List<String> turnedAway() {
        return List.copyOf(turnedAway);
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (refusing) {
                Thread.ofVirtual().start(() -> unavailable(client));
                continue;
            }
            try {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                open.add(client);
                open.add(upstream);
                Thread.ofVirtual().start(() -> pump(client, upstream));
                Thread.ofVirtual().start(() -> pump(upstream, client));
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void unavailable(Socket client) {
        try (client) {
            turnedAway.add(requestHead(client.getInputStream()));
            client.getOutputStream().write(("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            client.shutdownOutput();
        } catch (IOException ignored) {
            // the browser went away first
        }
    }

    /** The request line and headers, lower-cased names kept as sent. */
    private static String requestHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while (head.length() < 16 * 1024 && (b = in.read()) >= 0) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    private void pump(Socket from, Socket to) {
        byte[] buf = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // cut or closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        cutAll();
    }
}
