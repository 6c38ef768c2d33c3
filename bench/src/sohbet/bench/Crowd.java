package sohbet.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated users: N visitors, each with its own cookie (own thread) and SSE stream, and one
 * admin signed in with one or more panel tabs (each its own panel stream; a tab either shows one
 * thread or only the thread list). Routes every received event to the measurement window that is
 * running. Panel tab k is the stream with index -1 - k; tab 0 is {@link #admin}.
 */
final class Crowd implements SseHub.Listener, AutoCloseable {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern TOAST_THREAD = Pattern.compile("/admin/threads/(\\d+)");

    final App app;
    final SseHub hub;
    private final Options o;
    final int capacity;
    final long[] threadIds;
    final String[] cookies;
    final SseHub.Stream[] streams;
    final AtomicBoolean[] busy;
    final AtomicInteger size = new AtomicInteger();
    final AtomicInteger createFailures = new AtomicInteger();
    final AtomicInteger visitorClosed = new AtomicInteger();
    final AtomicInteger visitorFailedToOpen = new AtomicInteger();
    final List<String> closeReasons = new ArrayList<>();

    String adminCookie;
    String adminCsrf;
    volatile SseHub.Stream admin;
    /** Open panel tabs; tab k shows thread tabThread[k], or only the list when that is 0. */
    volatile SseHub.Stream[] tabs = new SseHub.Stream[0];
    volatile long[] tabThread = {0};
    final AtomicInteger adminDrops = new AtomicInteger();
    final AtomicLong adminListEvents = new AtomicLong();
    final AtomicLong adminListBytes = new AtomicLong();
    final AtomicLong toasts = new AtomicLong();
    final AtomicLong resyncs = new AtomicLong();
    final AtomicLong presenceEvents = new AtomicLong();
    private volatile boolean closing;

    volatile Window window;

    Crowd(App app, Options o, int capacity) throws IOException {
        this.app = app;
        this.o = o;
        this.capacity = capacity;
        this.threadIds = new long[capacity];
        this.cookies = new String[capacity];
        this.streams = new SseHub.Stream[capacity];
        this.busy = new AtomicBoolean[capacity];
        for (int i = 0; i < capacity; i++) {
            busy[i] = new AtomicBoolean();
        }
        this.hub = new SseHub(app.host, app.port, o.maxConnecting, this);
    }

    // ---- admin -------------------------------------------------------------------------------

    /** Signs in (login form token, password), reads the panel's CSRF token, opens the panel stream. */
    void signInAdmin() throws IOException, InterruptedException {
        signIn();
        openPanelTabs(1, 0);
    }

    /** Signs the admin in without opening a panel stream (see {@link #openPanelTabs}). */
    void signIn() throws IOException {
        try (Http h = new Http(app.host, app.port, 30_000)) {
            Http.Response login = h.get("/admin/login");
            String loginCookie = login.setCookie("sohbet_login");
            Matcher m = CSRF.matcher(login.text());
            if (login.status() != 200 || loginCookie == null || !m.find()) {
                throw new IOException("Unexpected /admin/login answer " + login.status());
            }
            Http.Response signed = h.postForm("/admin/login",
                    "username=" + App.ADMIN_USER + "&password=" + App.ADMIN_PASSWORD + "&_csrf=" + m.group(1),
                    "Cookie: sohbet_login=" + loginCookie, "Sec-Fetch-Site: same-origin");
            adminCookie = signed.setCookie("sohbet_admin");
            if (signed.status() != 303 || adminCookie == null) {
                throw new IOException("Admin sign-in failed: HTTP " + signed.status() + " " + signed.header("location")
                        + " (is ADMIN_OTP off / are the bench credentials set?)");
            }
            Http.Response panel = h.get("/admin", "Cookie: sohbet_admin=" + adminCookie);
            Matcher c = CSRF.matcher(panel.text());
            if (panel.status() != 200 || !c.find()) {
                throw new IOException("No CSRF token on /admin (HTTP " + panel.status() + ")");
            }
            adminCsrf = c.group(1);
        }
    }

    /**
     * Opens {@code count} panel tabs, as an admin with that many browser tabs: the first
     * {@code threadTabs} each show a thread (up to five threads of visitors spread over the crowd,
     * the tabs taking them in turn), the others only the thread list. Returns when all are live.
     */
    void openPanelTabs(int count, int threadTabs) throws IOException, InterruptedException {
        int n = Math.max(1, count);
        int withThread = Math.min(n, Math.max(0, threadTabs));
        int visitors = size.get();
        int watched = Math.min(Math.min(5, withThread), visitors);
        long[] threads = new long[n];
        for (int k = 0; k < n; k++) {
            if (k < withThread && watched > 0) {
                int w = k % watched;
                threads[k] = threadIds[(int) ((long) w * visitors / watched)];
            }
        }
        SseHub.Stream[] opened = new SseHub.Stream[n];
        tabThread = threads;
        for (int k = 0; k < n; k++) {
            opened[k] = hub.open(-1 - k, threads[k], "sohbet_admin=" + adminCookie, panelTarget(threads[k], null));
        }
        tabs = opened;
        admin = opened[0];
        long deadline = System.currentTimeMillis() + 60_000;
        for (int k = 0; k < n; k++) {
            while (!tabs[k].live()) {
                SseHub.Stream s = tabs[k];
                if (s.state == SseHub.CLOSED && adminDrops.get() > 20 || System.currentTimeMillis() > deadline) {
                    throw new IOException("Panel tab " + k + " did not open: " + s.closeReason);
                }
                Thread.sleep(10);
            }
        }
    }

    private static String panelTarget(long thread, String lastEventId) {
        if (thread == 0) {
            return "/admin/events";
        }
        // A reconnecting tab says what it has, as EventSource does, so nothing is sent twice.
        return "/admin/events?thread=" + thread + (lastEventId == null ? "" : "&last_event_id=" + lastEventId);
    }

    /** Panel tabs whose stream is live. */
    int liveTabs() {
        int n = 0;
        for (SseHub.Stream s : tabs) {
            if (s != null && s.live()) {
                n++;
            }
        }
        return n;
    }

    // ---- visitors ------------------------------------------------------------------------------

    /**
     * Creates visitors up to {@code target} (GET / sets the signed cookie; that is one request per
     * visitor) and opens each one's stream. Returns when all are live or have failed.
     */
    void growTo(int target, long timeoutMillis) throws InterruptedException {
        int from = size.get();
        if (target <= from) {
            return;
        }
        AtomicInteger next = new AtomicInteger(from);
        int workers = Math.min(o.creators, target - from);
        List<Thread> threads = new ArrayList<>();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        for (int w = 0; w < workers; w++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try (Http h = new Http(app.host, app.port, 30_000)) {
                    int i;
                    while ((i = next.getAndIncrement()) < target && System.currentTimeMillis() < deadline) {
                        // keep the number of half-open connections bounded: the app's accept backlog is finite
                        while (hub.connectingNow() > o.maxConnecting * 2 && System.currentTimeMillis() < deadline) {
                            Thread.sleep(2);
                        }
                        createVisitor(h, i);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread t : threads) {
            t.join(Math.max(1, deadline - System.currentTimeMillis()));
        }
        size.set(Math.min(target, Math.max(from, next.get())));
        // wait for the streams to become live (or fail)
        while (System.currentTimeMillis() < deadline) {
            int pending = 0;
            for (int i = from; i < size.get(); i++) {
                SseHub.Stream s = streams[i];
                if (s != null && s.state != SseHub.CLOSED && s.readyNanos == 0) {
                    pending++;
                }
            }
            if (pending == 0) {
                break;
            }
            Thread.sleep(20);
        }
    }

    /** Page (new cookie and thread, unless it has one) then stream; a refused page counts in createFailures. */
    private void createVisitor(Http h, int i) {
        try {
            if (cookies[i] == null) {
                Http.Response r = h.get("/", "Accept: text/html", "Accept-Encoding: gzip");
                String c = r.setCookie("sohbet_visitor");
                if (r.status() != 200 || c == null) {
                    createFailures.incrementAndGet();
                    return;
                }
                threadIds[i] = Long.parseLong(c.substring(0, c.indexOf('.')));
                cookies[i] = "sohbet_visitor=" + c;
            }
            streams[i] = hub.open(i, threadIds[i], cookies[i], "/events?last_event_id=0");
        } catch (IOException e) {
            createFailures.incrementAndGet();
        }
    }

    /**
     * Visitors whose page or stream was refused while the crowd gathered (a full pool, a busy
     * machine: a 503 that says to retry) try again after a pause, as a browser would, up to
     * {@code rounds} times. Only for the measured scenarios, which need their streams open; the
     * ramp counts a refusal as a failure instead. Returns how many attempts were repeated.
     */
    int retryRefused(int rounds, long pauseMillis) throws InterruptedException {
        int repeated = 0;
        for (int round = 0; round < rounds; round++) {
            List<Integer> refused = new ArrayList<>();
            for (int i = 0; i < size.get(); i++) {
                SseHub.Stream s = streams[i];
                if (s == null || (s.state == SseHub.CLOSED && s.readyNanos == 0)) {
                    refused.add(i);
                }
            }
            if (refused.isEmpty()) {
                break;
            }
            repeated += refused.size();
            Thread.sleep(pauseMillis);
            AtomicInteger next = new AtomicInteger();
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < Math.min(o.creators, refused.size()); w++) {
                workers.add(Thread.ofVirtual().start(() -> {
                    try (Http h = new Http(app.host, app.port, 30_000)) {
                        int k;
                        while ((k = next.getAndIncrement()) < refused.size()) {
                            createVisitor(h, refused.get(k));
                        }
                    }
                }));
            }
            for (Thread t : workers) {
                t.join(120_000);
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline && refused.stream().anyMatch(i -> streams[i] != null
                    && streams[i].state != SseHub.CLOSED && streams[i].readyNanos == 0)) {
                Thread.sleep(20);
            }
        }
        return repeated;
    }

    /** Nanos when the last of streams [from, to) became live (0 if none). */
    long lastReadyNanos(int from, int to) {
        long last = 0;
        for (int i = from; i < to; i++) {
            SseHub.Stream s = streams[i];
            if (s != null && s.readyNanos > last) {
                last = s.readyNanos;
            }
        }
        return last;
    }

    int liveVisitors() {
        int n = 0;
        for (int i = 0; i < size.get(); i++) {
            SseHub.Stream s = streams[i];
            if (s != null && s.live()) {
                n++;
            }
        }
        return n;
    }

    /** Live visitor streams that received a heartbeat comment (beyond the opening one) since they opened. */
    int withHeartbeat() {
        int n = 0;
        for (int i = 0; i < size.get(); i++) {
            SseHub.Stream s = streams[i];
            if (s != null && s.live() && s.comments >= 2) {
                n++;
            }
        }
        return n;
    }

    /** A random live visitor not already posting, claimed for one post; -1 if none found quickly. */
    int claimIdleVisitor(java.util.random.RandomGenerator r) {
        int n = size.get();
        for (int attempt = 0; attempt < 64; attempt++) {
            int i = r.nextInt(n);
            SseHub.Stream s = streams[i];
            if (s != null && s.live() && busy[i].compareAndSet(false, true)) {
                return i;
            }
        }
        return -1;
    }

    int randomLiveVisitor(java.util.random.RandomGenerator r) {
        int n = size.get();
        for (int attempt = 0; attempt < 64; attempt++) {
            int i = r.nextInt(n);
            SseHub.Stream s = streams[i];
            if (s != null && s.live()) {
                return i;
            }
        }
        return -1;
    }

    // ---- events --------------------------------------------------------------------------------

    @Override
    public boolean wants(SseHub.Stream s, String name) {
        // the panel's thread list is re-sent often and is large: count it, do not decode it
        return !(s.index < 0 && name.equals("threads"));
    }

    @Override
    public void event(SseHub.Stream s, String name, String id, String data, long nanos) {
        Window w = window;
        if (s.index < 0) {
            int tab = -1 - s.index;
            switch (name) {
                case "toast" -> {
                    toasts.incrementAndGet();
                    Matcher m = TOAST_THREAD.matcher(data);
                    if (w != null && m.find()) {
                        w.toast(tab, Long.parseLong(m.group(1)), nanos);
                    }
                }
                case "threads" -> {
                    adminListEvents.incrementAndGet();
                    adminListBytes.addAndGet(s.skippedBytes);
                    s.skippedBytes = 0;
                }
                case "message" -> {
                    if (w != null) {
                        w.adminMessage(tab, data, nanos);
                    }
                }
                default -> {
                }
            }
            return;
        }
        switch (name) {
            case "message" -> {
                if (w != null) {
                    w.visitorMessage(s.index, data, nanos);
                }
            }
            case "resync" -> resyncs.incrementAndGet();
            case "presence" -> presenceEvents.incrementAndGet();
            default -> {
            }
        }
    }

    @Override
    public void closed(SseHub.Stream s, String why) {
        if (closing) {
            return;
        }
        if (s.index < 0) {
            adminDrops.incrementAndGet();
            synchronized (closeReasons) {
                closeReasons.add("admin: " + why);
            }
            // A browser's EventSource reconnects; so does the bench, and counts the drop.
            int tab = -1 - s.index;
            SseHub.Stream[] open = tabs;
            if (adminCookie != null && tab < open.length && open[tab] == s) {
                SseHub.Stream again = hub.open(s.index, s.threadId, s.cookie, panelTarget(s.threadId, s.lastEventId));
                open[tab] = again;
                if (tab == 0) {
                    admin = again;
                }
            }
            return;
        }
        if (s.readyNanos == 0) {
            visitorFailedToOpen.incrementAndGet();
        } else {
            visitorClosed.incrementAndGet();
        }
        synchronized (closeReasons) {
            if (closeReasons.size() < 20) {
                closeReasons.add("visitor " + s.index + ": " + why);
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        hub.close();
    }
}
