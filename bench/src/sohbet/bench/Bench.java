package sohbet.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sohbet's load bench: starts the packaged app as its own process (or uses one that runs), drives
 * it from this separate process with raw sockets and virtual threads, and reports each scenario as
 * a Markdown table row and a JSON file. Every stage has a deadline; a watchdog ends the whole run.
 */
public final class Bench {
    static long CLOCK_TICKS = 100;

    private final Options o;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<String> markdown = new ArrayList<>();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private Bench(Options o) {
        this.o = o;
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (o.scenarios.equals(List.of("charts"))) {
            Files.createDirectories(o.charts);
            Charts.compare(o, o.compare.isEmpty() ? List.of(o.label) : o.compare);
            System.out.println("charts written to " + o.charts);
            return;
        }
        Thread watchdog = Thread.ofPlatform().daemon().name("watchdog").start(() -> {
            try {
                Thread.sleep(o.maxMinutes * 60_000L);
                System.err.println("bench: time limit of " + o.maxMinutes + " minutes reached; stopping (the app is stopped by the shutdown hook)");
                System.exit(3);
            } catch (InterruptedException ignored) {
                // run finished
            }
        });
        int code = new Bench(o).run();
        watchdog.interrupt();
        System.exit(code);
    }

    private int run() throws Exception {
        Files.createDirectories(o.out);
        Files.createDirectories(o.charts);
        results.put("label", o.label);
        results.put("started", Instant.now().toString());
        results.put("machine", machine());
        results.put("options", optionsMap());
        System.out.println("# Sohbet bench — " + o.label + ", app heap -Xmx" + o.xmx + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, scenarios " + o.scenarios);
        int failures = 0;
        int heldClean = -1;
        for (String s : List.of("startup", "page", "streams")) {
            if (!o.scenarios.contains(s)) {
                continue;
            }
            try {
                switch (s) {
                    case "startup" -> startup();
                    case "page" -> withApp("page", this::page);
                    case "streams" -> heldClean = withAppInt("streams", this::streams);
                    default -> {
                    }
                }
            } catch (Exception e) {
                failures++;
                report(s, Map.of("error", String.valueOf(e)));
                System.out.println("\n**" + s + " failed:** " + e);
            }
        }
        if (o.scenarios.contains("latency") || o.scenarios.contains("throughput")) {
            int n = o.latencyStreams;
            int usable = usableStreams();
            if (usable >= 0 && usable < n) {
                System.out.println("\n(latency/throughput with " + usable + " streams instead of " + n + ": the largest ramp step that held "
                        + "with the heap after GC at most " + HEAP_HEADROOM_PCT + "% of -Xmx; closer to the limit the app spends its time in GC)");
                n = usable;
            }
            int streams = n;
            try {
                withApp("load", app -> loadScenarios(app, streams));
            } catch (Exception e) {
                failures++;
                report("latency", Map.of("error", String.valueOf(e)));
                System.out.println("\n**latency/throughput failed:** " + e);
            }
        }
        // the rush last: it fills the app's heap on purpose
        for (String s : List.of("tabs", "rush")) {
            if (!o.scenarios.contains(s)) {
                continue;
            }
            try {
                withApp(s, s.equals("tabs") ? this::tabs : this::rush);
            } catch (Exception e) {
                failures++;
                report(s, Map.of("error", String.valueOf(e)));
                System.out.println("\n**" + s + " failed:** " + e);
            }
        }
        results.put("finished", Instant.now().toString());
        Path json = o.out.resolve(o.label + "-all.json");
        Files.writeString(json, Json.write(results), StandardCharsets.UTF_8);
        Charts.write(o, results);
        System.out.println("\n## Summary (" + o.label + ")\n");
        summary().forEach(System.out::println);
        System.out.println("\nJSON: " + json + " (and one file per scenario); charts: " + o.charts);
        return failures == 0 ? 0 : 1;
    }

    static final int HEAP_HEADROOM_PCT = 75;

    /** The largest clean ramp step whose heap after GC stayed under the headroom share of -Xmx; -1 without a ramp. */
    @SuppressWarnings("unchecked")
    private int usableStreams() {
        if (!(results.get("streams") instanceof Map<?, ?> st) || !(st.get("steps") instanceof List<?> steps)) {
            return -1;
        }
        double xmx = Charts.parseMb(o.xmx);
        int best = 0;
        for (Object x : steps) {
            Map<String, Object> s = (Map<String, Object>) x;
            boolean clean = s.get("class_histogram_top") != null;
            double heap = (Double) s.get("heap_after_gc_mb");
            if (clean && (xmx <= 0 || heap <= xmx * HEAP_HEADROOM_PCT / 100.0)) {
                best = ((Number) s.get("target")).intValue();
            }
        }
        return best;
    }

    // ---- helpers to run against a fresh app -----------------------------------------------------

    interface AppWork {
        void run(App app) throws Exception;
    }

    interface AppWorkInt {
        int run(App app) throws Exception;
    }

    private void withApp(String name, AppWork work) throws Exception {
        withAppInt(name, app -> {
            work.run(app);
            return 0;
        });
    }

    private int withAppInt(String name, AppWorkInt work) throws Exception {
        if (o.url != null) {
            return work.run(App.external(o));
        }
        try (App app = App.start(o, o.db, name)) {
            app.awaitHealthy(60_000);
            int r = work.run(app);
            List<String> problems = app.logProblems();
            if (!problems.isEmpty()) {
                System.out.println("\n(app log lines with WARNING/SEVERE/Exception: " + problems.size() + "; first: " + problems.getFirst() + ")");
            }
            return r;
        }
    }

    // ---- 4. startup ---------------------------------------------------------------------------

    private void startup() throws Exception {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int i = 0; i < o.startupRuns; i++) {
            try (App app = App.start(o, o.db, "startup-" + (i + 1))) {
                long nanos = app.awaitHealthy(60_000);
                long cpuToReady = app.cpuNanos();
                Thread.sleep(3000);
                App.Mem idle = app.mem();
                App.Heap heap = app.heapAfterGc();
                App.Mem afterGc = app.mem();
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("start_to_health_200_ms", nanos / 1e6);
                r.put("app_cpu_ms_to_ready", cpuToReady / 1e6);
                r.put("load_average", loadAverage());
                r.put("idle_rss_mb", mb(idle.rssKb()));
                r.put("rss_after_gc_mb", mb(afterGc.rssKb()));
                r.put("heap_after_gc_mb", mb(heap.usedKb()));
                r.put("threads", idle.threads());
                r.put("fds", idle.fds());
                runs.add(r);
            }
        }
        List<Double> times = runs.stream().map(r -> (Double) r.get("start_to_health_200_ms")).sorted().toList();
        List<Double> rss = runs.stream().map(r -> (Double) r.get("idle_rss_mb")).sorted().toList();
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("runs", runs);
        res.put("median_start_ms", times.get(times.size() / 2));
        res.put("median_idle_rss_mb", rss.get(rss.size() / 2));
        report("startup", res);
        Map<String, Object> first = runs.get(runs.size() / 2);
        table("startup", List.of("db", "-Xmx", "start → first 200 /health (median of " + runs.size() + ")", "all runs (ms)",
                        "app CPU until then", "idle RSS (3 s after)", "heap after GC", "threads", "fds", "load average"),
                List.of(o.db, o.xmx, fmt("%.0f ms", res.get("median_start_ms")),
                        String.join(", ", times.stream().map(t -> fmt("%.0f", t)).toList()),
                        fmt("%.0f ms", first.get("app_cpu_ms_to_ready")),
                        fmt("%.0f MB", res.get("median_idle_rss_mb")), fmt("%.1f MB", first.get("heap_after_gc_mb")),
                        String.valueOf(first.get("threads")), String.valueOf(first.get("fds")), String.valueOf(first.get("load_average"))));
    }

    // ---- 5. page ------------------------------------------------------------------------------

    private static final Pattern ASSET = Pattern.compile("(?:href|src)=\"(/assets/[^\"]+)\"");

    private void page(App app) throws Exception {
        try (Http h = new Http(app.host, app.port, 30_000)) {
            String[] browser = {"Accept: text/html,application/xhtml+xml", "Accept-Encoding: gzip, deflate, br", "Accept-Language: tr,en;q=0.8"};
            Http.Response html = h.get("/", browser);
            String cookie = html.setCookie("sohbet_visitor");
            List<Map<String, Object>> assets = new ArrayList<>();
            long firstBody = html.body().length;
            long firstWire = html.wireBytes();
            long repeatExtraWire = 0;
            long repeatExtraBody = 0;
            Matcher m = ASSET.matcher(html.text());
            List<String> seen = new ArrayList<>();
            while (m.find()) {
                String url = m.group(1).replace("&amp;", "&");
                if (seen.contains(url)) {
                    continue;
                }
                seen.add(url);
                Http.Response a = h.get(url, "Accept: */*", "Accept-Encoding: gzip, deflate, br");
                String cc = a.header("cache-control");
                boolean immutable = cc != null && cc.contains("immutable") && cc.contains("max-age");
                Http.Response revalidate = h.get(url, "Accept-Encoding: gzip", "If-None-Match: " + a.header("etag"));
                Map<String, Object> am = new LinkedHashMap<>();
                am.put("url", url);
                am.put("status", a.status());
                am.put("body_bytes", a.body().length);
                am.put("wire_bytes", a.wireBytes());
                am.put("content_encoding", a.header("content-encoding"));
                am.put("cache_control", cc);
                am.put("etag", a.header("etag"));
                am.put("if_none_match_status", revalidate.status());
                assets.add(am);
                firstBody += a.body().length;
                firstWire += a.wireBytes();
                if (!immutable) {
                    // a browser would have to ask again on the next visit
                    repeatExtraWire += revalidate.wireBytes();
                    repeatExtraBody += revalidate.body().length;
                }
            }
            Http.Response again = h.get("/", browser[0], browser[1], browser[2], "Cookie: sohbet_visitor=" + cookie);
            Map<String, Object> res = new LinkedHashMap<>();
            res.put("html_status", html.status());
            res.put("html_body_bytes", html.body().length);
            res.put("html_content_encoding", html.header("content-encoding"));
            res.put("html_cache_control", html.header("cache-control"));
            res.put("assets", assets);
            res.put("first_visit_body_bytes", firstBody);
            res.put("first_visit_wire_bytes", firstWire);
            res.put("repeat_visit_body_bytes", again.body().length + repeatExtraBody);
            res.put("repeat_visit_wire_bytes", again.wireBytes() + repeatExtraWire);
            res.put("repeat_visit_requests", 1 + (repeatExtraWire > 0 ? assets.size() : 0));
            report("page", res);
            String enc = html.header("content-encoding");
            table("page", List.of("first visit (HTML + " + assets.size() + " assets)", "on the wire incl. headers", "repeat visit",
                            "HTML", "HTML gzip?", "assets gzip + immutable?"),
                    List.of(kb(firstBody), kb(firstWire), kb(again.wireBytes() + repeatExtraWire) + " (" + res.get("repeat_visit_requests") + " request)",
                            kb(html.body().length), enc == null ? "no" : enc,
                            assets.stream().allMatch(a -> "gzip".equals(a.get("content_encoding")) || String.valueOf(a.get("url")).contains(".svg"))
                                    && repeatExtraWire == 0 ? "yes" : "partly (see JSON)"));
        }
    }

    // ---- 1. streams ---------------------------------------------------------------------------

    private int streams(App app) throws Exception {
        int fdLimit = fdLimit();
        int max = o.steps[o.steps.length - 1];
        int safe = fdLimit - 400;
        List<Integer> steps = new ArrayList<>();
        for (int s : o.steps) {
            if (s <= safe) {
                steps.add(s);
            }
        }
        if (steps.size() < o.steps.length) {
            System.out.println("\n(ramp capped at " + safe + " streams: this process may open " + fdLimit
                    + " files, and the app's limit is the same on this machine)");
        }
        max = steps.isEmpty() ? 0 : steps.getLast();
        List<Map<String, Object>> rows = new ArrayList<>();
        int heldClean = 0;
        String stopReason = "all steps held";
        try (Crowd crowd = new Crowd(app, o, Math.max(1, max))) {
            crowd.signInAdmin();
            Thread.sleep(1000);
            App.Heap base = app.heapAfterGc();
            App.Mem baseMem = app.mem();
            Map<String, Object> baseline = new LinkedHashMap<>();
            baseline.put("rss_mb", mb(baseMem.rssKb()));
            baseline.put("heap_after_gc_mb", mb(base.usedKb()));
            baseline.put("fds", baseMem.fds());
            baseline.put("threads", baseMem.threads());
            List<String> header = List.of("streams", "live / with heartbeat", "dropped", "admin stream", "connect time (new)",
                    "RSS", "heap after GC (of -Xmx)", "heap/stream", "fds", "app threads", "app CPU (hold)", "bench CPU (connect / hold)", "other processes' CPU");
            List<List<String>> tableRows = new ArrayList<>();
            System.out.println("\n### streams (" + o.label + ", -Xmx" + o.xmx + ")\n");
            System.out.println(row(header));
            System.out.println(row(header.stream().map(x -> "---").toList()));
            int prev = 0;
            for (int n : steps) {
                long t0 = System.nanoTime();
                long c0 = os.getProcessCpuTime();
                long a0 = app.cpuNanos();
                long[] m0 = machineCpu();
                crowd.growTo(n, 180_000);
                long connectNanos = crowd.lastReadyNanos(prev, n) - t0;
                long c1 = os.getProcessCpuTime();
                long a1 = app.cpuNanos();
                long h0 = System.nanoTime();
                Thread.sleep(o.holdSeconds * 1000L);
                long h1 = System.nanoTime();
                long c2 = os.getProcessCpuTime();
                long a2 = app.cpuNanos();
                long[] m2 = machineCpu();
                int live = crowd.liveVisitors();
                int hb = crowd.withHeartbeat();
                App.Mem mem = app.mem();
                int healthStreams = healthStreams(app);
                App.Heap heap = app.heapAfterGc();
                App.Mem memAfterGc = app.mem();
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("target", n);
                r.put("live", live);
                r.put("with_heartbeat", hb);
                r.put("server_reported_streams", healthStreams);
                r.put("create_failures", crowd.createFailures.get());
                r.put("failed_to_open", crowd.visitorFailedToOpen.get());
                r.put("dropped", crowd.visitorClosed.get());
                r.put("admin_drops", crowd.adminDrops.get());
                r.put("admin_live", crowd.admin.live());
                r.put("connect_seconds_new", connectNanos / 1e9);
                r.put("connect_rate_per_s", (n - prev) / Math.max(1e-9, connectNanos / 1e9));
                r.put("rss_mb", mb(mem.rssKb()));
                r.put("rss_after_gc_mb", mb(memAfterGc.rssKb()));
                r.put("heap_after_gc_mb", mb(heap.usedKb()));
                r.put("heap_committed_mb", mb(heap.committedKb()));
                double xmxMb = Charts.parseMb(o.xmx);
                r.put("heap_after_gc_pct_of_xmx", heap.usedKb() < 0 || xmxMb <= 0 ? -1.0 : 100.0 * mb(heap.usedKb()) / xmxMb);
                double perStream = heap.usedKb() < 0 ? -1 : (heap.usedKb() - base.usedKb()) / (double) n;
                r.put("heap_kb_per_stream", perStream);
                r.put("fds", mem.fds());
                r.put("threads", mem.threads());
                r.put("app_cpu_connect_pct", pct(a1 - a0, h0 - t0));
                r.put("app_cpu_hold_pct", pct(a2 - a1, h1 - h0));
                r.put("bench_cpu_connect_pct", pct(c1 - c0, h0 - t0));
                r.put("bench_cpu_hold_pct", pct(c2 - c1, h1 - h0));
                r.put("other_processes_cpu_pct", othersPct(m0, m2, a2 - a0, c2 - c0, h1 - t0));
                r.put("load_average", loadAverage());
                r.put("admin_list_events", crowd.adminListEvents.get());
                r.put("app_alive", app.alive());
                rows.add(r);
                List<String> cells = List.of(
                        String.format(Locale.ROOT, "%,d", n),
                        String.format(Locale.ROOT, "%,d / %,d", live, hb),
                        String.valueOf(crowd.visitorClosed.get() + crowd.visitorFailedToOpen.get() + crowd.createFailures.get()),
                        crowd.admin.live() ? (crowd.adminDrops.get() == 0 ? "up" : "up, dropped " + crowd.adminDrops.get() + "×") : "down",
                        fmt("%.1f s (%,.0f/s)", connectNanos / 1e9, r.get("connect_rate_per_s")),
                        fmt("%.0f MB", r.get("rss_mb")),
                        fmt("%.0f MB (%.0f%%)", r.get("heap_after_gc_mb"), r.get("heap_after_gc_pct_of_xmx")),
                        perStream < 0 ? "n/a" : fmt("%.1f KB", perStream),
                        String.valueOf(mem.fds()),
                        String.valueOf(mem.threads()),
                        fmt("%.0f%%", r.get("app_cpu_hold_pct")),
                        fmt("%.0f%% / %.0f%%", r.get("bench_cpu_connect_pct"), r.get("bench_cpu_hold_pct")),
                        fmt("%.0f%%", r.get("other_processes_cpu_pct")));
                tableRows.add(cells);
                System.out.println(row(cells));
                boolean clean = live == n && crowd.visitorClosed.get() == 0 && crowd.visitorFailedToOpen.get() == 0
                        && crowd.createFailures.get() == 0 && app.alive();
                if (!clean) {
                    stopReason = "streams failed at " + n + ": live " + live + "/" + n
                            + (app.alive() ? "" : "; the app process exited (code " + app.exitCode() + ")") + "; " + crowd.closeReasons.stream().limit(3).toList();
                    List<String> problems = app.logProblems();
                    r.put("app_log_problems", problems);
                    r.put("app_exit_code", app.exitCode());
                    problems.stream().filter(l -> l.contains("OutOfMemoryError")).findFirst()
                            .ifPresent(l -> r.put("out_of_memory", l));
                    break;
                }
                heldClean = n;
                r.put("class_histogram_top", app.histogram(12));
                if (mem.rssKb() > o.rssLimitMb * 1024) {
                    stopReason = "RSS " + Math.round(mb(mem.rssKb())) + " MB passed the " + o.rssLimitMb + " MB limit at " + n + " streams";
                    break;
                }
                prev = n;
            }
            if (heldClean == max && stopReason.equals("all steps held")) {
                stopReason = "held every step up to " + max;
                if (steps.size() < o.steps.length || max + 1000 > safe) {
                    stopReason += "; more would pass the " + fdLimit + " open-files limit of the app and of the bench process";
                }
            }
            System.out.println("\nRamp stopped: " + stopReason);
            Map<String, Object> res = new LinkedHashMap<>();
            res.put("baseline_admin_stream_only", baseline);
            res.put("steps", rows);
            res.put("held_clean", heldClean);
            res.put("stop_reason", stopReason);
            res.put("close_reasons", new ArrayList<>(crowd.closeReasons));
            res.put("fd_limit", fdLimit);
            res.put("table", Map.of("header", header, "rows", tableRows));
            report("streams", res);
        }
        return heldClean;
    }

    // ---- 2 + 3. latency and throughput ----------------------------------------------------------

    private void loadScenarios(App app, int streams) throws Exception {
        try (Crowd crowd = new Crowd(app, o, Math.max(1, streams))) {
            crowd.signIn();
            long t0 = System.nanoTime();
            crowd.growTo(streams, 180_000);
            int retried = crowd.retryRefused(3, 2000);
            int live = crowd.liveVisitors();
            if (retried > 0) {
                System.out.println("\n(" + retried + " visitor page or stream requests were refused while the crowd gathered and tried again)");
            }
            crowd.openPanelTabs(o.panelTabs, o.threadTabs);
            System.out.printf(Locale.ROOT, "%n(%d of %d visitor streams live after %.1f s; %d of %d panel tabs up, %d of them showing a thread)%n",
                    live, streams, (System.nanoTime() - t0) / 1e9, crowd.liveTabs(), o.panelTabs, Math.min(o.panelTabs, Math.max(0, o.threadTabs)));
            Thread.sleep(2000);
            if (o.warmupSeconds > 0) {
                // the app's JIT is cold after start: a short unreported run first, as a running server would be warm
                Map<String, Object> warm = window(app, crowd, Math.min(200, o.latencyRate), o.warmupSeconds);
                results.put("warmup", warm);
                System.out.printf(Locale.ROOT, "(warm-up: %d s at %s msg/s, not part of the results)%n", o.warmupSeconds, warm.get("target_rate"));
            }
            if (o.scenarios.contains("latency")) {
                Map<String, Object> r = window(app, crowd, o.latencyRate, o.latencySeconds);
                r.put("streams", streams);
                r.put("streams_live_before", live);
                r.put("setup_requests_repeated", retried);
                report("latency", r);
                List<String> header = List.of("streams", "rate (msg/s)", "sent / 303", "p50", "p99", "p99.9", "max", "lost", "dup",
                        "to admin p99", "to visitor p99", "POST p99", "app CPU", "app CPU/msg", "bench CPU", "other processes' CPU", "RSS", "admin drops");
                table("latency", header, windowRow(streams, r));
            }
            if (o.scenarios.contains("throughput")) {
                List<Map<String, Object>> steps = new ArrayList<>();
                int best = 0;
                String stop = "every rate passed";
                List<String> header = List.of("streams", "rate (msg/s)", "achieved", "p50", "p99", "p99.9", "max", "lost", "dup",
                        "POST p99", "send lag p99", "app CPU", "app CPU/msg", "bench CPU", "other processes' CPU", "verdict");
                System.out.println("\n### throughput (" + o.label + ", -Xmx" + o.xmx + ", p99 ≤ " + fmt("%.0f", o.p99LimitMs) + " ms)\n");
                System.out.println(row(header));
                System.out.println(row(header.stream().map(x -> "---").toList()));
                List<List<String>> rows = new ArrayList<>();
                for (int rate : o.rates) {
                    Map<String, Object> r = window(app, crowd, rate, o.stepSeconds);
                    String verdict = verdict(r, rate);
                    r.put("verdict", verdict);
                    steps.add(r);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> d = (Map<String, Object>) r.get("delivery_ms");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> post = (Map<String, Object>) r.get("post_answer_ms");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> lag = (Map<String, Object>) r.get("client_send_lag_ms");
                    List<String> cells = List.of(streamsCell(streams, r), String.valueOf(rate),
                            fmt("%.0f/s", r.get("achieved_rate")), msCell(d, "p50"), msCell(d, "p99"), msCell(d, "p999"), msCell(d, "max"),
                            String.valueOf(r.get("lost")), String.valueOf(r.get("duplicated")), msCell(post, "p99"), msCell(lag, "p99"),
                            fmt("%.0f%%", r.get("app_cpu_pct")), fmt("%.2f ms", r.get("app_cpu_ms_per_message")), fmt("%.0f%%", r.get("bench_cpu_pct")),
                            fmt("%.0f%%", r.get("other_processes_cpu_pct")), verdict);
                    rows.add(cells);
                    System.out.println(row(cells));
                    if (!verdict.equals("pass")) {
                        stop = "stopped at " + rate + " msg/s: " + verdict;
                        break;
                    }
                    best = rate;
                }
                System.out.println("\nHighest sustained rate with p99 ≤ " + fmt("%.0f", o.p99LimitMs) + " ms: " + best + " msg/s (" + stop + ")");
                Map<String, Object> res = new LinkedHashMap<>();
                res.put("streams", streams);
                res.put("streams_live_before", live);
                res.put("setup_requests_repeated", retried);
                res.put("panel_tabs", o.panelTabs);
                res.put("p99_limit_ms", o.p99LimitMs);
                res.put("best_rate", best);
                res.put("stop_reason", stop);
                res.put("steps", steps);
                res.put("table", Map.of("header", header, "rows", rows));
                report("throughput", res);
            }
        }
    }

    private String verdict(Map<String, Object> r, int rate) {
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) r.get("delivery_ms");
        double p99 = d.get("p99") instanceof Double x ? x : Double.MAX_VALUE;
        List<String> why = new ArrayList<>();
        if (((Number) r.get("lost")).longValue() > 0) {
            why.add("lost " + r.get("lost"));
        }
        if (((Number) r.get("duplicated")).longValue() > 0) {
            why.add("duplicated " + r.get("duplicated"));
        }
        if (((Number) r.get("post_errors")).longValue() > 0) {
            why.add("post errors " + r.get("post_errors"));
        }
        if (p99 > o.p99LimitMs) {
            why.add(fmt("p99 %.0f ms", p99));
        }
        if ((Double) r.get("achieved_rate") < rate * 0.95) {
            why.add(fmt("achieved %.0f/s", r.get("achieved_rate")));
        }
        if (((Number) r.get("admin_drops")).longValue() > 0) {
            why.add("admin stream dropped");
        }
        return why.isEmpty() ? "pass" : String.join(", ", why);
    }

    private Map<String, Object> window(App app, Crowd crowd, int rate, int seconds) throws InterruptedException {
        Window w = new Window(crowd, rate, seconds);
        int drops0 = crowd.adminDrops.get();
        int closed0 = crowd.visitorClosed.get();
        long lists0 = crowd.adminListEvents.get();
        long listBytes0 = crowd.adminListBytes.get();
        crowd.window = w;
        long c0 = os.getProcessCpuTime();
        long a0 = app.cpuNanos();
        long[] m0 = machineCpu();
        long t0 = System.nanoTime();
        w.run(o.postConnections, seconds * 1000L + 30_000);
        w.drain(5000);
        long t1 = System.nanoTime();
        long c1 = os.getProcessCpuTime();
        long a1 = app.cpuNanos();
        long[] m1 = machineCpu();
        crowd.window = null;
        Map<String, Object> r = w.result();
        r.put("seconds", seconds);
        r.put("app_cpu_pct", pct(a1 - a0, t1 - t0));
        int acked = ((Number) r.get("acknowledged")).intValue();
        // CPU per message does not depend on what else runs on the machine, unlike the latency tail
        r.put("app_cpu_ms_per_message", acked == 0 || a1 < 0 ? -1.0 : (a1 - a0) / 1e6 / acked);
        r.put("bench_cpu_ms_per_message", acked == 0 ? -1.0 : (c1 - c0) / 1e6 / acked);
        r.put("bench_cpu_pct", pct(c1 - c0, t1 - t0));
        r.put("other_processes_cpu_pct", othersPct(m0, m1, a1 - a0, c1 - c0, t1 - t0));
        r.put("load_average", loadAverage());
        App.Mem mem = app.mem();
        r.put("rss_mb", mb(mem.rssKb()));
        r.put("fds", mem.fds());
        r.put("admin_drops", crowd.adminDrops.get() - drops0);
        r.put("visitor_streams_dropped", crowd.visitorClosed.get() - closed0);
        r.put("admin_list_renders", crowd.adminListEvents.get() - lists0);
        r.put("admin_list_bytes", crowd.adminListBytes.get() - listBytes0);
        Thread.sleep(1000);
        return r;
    }

    @SuppressWarnings("unchecked")
    private List<String> windowRow(int streams, Map<String, Object> r) {
        Map<String, Object> d = (Map<String, Object>) r.get("delivery_ms");
        Map<String, Object> ta = (Map<String, Object>) r.get("delivery_to_admin_ms");
        Map<String, Object> tv = (Map<String, Object>) r.get("delivery_to_visitor_ms");
        Map<String, Object> post = (Map<String, Object>) r.get("post_answer_ms");
        return List.of(streamsCell(streams, r), String.valueOf(r.get("target_rate")),
                r.get("posts") + " / " + r.get("acknowledged"), msCell(d, "p50"), msCell(d, "p99"), msCell(d, "p999"), msCell(d, "max"),
                String.valueOf(r.get("lost")), String.valueOf(r.get("duplicated")), msCell(ta, "p99"), msCell(tv, "p99"), msCell(post, "p99"),
                fmt("%.0f%%", r.get("app_cpu_pct")), fmt("%.2f ms", r.get("app_cpu_ms_per_message")), fmt("%.0f%%", r.get("bench_cpu_pct")),
                fmt("%.0f%%", r.get("other_processes_cpu_pct")),
                fmt("%.0f MB", r.get("rss_mb")),
                String.valueOf(r.get("admin_drops")));
    }

    /** A nested result (percentiles, the rush's sample), or null. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> part(Map<String, Object> r, String key) {
        return r.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /** "5,000 + 5 tabs": the visitor streams and the panel tabs a window ran with. */
    static String streamsCell(int streams, Map<String, Object> r) {
        return String.format(Locale.ROOT, "%,d + %s tab%s", streams, r.get("panel_tabs"), Integer.valueOf(1).equals(r.get("panel_tabs")) ? "" : "s");
    }

    // ---- 6. many panel tabs ---------------------------------------------------------------------

    private void tabs(App app) throws Exception {
        int visitors = o.tabsVisitors;
        try (Crowd crowd = new Crowd(app, o, visitors)) {
            crowd.signIn();
            crowd.growTo(visitors, 180_000);
            int retried = crowd.retryRefused(3, 2000);
            int live = crowd.liveVisitors();
            long t0 = System.nanoTime();
            crowd.openPanelTabs(o.tabs, o.threadTabs);
            double openSeconds = (System.nanoTime() - t0) / 1e9;
            int threadTabs = Math.min(o.tabs, Math.max(0, o.threadTabs));
            System.out.printf(Locale.ROOT, "%n(tabs: %d of %d visitor streams live; %d panel tabs up in %.1f s, %d of them showing a thread)%n",
                    live, visitors, crowd.liveTabs(), openSeconds, threadTabs);
            Thread.sleep(2000);
            if (o.warmupSeconds > 0) {
                window(app, crowd, Math.min(200, o.tabsRate), o.warmupSeconds);
            }
            Map<String, Object> r = window(app, crowd, o.tabsRate, o.latencySeconds);
            r.put("streams", visitors);
            r.put("streams_live_before", live);
            r.put("setup_requests_repeated", retried);
            r.put("tabs_open_seconds", openSeconds);
            r.put("tabs_live_after", crowd.liveTabs());
            String verdict = verdict(r, o.tabsRate);
            r.put("verdict", verdict);
            report("tabs", r);
            Map<String, Object> tv = part(r, "delivery_to_visitor_ms");
            Map<String, Object> tp = part(r, "delivery_to_panel_tabs_ms");
            Map<String, Object> ta = part(r, "delivery_to_admin_ms");
            List<String> header = List.of("visitors", "panel tabs (showing a thread)", "rate (msg/s)", "sent / 303",
                    "to visitor p50 / p90 / p99 / max", "to each panel tab p50 / p90 / p99 / max", "to every tab (last) p99",
                    "lost", "dup", "tab deliveries missing", "panel drops", "app CPU", "app CPU/msg", "other processes' CPU", "RSS", "verdict");
            table("tabs", header, List.of(String.format(Locale.ROOT, "%,d", visitors), o.tabs + " (" + threadTabs + ")", String.valueOf(o.tabsRate),
                    r.get("posts") + " / " + r.get("acknowledged"),
                    msCell(tv, "p50") + " / " + msCell(tv, "p90") + " / " + msCell(tv, "p99") + " / " + msCell(tv, "max"),
                    msCell(tp, "p50") + " / " + msCell(tp, "p90") + " / " + msCell(tp, "p99") + " / " + msCell(tp, "max"),
                    msCell(ta, "p99"), String.valueOf(r.get("lost")), String.valueOf(r.get("duplicated")),
                    String.valueOf(r.get("panel_tab_deliveries_missing")), String.valueOf(r.get("admin_drops")),
                    fmt("%.0f%%", r.get("app_cpu_pct")), fmt("%.2f ms", r.get("app_cpu_ms_per_message")),
                    fmt("%.0f%%", r.get("other_processes_cpu_pct")), fmt("%.0f MB", r.get("rss_mb")), verdict));
        }
    }

    // ---- 7. rush of new visitors ----------------------------------------------------------------

    private void rush(App app) throws Exception {
        try (Crowd crowd = new Crowd(app, o, o.rushVisitors)) {
            crowd.signInAdmin();
            long m0 = os.getProcessCpuTime();
            long a0 = app.cpuNanos();
            Map<String, Object> r = new Rush(app, o, crowd).run();
            r.put("app_cpu_seconds", app.alive() ? (app.cpuNanos() - a0) / 1e9 : -1.0);
            r.put("bench_cpu_seconds", (os.getProcessCpuTime() - m0) / 1e9);
            report("rush", r);
            Map<String, Object> probe = part(r, "probe");
            Map<String, Object> pd = part(probe, "delivery_ms");
            @SuppressWarnings("unchecked")
            Map<String, Integer> other = (Map<String, Integer>) r.get("other_answers");
            @SuppressWarnings("unchecked")
            List<String> oom = (List<String>) r.get("out_of_memory_lines");
            List<String> header = List.of("visitors (at once)", "served (stream open)", "503 on the page (no Retry-After)",
                    "503 on the stream (no Retry-After)", "other answers", "connection errors", "served still open",
                    "admin writes to a sample: delivered (p99)", "process up", "OutOfMemoryError", "RSS at the end (peak)",
                    "heap after GC (of -Xmx)", "rush took", "verdict");
            table("rush", header, List.of(
                    fmt("%,d (%d)", r.get("visitors"), r.get("batch")),
                    fmt("%,d", r.get("served")),
                    fmt("%,d (%d)", r.get("page_503"), r.get("page_503_without_retry_after")),
                    fmt("%,d (%d)", r.get("stream_503"), r.get("stream_503_without_retry_after")),
                    other.isEmpty() ? "0" : other.toString(),
                    String.valueOf(r.get("connection_errors")),
                    fmt("%,d", r.get("served_still_open")),
                    probe.get("delivered") == null ? "n/a" : probe.get("delivered") + " of " + probe.get("sample") + " (" + msCell(pd, "p99") + ")",
                    Boolean.TRUE.equals(r.get("app_alive")) ? "yes" : "no (exit " + r.get("app_exit_code") + ")",
                    oom.isEmpty() ? "none" : oom.size() + " log lines",
                    r.get("rss_mb") == null ? "n/a" : fmt("%.0f MB (%.0f MB)", r.get("rss_mb"), r.get("peak_rss_mb")),
                    r.get("heap_after_gc_mb") == null ? "n/a" : fmt("%.0f MB (%.0f%%)", r.get("heap_after_gc_mb"), r.get("heap_after_gc_pct_of_xmx")),
                    fmt("%.1f s", r.get("rush_seconds")),
                    String.valueOf(r.get("verdict"))));
        }
    }

    // ---- output --------------------------------------------------------------------------------

    private void report(String scenario, Map<String, Object> res) {
        Map<String, Object> r = new LinkedHashMap<>(res);
        r.put("label", o.label);
        r.put("db", o.db);
        r.put("xmx", o.xmx);
        results.put(scenario, r);
        try {
            Files.writeString(o.out.resolve(o.label + "-" + scenario + ".json"), Json.write(r), StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("Could not write JSON: " + e);
        }
    }

    private void table(String scenario, List<String> header, List<String> cells) {
        System.out.println("\n### " + scenario + " (" + o.label + ", -Xmx" + o.xmx + ")\n");
        System.out.println(row(header));
        System.out.println(row(header.stream().map(x -> "---").toList()));
        System.out.println(row(cells));
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) results.get(scenario);
        if (r != null) {
            r.put("table", Map.of("header", header, "rows", List.of(cells)));
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> summary() {
        List<String> out = new ArrayList<>();
        out.add("| Measure | Result (" + o.label + ", -Xmx" + o.xmx + ") |");
        out.add("|---|---|");
        Map<String, Object> st = (Map<String, Object>) results.get("streams");
        if (st != null && st.get("steps") instanceof List<?> steps && !steps.isEmpty()) {
            out.add("| Visitor streams held, none dropped | " + st.get("held_clean") + " (" + st.get("stop_reason") + ") |");
            Map<String, Object> last = null;
            for (Object x : steps) {
                Map<String, Object> step = (Map<String, Object>) x;
                if (step.get("class_histogram_top") != null) {
                    last = step;
                }
            }
            if (last != null) {
                out.add("| Heap per open stream (after full GC) | " + fmt("%.1f KB", last.get("heap_kb_per_stream")) + " at " + last.get("target")
                        + " streams; RSS " + fmt("%.0f MB", last.get("rss_mb")) + " |");
            }
        }
        Map<String, Object> lat = (Map<String, Object>) results.get("latency");
        if (lat != null && lat.get("delivery_ms") instanceof Map<?, ?> d) {
            Map<String, Object> dm = (Map<String, Object>) d;
            out.add("| Post → delivery at " + lat.get("target_rate") + " msg/s, " + lat.get("streams") + " streams (p50 / p99 / p99.9 / max) | "
                    + msCell(dm, "p50") + " / " + msCell(dm, "p99") + " / " + msCell(dm, "p999") + " / " + msCell(dm, "max")
                    + "; lost " + lat.get("lost") + ", duplicated " + lat.get("duplicated") + " |");
        }
        Map<String, Object> tp = (Map<String, Object>) results.get("throughput");
        if (tp != null && tp.containsKey("best_rate")) {
            out.add("| Highest sustained rate, p99 ≤ " + fmt("%.0f", o.p99LimitMs) + " ms | " + tp.get("best_rate") + " msg/s (" + tp.get("stop_reason") + ") |");
        }
        Map<String, Object> tb = (Map<String, Object>) results.get("tabs");
        if (tb != null && tb.get("delivery_to_panel_tabs_ms") instanceof Map<?, ?> d) {
            out.add("| " + tb.get("panel_tabs") + " panel tabs at " + tb.get("target_rate") + " msg/s, " + tb.get("streams")
                    + " visitors: p99 to visitors / to each tab / to every tab | " + msCell(part(tb, "delivery_to_visitor_ms"), "p99")
                    + " / " + msCell((Map<String, Object>) d, "p99") + " / " + msCell(part(tb, "delivery_to_admin_ms"), "p99")
                    + "; lost " + tb.get("lost") + ", duplicated " + tb.get("duplicated") + " |");
        }
        Map<String, Object> ru = (Map<String, Object>) results.get("rush");
        if (ru != null && ru.containsKey("served")) {
            out.add("| " + ru.get("visitors") + " visitors arriving " + ru.get("batch") + " at a time | served " + ru.get("served") + ", 503 "
                    + ((Integer) ru.get("page_503") + (Integer) ru.get("stream_503")) + ", process " + (Boolean.TRUE.equals(ru.get("app_alive")) ? "up" : "died")
                    + " (" + ru.get("verdict") + ") |");
        }
        Map<String, Object> su = (Map<String, Object>) results.get("startup");
        if (su != null && su.containsKey("median_start_ms")) {
            out.add("| Start → first 200 on /health; idle RSS | " + fmt("%.0f ms", su.get("median_start_ms")) + "; " + fmt("%.0f MB", su.get("median_idle_rss_mb")) + " |");
        }
        Map<String, Object> pg = (Map<String, Object>) results.get("page");
        if (pg != null && pg.containsKey("first_visit_wire_bytes")) {
            out.add("| Visitor page, first / repeat visit | " + kb(((Number) pg.get("first_visit_wire_bytes")).longValue()) + " / "
                    + kb(((Number) pg.get("repeat_visit_wire_bytes")).longValue()) + " |");
        }
        return out;
    }

    static String row(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    static String msCell(Map<String, Object> m, String key) {
        Object v = m == null ? null : m.get(key);
        if (!(v instanceof Double d)) {
            return "n/a";
        }
        return d < 10 ? fmt("%.1f ms", d) : fmt("%.0f ms", d);
    }

    static String fmt(String f, Object... a) {
        return String.format(Locale.ROOT, f, a);
    }

    static String kb(long bytes) {
        return fmt("%.1f KB", bytes / 1024.0);
    }

    static double mb(long kb) {
        return kb < 0 ? -1 : kb / 1024.0;
    }

    /** CPU time over wall time, in percent of one core. */
    static double pct(long cpuNanos, long wallNanos) {
        return wallNanos <= 0 || cpuNanos < 0 ? -1 : 100.0 * cpuNanos / wallNanos;
    }

    /** Busy and total CPU time of the whole machine so far, in nanoseconds (all cores), from /proc/stat. */
    static long[] machineCpu() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            long tick = 1_000_000_000L / CLOCK_TICKS;
            return new long[] {(total - idle) * tick, total * tick};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    /** CPU used by everything except the app and the bench over a period, in percent of one core. */
    static double othersPct(long[] m0, long[] m1, long appNanos, long benchNanos, long wallNanos) {
        if (m0[0] < 0 || m1[0] < 0) {
            return -1;
        }
        return Math.max(0, pct(m1[0] - m0[0] - appNanos - benchNanos, wallNanos));
    }

    static int healthStreams(App app) {
        try (Http h = new Http(app.host, app.port, 10_000)) {
            Matcher m = Pattern.compile("\"streams\":(\\d+)").matcher(h.get("/health").text());
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "n/a";
        }
    }

    static int fdLimit() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (l.startsWith("Max open files")) {
                    return Integer.parseInt(l.substring(25).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return 20_000;
    }

    private Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("memory_gb", fmt("%.1f", os.getTotalMemorySize() / 1e9));
        m.put("open_files_limit", fdLimit());
        m.put("load_average_at_start", loadAverage());
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            m.put("bench_nice", Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]));
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        try {
            Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .ifPresent(l -> m.put("cpu", l.substring(l.indexOf(':') + 1).trim()));
        } catch (IOException ignored) {
            // not Linux
        }
        return m;
    }

    private Map<String, Object> optionsMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenarios", o.scenarios);
        m.put("db", o.db);
        m.put("xmx", o.xmx);
        m.put("app_jvm_args", o.appJvmArgs);
        m.put("tuned", o.tuned);
        m.put("jar", o.jar.toString());
        m.put("url", o.url);
        m.put("steps", java.util.Arrays.stream(o.steps).boxed().toList());
        m.put("hold_seconds", o.holdSeconds);
        m.put("rss_limit_mb", o.rssLimitMb);
        m.put("latency_streams", o.latencyStreams);
        m.put("latency_rate", o.latencyRate);
        m.put("latency_seconds", o.latencySeconds);
        m.put("rates", java.util.Arrays.stream(o.rates).boxed().toList());
        m.put("step_seconds", o.stepSeconds);
        m.put("post_connections", o.postConnections);
        m.put("panel_tabs", o.panelTabs);
        m.put("thread_tabs", o.threadTabs);
        m.put("tabs", o.tabs);
        m.put("tabs_visitors", o.tabsVisitors);
        m.put("tabs_rate", o.tabsRate);
        m.put("rush_visitors", o.rushVisitors);
        m.put("rush_batch", o.rushBatch);
        m.put("rush_sample", o.rushSample);
        return m;
    }
}
