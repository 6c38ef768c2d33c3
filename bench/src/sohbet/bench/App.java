package sohbet.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The server under test: either a process the bench starts from the packaged jar (fresh SQLite file
 * or fresh PostgreSQL database, its own temp folder as working directory so no .env is read) or one
 * that already runs (then process numbers need its pid). Reads RSS, fds and CPU from /proc and the
 * heap after a full GC through jcmd.
 */
final class App implements AutoCloseable {
    static final String ADMIN_USER = "bench";
    static final String ADMIN_PASSWORD = "bench-password-not-secret";

    final String host;
    final int port;
    final long pid;             // -1 when unknown (an app we did not start and no --pid)
    final Process process;      // null when not started by us
    final long startNanos;
    private final Path dir;
    private final String pgDb;
    private final Options o;
    private final String name;
    private Thread hook;

    private App(Options o, String name, String host, int port, long pid, Process process, long startNanos, Path dir, String pgDb) {
        this.o = o;
        this.name = name;
        this.host = host;
        this.port = port;
        this.pid = pid;
        this.process = process;
        this.startNanos = startNanos;
        this.dir = dir;
        this.pgDb = pgDb;
    }

    static App external(Options o) {
        java.net.URI u = java.net.URI.create(o.url);
        return new App(o, "external", u.getHost(), u.getPort() < 0 ? 80 : u.getPort(), o.pid, null, System.nanoTime(), null, null);
    }

    /** Starts the packaged app on a free port with a fresh database; returns at once (see {@link #awaitHealthy}). */
    static App start(Options o, String db, String name) throws IOException {
        Path dir = Files.createTempDirectory("sohbet-bench-");
        int port;
        try (ServerSocket ss = new ServerSocket(0)) {
            port = ss.getLocalPort();
        }
        String pgDb = null;
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(o.javaHome, "bin", "java").toString());
        cmd.add("-Xmx" + o.xmx);
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(o.appJvmArgs);
        if (o.tuned != null) {
            Path jar = o.jar.toAbsolutePath();
            cmd.add("-cp");
            cmd.add(o.tunedClasses.toAbsolutePath() + java.io.File.pathSeparator + jar + java.io.File.pathSeparator
                    + jar.getParent().resolve("libs") + java.io.File.separator + "*");
            cmd.add("sohbet.bench.tuned.TunedMain");
        } else {
            cmd.add("-jar");
            cmd.add(o.jar.toAbsolutePath().toString());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("app.log").toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("TELEGRAM_") || k.startsWith("CLOUDINARY_") || k.equals("DATABASE_URL")
                || k.equals("RAILWAY_ENVIRONMENT") || k.equals("JAVA_TOOL_OPTIONS") || k.equals("ADMIN_PASSWORD_HASH"));
        env.put("PORT", Integer.toString(port));
        env.put("SECRET_KEY", "bench-secret-key-0123456789abcdef");
        env.put("ADMIN_USERNAME", ADMIN_USER);
        env.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("ADMIN_OTP", "off");
        // Every simulated visitor comes from 127.0.0.1: lift the per-address and per-visitor abuse
        // limits (an app that does not know these variables ignores them). MAX_STREAMS keeps its default.
        env.put("LIMIT_NEW_THREADS_PER_HOUR", "10000000");
        env.put("LIMIT_MESSAGES_PER_MINUTE", "1000000");
        env.put("UPLOAD_DIR", dir.resolve("uploads").toString());
        env.put("SQLITE_PATH", dir.resolve("chat.db").toString());
        if (db.equals("postgres")) {
            pgDb = "sohbet_bench_" + ProcessHandle.current().pid() + "_" + (System.nanoTime() % 100000);
            psql(o, "CREATE DATABASE " + pgDb);
            env.put("DATABASE_URL", o.pgBase + "/" + pgDb + "?sslmode=disable");
            env.put("APP_ENV", "test");
        } else {
            env.put("APP_ENV", "development");
        }
        long t0 = System.nanoTime();
        Process p = pb.start();
        App app = new App(o, name, "127.0.0.1", port, p.pid(), p, t0, dir, pgDb);
        app.hook = new Thread(app::stopQuietly, "bench-stop-app");
        Runtime.getRuntime().addShutdownHook(app.hook);
        return app;
    }

    /** Polls /health every 5 ms; returns nanoseconds from process start to the first 200. */
    long awaitHealthy(long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IOException("The app exited with " + process.exitValue() + "; log:\n" + logTail(40));
            }
            try (Http h = new Http(host, port, 2000)) {
                if (h.get("/health").status() == 200) {
                    return System.nanoTime() - startNanos;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        throw new IOException("No 200 from /health within " + timeoutMillis + " ms; log:\n" + logTail(40));
    }

    String base() {
        return "http://" + host + ":" + port;
    }

    /** The exit code of a process we started that has ended, else null. */
    Integer exitCode() {
        return process != null && !process.isAlive() ? process.exitValue() : null;
    }

    boolean alive() {
        return process == null ? pid < 0 || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) : process.isAlive();
    }

    // ---- process numbers ---------------------------------------------------------------------

    record Mem(long rssKb, long threads, long fds) {
    }

    Mem mem() {
        if (pid < 0) {
            return new Mem(-1, -1, -1);
        }
        long rss = -1;
        long threads = -1;
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmRSS:")) {
                    rss = Long.parseLong(l.replaceAll("\\D", ""));
                } else if (l.startsWith("Threads:")) {
                    threads = Long.parseLong(l.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Mem(-1, -1, -1);
        }
        long fds;
        try (Stream<Path> s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            fds = s.count();
        } catch (IOException | RuntimeException e) {
            fds = -1;
        }
        return new Mem(rss, threads, fds);
    }

    /** User+system CPU time of the app in nanoseconds (from /proc; clock ticks of 10 ms). */
    long cpuNanos() {
        if (pid < 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * (1_000_000_000L / Bench.CLOCK_TICKS);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    record Heap(long usedKb, long committedKb, long metaspaceKb) {
    }

    private static final Pattern HEAP = Pattern.compile("heap\\s+total(?: reserved)? \\d+K, committed (\\d+)K, used (\\d+)K");
    private static final Pattern META = Pattern.compile("Metaspace\\s+used (\\d+)K");

    /** Forces a full GC in the app (jcmd GC.run) and reads the heap in use after it. */
    Heap heapAfterGc() {
        if (pid < 0) {
            return new Heap(-1, -1, -1);
        }
        try {
            jcmd("GC.run");
            String info = jcmd("GC.heap_info");
            Matcher m = HEAP.matcher(info);
            Matcher mm = META.matcher(info);
            if (m.find()) {
                return new Heap(Long.parseLong(m.group(2)), Long.parseLong(m.group(1)), mm.find() ? Long.parseLong(mm.group(1)) : -1);
            }
            System.err.println("Could not read GC.heap_info: " + info);
        } catch (IOException | InterruptedException e) {
            System.err.println("jcmd failed: " + e.getMessage());
        }
        return new Heap(-1, -1, -1);
    }

    private String jcmd(String what) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(o.javaHome, "bin", "jcmd").toString(), Long.toString(pid), what)
                .redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jcmd " + what + " timed out");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** The top of the app's live-object histogram (jcmd GC.class_histogram, which runs a full GC first). */
    List<String> histogram(int top) {
        if (pid < 0) {
            return List.of();
        }
        try {
            String out = jcmd("GC.class_histogram");
            return out.lines().filter(l -> l.matches("\\s*(\\d+:|num|Total).*")).limit(top + 1).map(String::strip).toList();
        } catch (IOException | InterruptedException e) {
            return List.of("jcmd failed: " + e.getMessage());
        }
    }

    String logTail(int lines) {
        if (dir == null) {
            return "";
        }
        try {
            List<String> all = Files.readAllLines(dir.resolve("app.log"), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Lines of the app's log that mention an error, for the report. */
    List<String> logProblems() {
        if (dir == null) {
            return List.of();
        }
        try {
            return Files.readAllLines(dir.resolve("app.log"), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.contains("SEVERE") || l.contains("OutOfMemoryError") || l.contains("Exception") || l.contains("WARNING"))
                    .limit(30).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Up to {@code max} lines of the app's log that contain {@code needle} (all of the log, not only its start). */
    List<String> logLines(String needle, int max) {
        if (dir == null) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(dir.resolve("app.log"), StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.contains(needle)).limit(max).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    static void psql(Options o, String sql) throws IOException {
        java.net.URI u = java.net.URI.create(o.pgBase.replaceFirst("^postgres(ql)?://", "http://"));
        String user = u.getUserInfo() == null ? "postgres" : u.getUserInfo().split(":")[0];
        ProcessBuilder pb = new ProcessBuilder("psql", "-h", u.getHost(), "-p", Integer.toString(u.getPort() < 0 ? 5432 : u.getPort()),
                "-U", user, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", sql).redirectErrorStream(true);
        if (u.getUserInfo() != null && u.getUserInfo().contains(":")) {
            pb.environment().put("PGPASSWORD", u.getUserInfo().split(":", 2)[1]);
        }
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("psql failed for '" + sql + "': " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private void stopQuietly() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
        if (pgDb != null) {
            try {
                psql(o, "DROP DATABASE IF EXISTS " + pgDb + " WITH (FORCE)");
            } catch (IOException e) {
                System.err.println("Could not drop " + pgDb + ": " + e.getMessage());
            }
        }
        if (dir != null) {
            try {
                // the app's own log stays with the results (an OutOfMemoryError, a stack trace)
                Files.copy(dir.resolve("app.log"), o.out.resolve(o.label + "-" + name + "-app.log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException ignored) {
                // no log
            }
        }
        if (dir != null && !o.keepTemp) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // temp files only
            }
        }
    }

    @Override
    public void close() {
        stopQuietly();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }
}
