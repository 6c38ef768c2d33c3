package sohbet.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds thousands of SSE streams on one selector thread with raw non-blocking sockets: writes the
 * GET (with the cookie), reads the chunked text/event-stream, and hands complete events to a
 * listener. Per stream it keeps only a few fields and a small line buffer, so the client side stays
 * far cheaper than the server it measures.
 */
final class SseHub implements AutoCloseable {

    interface Listener {
        /** A complete SSE event (comments are not reported, only counted). Runs on the selector thread. */
        void event(Stream s, String name, String id, String data, long nanos);

        /** Whether the data of events with this name is wanted; unwanted data is counted, not decoded. */
        default boolean wants(Stream s, String name) {
            return true;
        }

        /** The stream ended (EOF, error, or a non-200 answer). Runs on the selector thread. */
        default void closed(Stream s, String why) {
        }
    }

    static final int CONNECTING = 0;
    static final int HEAD = 1;
    static final int OPEN = 2;
    static final int CLOSED = 3;

    /** One SSE connection and its parser state. */
    static final class Stream {
        final int index;
        final long threadId;
        final String cookie;
        final String target;
        volatile int state = CONNECTING;
        volatile long readyNanos;      // when the first comment/event arrived (the stream is live)
        volatile long lastReadNanos;
        volatile String closeReason;
        volatile int status;
        /** The Retry-After header of a refused (non-200) answer, null when it had none. */
        volatile String retryAfter;
        /** The id of the last event that carried one: a reconnecting EventSource sends it back. */
        volatile String lastEventId;
        long startedNanos;
        SocketChannel channel;
        ByteBuffer request;
        // response head
        byte[] head = new byte[1024];
        int headLen;
        boolean chunked;
        // chunked decoding: remaining bytes of the current chunk; -1 while reading a size line
        long chunkLeft = -1;
        StringBuilder sizeLine = new StringBuilder(8);
        int skipCrlf;
        // SSE line assembly
        byte[] line = new byte[128];
        int lineLen;
        String evName;
        String evId;
        StringBuilder evData;
        boolean skipData;
        long skippedBytes;
        int comments;
        int events;

        Stream(int index, long threadId, String cookie, String target) {
            this.index = index;
            this.threadId = threadId;
            this.cookie = cookie;
            this.target = target;
        }

        boolean live() {
            return state == OPEN && readyNanos != 0;
        }
    }

    private static final java.util.regex.Pattern RETRY_AFTER =
            java.util.regex.Pattern.compile("(?im)^retry-after:\\s*([^\\r\\n]*)");

    private final InetSocketAddress address;
    private final String hostHeader;
    private final Listener listener;
    private final Selector selector;
    private final Thread loop;
    private final Queue<Stream> toOpen = new ConcurrentLinkedQueue<>();
    private final Queue<Stream> toClose = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Stream> waiting = new ArrayDeque<>();
    private final int maxConnecting;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(256 * 1024);
    private final byte[] chunk = new byte[256 * 1024];
    private final List<Stream> all = new ArrayList<>();
    private final AtomicInteger connecting = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    final AtomicInteger live = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    private volatile boolean running = true;

    SseHub(String host, int port, int maxConnecting, Listener listener) throws IOException {
        this.address = new InetSocketAddress(host, port);
        this.hostHeader = host + ":" + port;
        this.listener = listener;
        this.maxConnecting = maxConnecting;
        this.selector = Selector.open();
        this.loop = Thread.ofPlatform().daemon().name("sse-hub").start(this::run);
    }

    /** Queues a stream; it connects as soon as fewer than maxConnecting streams are between connect and ready. */
    Stream open(int index, long threadId, String cookie, String target) {
        Stream s = new Stream(index, threadId, cookie, target);
        pending.incrementAndGet();
        toOpen.add(s);
        selector.wakeup();
        return s;
    }

    void closeStream(Stream s) {
        toClose.add(s);
        selector.wakeup();
    }

    int connectingNow() {
        return connecting.get() + pending.get();
    }

    private void run() {
        while (running) {
            try {
                Stream s;
                while ((s = toOpen.poll()) != null) {
                    waiting.add(s);
                }
                while (!waiting.isEmpty() && connecting.get() < maxConnecting) {
                    pending.decrementAndGet();
                    start(waiting.poll());
                }
                while ((s = toClose.poll()) != null) {
                    end(s, "closed by the bench");
                }
                selector.select(50);
                var keys = selector.selectedKeys();
                for (SelectionKey k : keys) {
                    Stream st = (Stream) k.attachment();
                    try {
                        if (!k.isValid()) {
                            continue;
                        }
                        if (k.isConnectable()) {
                            st.channel.finishConnect();
                            k.interestOps(SelectionKey.OP_WRITE);
                        }
                        if (k.isValid() && k.isWritable()) {
                            st.channel.write(st.request);
                            if (!st.request.hasRemaining()) {
                                st.request = null;
                                st.state = HEAD;
                                k.interestOps(SelectionKey.OP_READ);
                            }
                        }
                        if (k.isValid() && k.isReadable()) {
                            read(st);
                        }
                    } catch (IOException | RuntimeException e) {
                        end(st, e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                }
                keys.clear();
            } catch (IOException e) {
                if (running) {
                    System.err.println("sse-hub: " + e);
                }
            }
        }
        for (Stream s : all) {
            end(s, "hub closed");
        }
    }

    private void start(Stream s) {
        try {
            s.startedNanos = System.nanoTime();
            SocketChannel ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            s.channel = ch;
            String req = "GET " + s.target + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n"
                    + (s.cookie == null ? "" : "Cookie: " + s.cookie + "\r\n") + "\r\n";
            s.request = ByteBuffer.wrap(req.getBytes(StandardCharsets.ISO_8859_1));
            connecting.incrementAndGet();
            all.add(s);
            if (ch.connect(address)) {
                ch.register(selector, SelectionKey.OP_WRITE, s);
            } else {
                ch.register(selector, SelectionKey.OP_CONNECT, s);
            }
        } catch (IOException e) {
            end(s, "connect: " + e.getMessage());
        }
    }

    private void end(Stream s, String why) {
        if (s.state == CLOSED) {
            return;
        }
        boolean wasLive = s.live();
        boolean wasConnecting = s.readyNanos == 0 && s.channel != null;
        s.state = CLOSED;
        s.closeReason = why;
        if (s.channel != null) {
            try {
                s.channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        if (wasConnecting) {
            connecting.decrementAndGet();
        }
        if (wasLive) {
            live.decrementAndGet();
        }
        closed.incrementAndGet();
        s.line = null;
        s.head = null;
        s.evData = null;
        listener.closed(s, why);
    }

    private void read(Stream s) throws IOException {
        while (true) {
            buf.clear();
            int n = s.channel.read(buf);
            if (n < 0) {
                end(s, "EOF");
                return;
            }
            if (n == 0) {
                return;
            }
            long now = System.nanoTime();
            s.lastReadNanos = now;
            buf.flip();
            buf.get(chunk, 0, n);
            feed(s, chunk, 0, n, now);
            if (s.state == CLOSED || n < buf.capacity()) {
                return;
            }
        }
    }

    private void feed(Stream s, byte[] b, int off, int len, long now) {
        int i = off;
        int end = off + len;
        if (s.state == HEAD) {
            while (i < end) {
                if (s.headLen == s.head.length) {
                    s.head = java.util.Arrays.copyOf(s.head, s.head.length * 2);
                }
                s.head[s.headLen++] = b[i++];
                int h = s.headLen;
                if (h >= 4 && s.head[h - 1] == '\n' && s.head[h - 2] == '\r' && s.head[h - 3] == '\n' && s.head[h - 4] == '\r') {
                    String head = new String(s.head, 0, h, StandardCharsets.ISO_8859_1);
                    s.head = null;
                    int sp = head.indexOf(' ');
                    s.status = Integer.parseInt(head.substring(sp + 1, sp + 4));
                    if (s.status != 200) {
                        java.util.regex.Matcher ra = RETRY_AFTER.matcher(head);
                        s.retryAfter = ra.find() ? ra.group(1).trim() : null;
                        end(s, "HTTP " + s.status);
                        return;
                    }
                    s.chunked = head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked");
                    s.state = OPEN;
                    break;
                }
            }
        }
        if (s.state != OPEN) {
            return;
        }
        if (!s.chunked) {
            sse(s, b, i, end, now);
            return;
        }
        while (i < end && s.state == OPEN) {
            if (s.skipCrlf > 0) {
                i++;
                s.skipCrlf--;
                continue;
            }
            if (s.chunkLeft < 0) {
                byte c = b[i++];
                if (c == '\n') {
                    String sz = s.sizeLine.toString().trim();
                    s.sizeLine.setLength(0);
                    int semi = sz.indexOf(';');
                    long n = Long.parseLong(semi < 0 ? sz : sz.substring(0, semi), 16);
                    if (n == 0) {
                        end(s, "end of stream (last chunk)");
                        return;
                    }
                    s.chunkLeft = n;
                } else if (c != '\r') {
                    s.sizeLine.append((char) c);
                }
            } else {
                int take = (int) Math.min(s.chunkLeft, end - i);
                sse(s, b, i, i + take, now);
                i += take;
                s.chunkLeft -= take;
                if (s.chunkLeft == 0) {
                    s.chunkLeft = -1;
                    s.skipCrlf = 2;
                }
            }
        }
    }

    private void sse(Stream s, byte[] b, int from, int to, long now) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c != '\n') {
                if (s.lineLen == s.line.length) {
                    s.line = java.util.Arrays.copyOf(s.line, s.line.length * 2);
                }
                s.line[s.lineLen++] = c;
                continue;
            }
            int len = s.lineLen;
            if (len > 0 && s.line[len - 1] == '\r') {
                len--;
            }
            s.lineLen = 0;
            if (len == 0) {
                dispatch(s, now);
            } else if (s.line[0] == ':') {
                s.comments++;
                markReady(s, now);
            } else if (s.skipData && len >= 5 && s.line[0] == 'd' && s.line[1] == 'a' && s.line[2] == 't' && s.line[3] == 'a' && s.line[4] == ':') {
                s.skippedBytes += len + 1;
                if (s.evData == null) {
                    s.evData = new StringBuilder(0);
                }
            } else {
                String l = new String(s.line, 0, len, StandardCharsets.UTF_8);
                int colon = l.indexOf(':');
                String field = colon < 0 ? l : l.substring(0, colon);
                String value = colon < 0 ? "" : l.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "event" -> {
                        s.evName = value;
                        s.skipData = !listener.wants(s, value);
                    }
                    case "id" -> s.evId = value;
                    case "data" -> {
                        if (s.evData == null) {
                            s.evData = new StringBuilder(value.length() + 16);
                        } else {
                            s.evData.append('\n');
                        }
                        s.evData.append(value);
                    }
                    default -> {
                    }
                }
            }
            if (s.line != null && s.line.length > 4096 && s.lineLen == 0) {
                s.line = new byte[128];   // do not keep a big buffer after one long line
            }
            if (s.state == CLOSED) {
                return;
            }
        }
    }

    private void markReady(Stream s, long now) {
        if (s.readyNanos == 0) {
            s.readyNanos = now;
            connecting.decrementAndGet();
            live.incrementAndGet();
        }
    }

    private void dispatch(Stream s, long now) {
        if (s.evName == null && s.evData == null && s.evId == null) {
            return;
        }
        markReady(s, now);
        String name = s.evName == null ? "message" : s.evName;
        String data = s.evData == null ? "" : s.evData.toString();
        String id = s.evId;
        if (id != null) {
            s.lastEventId = id;
        }
        s.evName = null;
        s.evId = null;
        s.evData = null;
        s.skipData = false;
        s.events++;
        listener.event(s, name, id, data, now);
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            loop.join(5000);
            selector.close();
        } catch (InterruptedException | IOException e) {
            Thread.currentThread().interrupt();
        }
    }
}
