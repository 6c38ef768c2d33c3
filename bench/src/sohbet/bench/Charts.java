package sohbet.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Two plain SVG charts drawn from the run's results: memory against streams held, and latency against rate. */
final class Charts {
    private static final int W = 860;
    private static final int H = 400;
    private static final int L = 70;
    private static final int R = 290;
    private static final int T = 50;
    private static final int B = 60;
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#e377c2"};

    private Charts() {
    }

    record Series(String name, List<double[]> points, boolean dashed) {
    }

    @SuppressWarnings("unchecked")
    static void write(Options o, Map<String, Object> results) throws IOException {
        if (results.get("streams") instanceof Map<?, ?> st && st.get("steps") instanceof List<?> steps && !steps.isEmpty()) {
            List<double[]> rss = new ArrayList<>();
            List<double[]> heap = new ArrayList<>();
            double maxN = 0;
            for (Object x : steps) {
                Map<String, Object> s = (Map<String, Object>) x;
                double n = ((Number) s.get("target")).doubleValue();
                maxN = Math.max(maxN, n);
                rss.add(new double[] {n, (Double) s.get("rss_mb")});
                heap.add(new double[] {n, (Double) s.get("heap_after_gc_mb")});
            }
            double xmx = parseMb(o.xmx);
            List<Series> series = new ArrayList<>(List.of(new Series("process RSS", rss, false), new Series("heap after full GC", heap, false),
                    new Series("RSS limit " + o.rssLimitMb + " MB", List.of(new double[] {0, o.rssLimitMb}, new double[] {maxN, o.rssLimitMb}), true)));
            if (xmx > 0) {
                series.add(new Series("-Xmx" + o.xmx, List.of(new double[] {0, xmx}, new double[] {maxN, xmx}), true));
            }
            String title = "Sohbet (" + o.label + ", -Xmx" + o.xmx + "): memory vs open SSE streams";
            Files.writeString(o.charts.resolve(o.label + "-streams-memory.svg"),
                    svg(title, "open visitor streams (+1 admin stream)", "MB", series, false), StandardCharsets.UTF_8);
        }
        List<Series> lat = new ArrayList<>();
        if (results.get("throughput") instanceof Map<?, ?> tp && tp.get("steps") instanceof List<?> steps && !steps.isEmpty()) {
            String[] keys = {"p50", "p99", "p999", "max"};
            String[] names = {"p50", "p99", "p99.9", "max"};
            for (int k = 0; k < keys.length; k++) {
                List<double[]> pts = new ArrayList<>();
                for (Object x : steps) {
                    Map<String, Object> s = (Map<String, Object>) x;
                    Map<String, Object> d = (Map<String, Object>) s.get("delivery_ms");
                    if (d.get(keys[k]) instanceof Double v) {
                        pts.add(new double[] {((Number) s.get("target_rate")).doubleValue(), Math.max(0.1, v)});
                    }
                }
                lat.add(new Series(names[k], pts, false));
            }
            double maxRate = lat.getFirst().points().stream().mapToDouble(p -> p[0]).max().orElse(1);
            lat.add(new Series("limit " + Bench.fmt("%.0f", o.p99LimitMs) + " ms", List.of(new double[] {0, o.p99LimitMs},
                    new double[] {maxRate, o.p99LimitMs}), true));
            String title = "Sohbet (" + o.label + ", " + tp.get("streams") + " streams open): post → delivery latency";
            Files.writeString(o.charts.resolve(o.label + "-latency.svg"),
                    svg(title, "messages per second (half visitor → admin, half admin → visitor)", "ms (log scale)", lat, true),
                    StandardCharsets.UTF_8);
        }
    }

    /**
     * Charts comparing several runs (their {@code <label>-all.json} in the --out folder): memory
     * against streams held, and p50/p99 delivery against message rate (latency run and throughput steps).
     */
    @SuppressWarnings("unchecked")
    static void compare(Options o, List<String> labels) throws IOException {
        List<Series> mem = new ArrayList<>();
        List<Series> lat = new ArrayList<>();
        double maxN = 0;
        double maxRate = 0;
        String xmx = o.xmx;
        for (String label : labels) {
            Path f = o.out.resolve(label + "-all.json");
            Map<String, Object> r = (Map<String, Object>) Json.parse(Files.readString(f, StandardCharsets.UTF_8));
            if (r.get("options") instanceof Map<?, ?> opts && opts.get("xmx") != null) {
                xmx = String.valueOf(opts.get("xmx"));
            }
            if (r.get("streams") instanceof Map<?, ?> st && st.get("steps") instanceof List<?> steps) {
                List<double[]> heap = new ArrayList<>();
                List<double[]> rss = new ArrayList<>();
                for (Object x : steps) {
                    Map<String, Object> s = (Map<String, Object>) x;
                    if (s.get("class_histogram_top") == null) {
                        continue;   // a step that failed has no numbers
                    }
                    double n = ((Number) s.get("target")).doubleValue();
                    maxN = Math.max(maxN, n);
                    heap.add(new double[] {n, ((Number) s.get("heap_after_gc_mb")).doubleValue()});
                    rss.add(new double[] {n, ((Number) s.get("rss_mb")).doubleValue()});
                }
                mem.add(new Series(label + ": heap after full GC", heap, false));
                mem.add(new Series(label + ": process RSS", rss, false));
            }
            java.util.TreeMap<Double, Map<String, Object>> byRate = new java.util.TreeMap<>();
            if (r.get("latency") instanceof Map<?, ?> l && l.get("delivery_ms") instanceof Map<?, ?> d) {
                byRate.put(((Number) l.get("target_rate")).doubleValue(), (Map<String, Object>) d);
            }
            if (r.get("throughput") instanceof Map<?, ?> tp && tp.get("steps") instanceof List<?> steps) {
                for (Object x : steps) {
                    Map<String, Object> s = (Map<String, Object>) x;
                    byRate.putIfAbsent(((Number) s.get("target_rate")).doubleValue(), (Map<String, Object>) s.get("delivery_ms"));
                }
            }
            for (String q : List.of("p50", "p99")) {
                List<double[]> pts = new ArrayList<>();
                byRate.forEach((rate, d) -> {
                    if (d.get(q) instanceof Number v) {
                        pts.add(new double[] {rate, Math.max(0.1, v.doubleValue())});
                    }
                });
                if (!pts.isEmpty()) {
                    maxRate = Math.max(maxRate, pts.getLast()[0]);
                    lat.add(new Series(label + ": " + q, pts, false));
                }
            }
        }
        if (!mem.isEmpty()) {
            mem.add(new Series("RSS limit " + o.rssLimitMb + " MB", List.of(new double[] {0, o.rssLimitMb}, new double[] {maxN, o.rssLimitMb}), true));
            double x = parseMb(xmx);
            if (x > 0) {
                mem.add(new Series("-Xmx" + xmx, List.of(new double[] {0, x}, new double[] {maxN, x}), true));
            }
            Files.writeString(o.charts.resolve("streams-memory.svg"), svg("Sohbet: memory against open SSE streams (app -Xmx" + xmx + ")",
                    "open visitor streams (+1 admin stream), steps that held", "MB", mem, false), StandardCharsets.UTF_8);
        }
        if (!lat.isEmpty()) {
            lat.add(new Series("p99 limit " + Bench.fmt("%.0f", o.p99LimitMs) + " ms", List.of(new double[] {0, o.p99LimitMs},
                    new double[] {maxRate, o.p99LimitMs}), true));
            Files.writeString(o.charts.resolve("latency.svg"), svg("Sohbet: post → delivery latency against message rate",
                    "messages per second (half visitor → admin, half admin → visitor)", "ms (log scale)", lat, true), StandardCharsets.UTF_8);
        }
    }

    static double parseMb(String xmx) {
        String s = xmx.toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("g")) {
                return Double.parseDouble(s.substring(0, s.length() - 1)) * 1024;
            }
            if (s.endsWith("m")) {
                return Double.parseDouble(s.substring(0, s.length() - 1));
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        return -1;
    }

    private static String svg(String title, String xLabel, String yLabel, List<Series> series, boolean logY) {
        double maxX = 0;
        double minY = Double.MAX_VALUE;
        double maxY = 0;
        for (Series s : series) {
            for (double[] p : s.points()) {
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, p[1]);
                minY = Math.min(minY, p[1]);
            }
        }
        maxX = niceCeil(maxX);
        double lo = logY ? Math.pow(10, Math.floor(Math.log10(Math.max(0.1, minY)))) : 0;
        double hi = logY ? Math.pow(10, Math.ceil(Math.log10(Math.max(maxY, lo * 10)))) : niceCeil(maxY * 1.05);
        int pw = W - L - R;
        int ph = H - T - B;
        final double fMaxX = maxX;
        final double fLo = lo;
        final double fHi = hi;
        java.util.function.DoubleUnaryOperator xs = x -> L + pw * x / fMaxX;
        java.util.function.DoubleUnaryOperator ys = y -> logY
                ? T + ph * (1 - (Math.log10(Math.max(y, fLo)) - Math.log10(fLo)) / (Math.log10(fHi) - Math.log10(fLo)))
                : T + ph * (1 - y / fHi);
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.append("<text x=\"").append(W / 2).append("\" y=\"24\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">")
                .append(esc(title)).append("</text>\n");
        // grid and ticks
        for (int i = 0; i <= 5; i++) {
            double xv = fMaxX * i / 5;
            double x = xs.applyAsDouble(xv);
            sb.append(line(x, T, x, T + ph, "#eee", false));
            sb.append(text(x, T + ph + 16, "middle", fmtNum(xv)));
        }
        if (logY) {
            for (double y = lo; y <= hi * 1.0001; y *= 10) {
                double yy = ys.applyAsDouble(y);
                sb.append(line(L, yy, L + pw, yy, "#eee", false));
                sb.append(text(L - 6, yy + 4, "end", fmtNum(y)));
            }
        } else {
            for (int i = 0; i <= 5; i++) {
                double yv = hi * i / 5;
                double yy = ys.applyAsDouble(yv);
                sb.append(line(L, yy, L + pw, yy, "#eee", false));
                sb.append(text(L - 6, yy + 4, "end", fmtNum(yv)));
            }
        }
        sb.append(line(L, T + ph, L + pw, T + ph, "#333", false));
        sb.append(line(L, T, L, T + ph, "#333", false));
        sb.append(text(L + pw / 2.0, H - 18, "middle", xLabel));
        sb.append("<text x=\"16\" y=\"").append(T + ph / 2).append("\" text-anchor=\"middle\" transform=\"rotate(-90 16 ")
                .append(T + ph / 2).append(")\">").append(esc(yLabel)).append("</text>\n");
        int ci = 0;
        for (Series s : series) {
            String c = s.dashed() ? "#888" : COLORS[ci++ % COLORS.length];
            StringBuilder pts = new StringBuilder();
            for (double[] p : s.points()) {
                pts.append(Bench.fmt("%.1f,%.1f ", xs.applyAsDouble(p[0]), ys.applyAsDouble(p[1])));
            }
            sb.append("<polyline fill=\"none\" stroke=\"").append(c).append("\" stroke-width=\"2\"")
                    .append(s.dashed() ? " stroke-dasharray=\"6 4\"" : "").append(" points=\"").append(pts.toString().trim()).append("\"/>\n");
            if (!s.dashed()) {
                for (double[] p : s.points()) {
                    sb.append(Bench.fmt("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s: %s at %s</title></circle>%n",
                            xs.applyAsDouble(p[0]), ys.applyAsDouble(p[1]), c, esc(s.name()), fmtNum(p[1]), fmtNum(p[0])));
                }
            }
            int ly = T + 10 + 20 * series.indexOf(s);
            sb.append(line(L + pw + 12, ly, L + pw + 36, ly, c, s.dashed()));
            sb.append(text(L + pw + 42, ly + 4, "start", s.name()));
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static String line(double x1, double y1, double x2, double y2, String color, boolean dashed) {
        return Bench.fmt("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>%n", x1, y1, x2, y2, color,
                dashed ? " stroke-dasharray=\"6 4\" stroke-width=\"2\"" : "");
    }

    private static String text(double x, double y, String anchor, String s) {
        return Bench.fmt("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>%n", x, y, anchor, esc(s));
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String fmtNum(double v) {
        if (v >= 1000 && v % 1000 == 0) {
            return Bench.fmt("%,.0f", v);
        }
        return v >= 100 || v == Math.rint(v) ? Bench.fmt("%,.0f", v) : Bench.fmt("%.1f", v);
    }

    private static double niceCeil(double v) {
        if (v <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
