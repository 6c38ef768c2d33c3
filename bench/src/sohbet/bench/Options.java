package sohbet.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Command-line options; every one has a default that keeps a full run around ten minutes. */
final class Options {
    static final List<String> ALL = List.of("startup", "page", "streams", "latency", "throughput", "tabs", "rush");
    List<String> compare = new ArrayList<>();

    List<String> scenarios = new ArrayList<>(ALL);
    String db = "sqlite";
    String xmx = "256m";
    Path jar = Path.of("target/bench/app/sohbet.jar");
    String javaHome = System.getProperty("java.home");
    List<String> appJvmArgs = new ArrayList<>();
    String url;
    long pid = -1;
    String pgBase = "postgresql://postgres@127.0.0.1:5432";
    int[] steps = {1000, 2500, 5000, 6000, 7000, 8000, 9000, 10000, 12500, 15000, 17500, 19500};
    int holdSeconds = 17;
    long rssLimitMb = 512;
    int latencyStreams = 10000;
    int latencyRate = 500;
    int latencySeconds = 30;
    int[] rates = {100, 200, 300, 500, 750, 1000, 1500, 2000, 3000};
    int stepSeconds = 10;
    int warmupSeconds = 5;
    double p99LimitMs = 100;
    int postConnections = 32;
    int panelTabs = 5;
    int threadTabs = 5;
    int tabs = 100;
    int tabsVisitors = 1000;
    int tabsRate = 50;
    int rushVisitors = 10000;
    int rushBatch = 100;
    int rushSample = 50;
    int creators = 16;
    int maxConnecting = 256;
    Path out = Path.of("target/bench");
    Path charts;
    int maxMinutes = 25;
    int startupRuns = 3;
    boolean keepTemp;
    String label;
    String tuned;
    Path tunedClasses = Path.of("target/bench/tuned-classes");

    static final String USAGE = """
            Usage: bash bench/run.sh [scenario ...] [options]
              scenarios: startup page streams latency throughput tabs rush (default: all seven)
              --scenarios rush,tabs      the same as naming them: bash bench/run.sh rush tabs
              charts --compare sqlite,postgres   draw streams-memory.svg and latency.svg from earlier runs' JSON
              --db sqlite|postgres       database of the started app (default sqlite)
              --xmx 256m                 heap of the started app
              --jar PATH                 packaged app (default: built by run.sh into target/bench/app)
              --app-jvm-arg ARG          extra JVM flag for the app (repeatable)
              --url http://host:port     use an app that already runs (no startup scenario)
              --pid PID                  its process id, for RSS/heap/fd numbers
              --pg postgresql://user@host:port   PostgreSQL server for --db postgres (fresh database per start)
              --steps 1000,2500,...      stream counts of the ramp
              --hold 17                  seconds each ramp step holds its streams (>= one 15 s heartbeat)
              --rss-limit 512            stop the ramp when the app's RSS passes this many MB
              --latency-streams 10000    streams open during latency and throughput
              --rate 500 --seconds 30    message rate and duration of the latency scenario
              --rates 100,200,...         rates the throughput scenario steps through
              --step-seconds 10          duration of each throughput step
              --warmup 5                 seconds of unreported posting (200 msg/s) before latency/throughput
              --p99-limit 100            p99 delivery (ms) a throughput step must stay under
              --post-connections 32      keep-alive connections used to post
              --panel-tabs 5             panel tabs (admin panel streams) open during latency and throughput
              --thread-tabs 5            how many of the panel tabs show a thread (up to 5 threads, taken in turn);
                                         the others show only the thread list (--thread-tabs 0: list only)
              --tabs 100                 panel tabs of the tabs scenario
              --tabs-visitors 1000       visitor streams of the tabs scenario
              --tabs-rate 50             message rate of the tabs scenario (it runs --seconds)
              --rush 10000               visitors arriving in the rush scenario
              --rush-batch 100           how many arrive at once
              --rush-sample 50           served visitors the admin writes to after the rush
              --out target/bench         JSON results
              --charts DIR               where SVG charts go (default: the --out folder)
              --label NAME               name used in result files (default: the db)
              --tuned useNio=false,writeBufferSize=512,tcpNoDelay=true,queue=32
                                         experiment: start the app through bench/tuned/TunedMain with these
                                         server settings (before/after numbers for a proposed change)
              --max-minutes 25           hard stop for the whole run
            """;

    static Options parse(String[] args) {
        Options o = new Options();
        List<String> scen = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                if (a.equals("all")) {
                    scen.addAll(ALL);
                } else if (ALL.contains(a) || a.equals("charts")) {
                    scen.add(a);
                } else {
                    throw new IllegalArgumentException("Unknown scenario '" + a + "'\n" + USAGE);
                }
                continue;
            }
            if (a.equals("--keep-temp")) {
                o.keepTemp = true;
                continue;
            }
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println(USAGE);
                System.exit(0);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value for " + a + "\n" + USAGE);
            }
            String v = args[++i];
            switch (a) {
                case "--scenarios" -> {
                    for (String x : v.split(",")) {
                        String name = x.trim();
                        if (name.equals("all")) {
                            scen.addAll(ALL);
                        } else if (ALL.contains(name)) {
                            scen.add(name);
                        } else if (!name.isEmpty()) {
                            throw new IllegalArgumentException("Unknown scenario '" + name + "'\n" + USAGE);
                        }
                    }
                }
                case "--db" -> {
                    if (!v.equals("sqlite") && !v.equals("postgres")) {
                        throw new IllegalArgumentException("--db is sqlite or postgres");
                    }
                    o.db = v;
                }
                case "--xmx" -> o.xmx = v;
                case "--jar" -> o.jar = Path.of(v);
                case "--java-home" -> o.javaHome = v;
                case "--app-jvm-arg" -> o.appJvmArgs.add(v);
                case "--url" -> o.url = v;
                case "--pid" -> o.pid = Long.parseLong(v);
                case "--pg" -> o.pgBase = v.replaceAll("/+$", "");
                case "--steps" -> o.steps = ints(v);
                case "--hold" -> o.holdSeconds = Integer.parseInt(v);
                case "--rss-limit" -> o.rssLimitMb = Long.parseLong(v);
                case "--latency-streams" -> o.latencyStreams = Integer.parseInt(v);
                case "--rate" -> o.latencyRate = Integer.parseInt(v);
                case "--seconds" -> o.latencySeconds = Integer.parseInt(v);
                case "--rates" -> o.rates = ints(v);
                case "--step-seconds" -> o.stepSeconds = Integer.parseInt(v);
                case "--warmup" -> o.warmupSeconds = Integer.parseInt(v);
                case "--p99-limit" -> o.p99LimitMs = Double.parseDouble(v);
                case "--post-connections" -> o.postConnections = Integer.parseInt(v);
                case "--panel-tabs" -> o.panelTabs = positive(a, v);
                case "--thread-tabs" -> o.threadTabs = Integer.parseInt(v);
                case "--tabs" -> o.tabs = positive(a, v);
                case "--tabs-visitors" -> o.tabsVisitors = positive(a, v);
                case "--tabs-rate" -> o.tabsRate = positive(a, v);
                case "--rush" -> o.rushVisitors = positive(a, v);
                case "--rush-batch" -> o.rushBatch = positive(a, v);
                case "--rush-sample" -> o.rushSample = Integer.parseInt(v);
                case "--creators" -> o.creators = Integer.parseInt(v);
                case "--max-connecting" -> o.maxConnecting = Integer.parseInt(v);
                case "--out" -> o.out = Path.of(v);
                case "--charts" -> o.charts = Path.of(v);
                case "--label" -> o.label = v;
                case "--compare" -> o.compare = List.of(v.split(","));
                case "--tuned" -> {
                    o.tuned = v;
                    for (String kv : v.split(",")) {
                        String[] p = kv.split("=", 2);
                        if (p.length != 2 || !List.of("useNio", "writeBufferSize", "queue", "tcpNoDelay").contains(p[0].trim())) {
                            throw new IllegalArgumentException("--tuned takes useNio=..,writeBufferSize=..,tcpNoDelay=..,queue=..");
                        }
                        o.appJvmArgs.add("-Dsohbet.tune." + p[0].trim() + "=" + p[1].trim());
                    }
                }
                case "--tuned-classes" -> o.tunedClasses = Path.of(v);
                case "--max-minutes" -> o.maxMinutes = Integer.parseInt(v);
                case "--startup-runs" -> o.startupRuns = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("Unknown option " + a + "\n" + USAGE);
            }
        }
        if (!scen.isEmpty()) {
            o.scenarios = scen;
        }
        if (o.url != null) {
            o.scenarios = new ArrayList<>(o.scenarios);
            o.scenarios.remove("startup");
        }
        if (o.charts == null) {
            o.charts = o.out;
        }
        if (o.label == null) {
            o.label = o.db;
        }
        Arrays.sort(o.steps);
        Arrays.sort(o.rates);
        return o;
    }

    private static int positive(String option, String v) {
        int n = Integer.parseInt(v);
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be at least 1");
        }
        return n;
    }

    private static int[] ints(String v) {
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
    }
}
