package sohbet.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A rush of new visitors: they arrive {@code --rush-batch} at a time (each opens the page on its
 * own connection, then its stream), the next group as soon as the previous one has its answers,
 * until {@code --rush} visitors came. Each visitor ends up served (its stream open), refused with
 * a 503 (on the page or on the stream, with or without Retry-After), answered otherwise, or cut
 * off. Afterwards the admin writes to a sample of the served visitors, to show that the streams
 * already open still receive while the server turns newcomers away.
 */
final class Rush {
    private final App app;
    private final Options o;
    private final Crowd crowd;
    private final AtomicInteger pageRefused = new AtomicInteger();
    private final AtomicInteger pageRefusedNoRetryAfter = new AtomicInteger();
    private final AtomicInteger pageErrors = new AtomicInteger();
    private final Map<String, Integer> otherAnswers = new TreeMap<>();
    private final List<String> errorSamples = new ArrayList<>();
    private final List<String> retryAfterValues = new ArrayList<>();

    Rush(App app, Options o, Crowd crowd) {
        this.app = app;
        this.o = o;
        this.crowd = crowd;
    }

    Map<String, Object> run() throws InterruptedException {
        int total = crowd.capacity;
        int batch = Math.max(1, o.rushBatch);
        List<Map<String, Object>> progress = new ArrayList<>();
        long peakRssKb = 0;
        long t0 = System.nanoTime();
        int arrived = 0;
        for (int from = 0; from < total; from += batch) {
            int to = Math.min(total, from + batch);
            // the whole group at once, as that many browsers opening the page in the same instant
            List<Thread> group = new ArrayList<>();
            for (int i = from; i < to; i++) {
                int visitor = i;
                group.add(Thread.ofVirtual().start(() -> arrive(visitor)));
            }
            for (Thread t : group) {
                t.join(60_000);
            }
            awaitStreams(from, to, 30_000);
            arrived = to;
            crowd.size.set(to);
            long rss = app.mem().rssKb();
            peakRssKb = Math.max(peakRssKb, rss);
            boolean last = to == total;
            if ((from / batch) % 10 == 9 || last || !app.alive()) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("arrived", to);
                p.put("served", served(0, to));
                p.put("refused", pageRefused.get() + streamRefused(0, to));
                p.put("seconds", (System.nanoTime() - t0) / 1e9);
                p.put("rss_mb", Bench.mb(rss));
                p.put("app_alive", app.alive());
                progress.add(p);
                System.err.printf(java.util.Locale.ROOT, "rush: %,d arrived, %,d served, %,d refused, RSS %.0f MB%n",
                        to, p.get("served"), p.get("refused"), Bench.mb(rss));
            }
            if (!app.alive()) {
                break;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Thread.sleep(2000);

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("visitors", total);
        r.put("arrived", arrived);
        r.put("batch", batch);
        r.put("rush_seconds", seconds);
        int served = served(0, arrived);
        int liveAfter = crowd.liveVisitors();
        r.put("served", served);
        r.put("page_503", pageRefused.get());
        r.put("page_503_without_retry_after", pageRefusedNoRetryAfter.get());
        int streamRefused = streamRefused(0, arrived);
        int streamNoRetry = streamRefusedWithoutRetryAfter(0, arrived);
        r.put("stream_503", streamRefused);
        r.put("stream_503_without_retry_after", streamNoRetry);
        Map<String, Integer> other = new TreeMap<>(otherAnswers);
        int streamErrors = streamOutcomes(0, arrived, other);
        int otherCount = other.values().stream().mapToInt(Integer::intValue).sum();
        r.put("other_answers", other);
        r.put("connection_errors", pageErrors.get() + streamErrors);
        r.put("connection_error_samples", new ArrayList<>(errorSamples));
        r.put("retry_after_values", retryAfterValues.stream().distinct().limit(5).toList());
        int accounted = served + pageRefused.get() + streamRefused + otherCount + pageErrors.get() + streamErrors;
        r.put("accounted_for", accounted);
        r.put("served_still_open", liveAfter);
        r.put("served_dropped", served - liveAfter);
        r.put("admin_stream_drops", crowd.adminDrops.get());
        r.put("server_reported_streams", Bench.healthStreams(app));
        r.put("progress", progress);
        r.put("peak_rss_mb", Bench.mb(peakRssKb));

        Map<String, Object> probe = probe();
        r.put("probe", probe);

        r.put("app_alive", app.alive());
        r.put("app_exit_code", app.exitCode());
        // the app states its stream cap when it starts: the number a rush should stop at
        r.put("app_stream_cap_line", app.logLines("Open streams: at most", 1).stream().findFirst().orElse(null));
        List<String> oom = app.logLines("OutOfMemoryError", 5);
        r.put("out_of_memory_lines", oom);
        if (app.alive()) {
            App.Mem mem = app.mem();
            App.Heap heap = app.heapAfterGc();
            App.Mem afterGc = app.mem();
            r.put("rss_mb", Bench.mb(mem.rssKb()));
            r.put("rss_after_gc_mb", Bench.mb(afterGc.rssKb()));
            r.put("heap_after_gc_mb", Bench.mb(heap.usedKb()));
            double xmxMb = Charts.parseMb(o.xmx);
            r.put("heap_after_gc_pct_of_xmx", heap.usedKb() < 0 || xmxMb <= 0 ? -1.0 : 100.0 * Bench.mb(heap.usedKb()) / xmxMb);
            r.put("fds", mem.fds());
            r.put("threads", mem.threads());
        }
        r.put("verdict", verdict(r, probe, oom, otherCount, total));
        return r;
    }

    /** One visitor: the page on a fresh connection (new cookie, new thread), then the stream. */
    private void arrive(int i) {
        try (Http h = new Http(app.host, app.port, 30_000)) {
            Http.Response page = h.get("/", "Accept: text/html", "Accept-Encoding: gzip");
            String cookie = page.setCookie("sohbet_visitor");
            if (page.status() == 503) {
                pageRefused.incrementAndGet();
                noteRetryAfter(page.header("retry-after"), pageRefusedNoRetryAfter);
                return;
            }
            if (page.status() != 200 || cookie == null) {
                other("GET / " + page.status() + (cookie == null ? " without a cookie" : ""));
                return;
            }
            crowd.threadIds[i] = Long.parseLong(cookie.substring(0, cookie.indexOf('.')));
            crowd.cookies[i] = "sohbet_visitor=" + cookie;
            crowd.streams[i] = crowd.hub.open(i, crowd.threadIds[i], crowd.cookies[i], "/events?last_event_id=0");
        } catch (IOException | RuntimeException e) {
            pageErrors.incrementAndGet();
            synchronized (errorSamples) {
                if (errorSamples.size() < 5) {
                    errorSamples.add("GET /: " + e);
                }
            }
        }
    }

    private void noteRetryAfter(String value, AtomicInteger without) {
        if (value == null || value.isBlank()) {
            without.incrementAndGet();
            return;
        }
        synchronized (retryAfterValues) {
            if (retryAfterValues.size() < 100) {
                retryAfterValues.add(value);
            }
        }
    }

    private void other(String what) {
        synchronized (otherAnswers) {
            otherAnswers.merge(what, 1, Integer::sum);
        }
    }

    private void awaitStreams(int from, int to, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            boolean pending = false;
            for (int i = from; i < to && !pending; i++) {
                SseHub.Stream s = crowd.streams[i];
                pending = s != null && s.readyNanos == 0 && s.state != SseHub.CLOSED;
            }
            if (!pending) {
                return;
            }
            Thread.sleep(10);
        }
    }

    /** Visitors whose stream opened (whether or not it is still open). */
    private int served(int from, int to) {
        return count(from, to, s -> s.readyNanos != 0);
    }

    private int streamRefused(int from, int to) {
        return count(from, to, Rush::refusedStream);
    }

    private int streamRefusedWithoutRetryAfter(int from, int to) {
        for (int i = from; i < to; i++) {
            SseHub.Stream s = crowd.streams[i];
            if (s != null && refusedStream(s) && s.retryAfter != null && !s.retryAfter.isBlank()) {
                noteRetryAfter(s.retryAfter, null);
            }
        }
        return count(from, to, s -> refusedStream(s) && (s.retryAfter == null || s.retryAfter.isBlank()));
    }

    private static boolean refusedStream(SseHub.Stream s) {
        return s.readyNanos == 0 && s.state == SseHub.CLOSED && s.status == 503;
    }

    private int count(int from, int to, java.util.function.Predicate<SseHub.Stream> which) {
        int n = 0;
        for (int i = from; i < to; i++) {
            SseHub.Stream s = crowd.streams[i];
            if (s != null && which.test(s)) {
                n++;
            }
        }
        return n;
    }

    /** Streams that neither opened nor got a 503: other statuses go into {@code other}; returns the connection errors. */
    private int streamOutcomes(int from, int to, Map<String, Integer> other) {
        int errors = 0;
        for (int i = from; i < to; i++) {
            SseHub.Stream s = crowd.streams[i];
            if (s == null || s.readyNanos != 0 || refusedStream(s)) {
                continue;
            }
            if (s.state != SseHub.CLOSED) {
                other.merge("GET /events: no answer within 30 s", 1, Integer::sum);
            } else if (s.status != 0) {
                other.merge("GET /events " + s.status + (s.status == 200 ? " then closed before the first event" : ""), 1, Integer::sum);
            } else {
                errors++;
                synchronized (errorSamples) {
                    if (errorSamples.size() < 10) {
                        errorSamples.add("GET /events: " + s.closeReason);
                    }
                }
            }
        }
        return errors;
    }

    /** The admin writes one message to each of a sample of the visitors still connected; counts what arrives. */
    private Map<String, Object> probe() throws InterruptedException {
        List<Integer> live = new ArrayList<>();
        for (int i = 0; i < crowd.size.get(); i++) {
            SseHub.Stream s = crowd.streams[i];
            if (s != null && s.live()) {
                live.add(i);
            }
        }
        int n = Math.min(o.rushSample, live.size());
        int[] targets = new int[n];
        for (int k = 0; k < n; k++) {
            targets[k] = live.get((int) ((long) k * live.size() / n));   // spread over early and late arrivals
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("sample", n);
        if (n == 0 || !app.alive()) {
            return p;
        }
        Window w = new Window(crowd, 50, targets);
        crowd.window = w;
        w.run(Math.min(8, o.postConnections), 60_000);
        w.drain(10_000);
        crowd.window = null;
        Map<String, Object> res = w.result();
        int acked = ((Number) res.get("acknowledged")).intValue();
        long lost = ((Number) res.get("lost")).longValue();
        p.put("acknowledged", acked);
        p.put("delivered", (int) (acked - lost));
        p.put("lost", lost);
        p.put("duplicated", res.get("duplicated"));
        p.put("misrouted", res.get("misrouted"));
        p.put("post_errors", res.get("post_errors"));
        if (res.containsKey("post_error_statuses")) {
            p.put("post_error_statuses", res.get("post_error_statuses"));
        }
        p.put("delivery_ms", res.get("delivery_to_visitor_ms"));
        return p;
    }

    private static String verdict(Map<String, Object> r, Map<String, Object> probe, List<String> oom, int otherCount, int total) {
        List<String> why = new ArrayList<>();
        if (!oom.isEmpty()) {
            why.add("OutOfMemoryError");
        }
        if (!Boolean.TRUE.equals(r.get("app_alive"))) {
            why.add("the app process exited");
        }
        int noRetry = (Integer) r.get("page_503_without_retry_after") + (Integer) r.get("stream_503_without_retry_after");
        if (noRetry > 0) {
            why.add(noRetry + " refusals without Retry-After");
        }
        if (otherCount > 0) {
            why.add(otherCount + " other answers");
        }
        if ((Integer) r.get("connection_errors") > 0) {
            why.add(r.get("connection_errors") + " connection errors");
        }
        if ((Integer) r.get("served_dropped") > 0) {
            why.add(r.get("served_dropped") + " served streams dropped");
        }
        if ((Integer) r.get("served") == 0) {
            why.add("nobody served");
        }
        if ((Integer) r.get("arrived") < total) {
            why.add("only " + r.get("arrived") + " of " + total + " arrived");
        }
        if (probe.get("delivered") instanceof Integer d && d < (Integer) probe.get("sample")) {
            why.add("sample: " + d + " of " + probe.get("sample") + " delivered");
        }
        if (probe.get("duplicated") instanceof Number dup && dup.longValue() > 0) {
            why.add("sample: " + dup + " duplicated");
        }
        return why.isEmpty() ? "pass" : String.join(", ", why);
    }
}
