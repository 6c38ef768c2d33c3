package sohbet.faults;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import sohbet.support.RawHttp;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The application as its own operating-system process, the way it runs in production: the same
 * {@code sohbet.app.Main} the executable jar starts, in a child JVM with the build's classpath
 * and an environment of the test's choosing. Restarts reuse the port and the database, so
 * clients reconnect to "the same server" after a crash. Output goes to a log file under the
 * build folder ({@code faults-logs/}), which the tests scan for unexpected errors.
 */
final class AppProcess implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(40);
    /** What the machine's environment may pass on: nothing else configures the app (a DATABASE_URL, a bot token). */
    private static final Set<String> KEPT_ENV = Set.of("PATH", "HOME", "LANG", "TMPDIR");

    private final String name;
    private final Map<String, String> env;
    private final Path workDir;
    private final Path log;
    private final int port;
    private final long logStart;
    private Process process;
    private int launches;
    private int kills;

    /** The app on this database, started in its folder. */
    AppProcess(String name, TestDatabase db) {
        this(name, db.env(), db.folder());
    }

    AppProcess(String name, Map<String, String> appEnv, Path workDir) {
        this.name = name;
        this.workDir = workDir;
        this.port = freePort();
        this.env = new HashMap<>(appEnv);
        env.put("PORT", Integer.toString(port));
        this.log = logFolder().resolve(name + ".log");
        try {
            // Runs append (a failed run's log stays for reading); this instance reads only its own part.
            this.logStart = Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    /** A fresh client of this app (the port stays the same over restarts). */
    Web web() {
        return new Web(URI.create("http://127.0.0.1:" + port));
    }

    /** A fresh client with its chat open. */
    Web visitor(Duration within) {
        Web visitor = web();
        visitor.openChat(within);
        return visitor;
    }

    int kills() {
        return kills;
    }

    int launches() {
        return launches;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    /** Launches and waits until /health answers 200. */
    AppProcess start() {
        launch();
        awaitReady();
        return this;
    }

    /** Launches without waiting: clients meanwhile find the port closed, as after a crash. */
    void launch() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        // Quick starts on a 2-core machine (C1 only, serial GC): the app restarts dozens of times per test.
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dsohbet.faults.maxLifeSeconds=600", ChildMain.class.getName())
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().keySet().retainAll(KEPT_ENV);
        pb.environment().putAll(env);
        try {
            Files.writeString(log, "==== " + name + " launch " + (launches + 1) + " at " + Instant.now() + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = pb.start();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        launches++;
    }

    /** Waits until /health answers 200 (the database answers too). */
    void awaitReady() {
        Instant deadline = Instant.now().plus(READY);
        String last = "nothing";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " while starting; log tail:\n" + tail(40));
            }
            try {
                RawHttp.Response r = RawHttp.exchange(port, ("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + port
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), Duration.ofSeconds(3), false);
                if (r.status() == 200) {
                    return;
                }
                last = "status " + r.status();
            } catch (IOException e) {
                last = e.getMessage();
            }
            pause(15);
        }
        throw new AssertionError(name + " not ready within " + READY + " (last: " + last + "); log tail:\n" + tail(40));
    }

    /** Waits for the process to end by itself and returns its exit code; fails if it is still running after {@code within}. */
    int awaitExit(Duration within) {
        if (!exited(within)) {
            throw new AssertionError(name + " still running after " + within + "; log tail:\n" + tail(40));
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye to clients or the database. */
    void kill() {
        process.destroyForcibly();
        if (!exited(Duration.ofSeconds(15))) {
            throw new AssertionError(name + " (pid " + process.pid() + ") did not exit after a kill");
        }
        kills++;
    }

    /** SIGTERM and a bounded wait for the shutdown hook; SIGKILL if it does not finish. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!exited(Duration.ofSeconds(15))) {
                kill();
            }
        }
    }

    private boolean exited(Duration within) {
        try {
            return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Each logged server fault with the lines that follow it (its stack trace), one string per fault: 500 answers are
     * logged as "Unexpected error". Any line that names a fault starts one, even inside another's trace.
     */
    List<String> errorReports() {
        List<String> reports = new ArrayList<>();
        StringBuilder current = null;
        for (String line : logLines()) {
            boolean fault = line.contains("Unexpected error") || line.contains(" SEVERE ");
            boolean entry = line.length() > 20 && Character.isDigit(line.charAt(0)) && line.charAt(10) == 'T';
            if (fault || entry || line.startsWith("====")) {
                if (current != null) {
                    reports.add(current.toString());
                }
                current = fault ? new StringBuilder(line) : null;
            } else if (current != null) {
                current.append('\n').append(line);
            }
        }
        if (current != null) {
            reports.add(current.toString());
        }
        return reports;
    }

    /** No server fault in this instance's log but those that contain one of the {@code expected} texts. */
    void assertNoServerFaults(String... expected) {
        assertEquals(List.of(), errorReports().stream().filter(r -> List.of(expected).stream().noneMatch(r::contains)).toList(),
                "server faults in " + log);
    }

    /** This instance's part of the log (a killed process may leave a broken character: read leniently). */
    List<String> logLines() {
        try {
            if (!Files.exists(log)) {
                return List.of();
            }
            byte[] all = Files.readAllBytes(log);
            int from = (int) Math.min(logStart, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String tail(int lines) {
        List<String> all = logLines();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** The build's test classpath (main classes, dependencies, and this package for {@link ChildMain}). */
    static String classpath() {
        String override = System.getProperty("sohbet.faults.classpath");
        if (override != null && !override.isBlank()) {
            return override;
        }
        String cp = System.getProperty("java.class.path", "");
        String surefire = System.getProperty("surefire.test.class.path");
        boolean longer = surefire != null && surefire.split(File.pathSeparator).length > cp.split(File.pathSeparator).length;
        return longer ? surefire : cp;
    }

    /** {@code <build folder>/faults-logs}, next to test-classes, so CI keeps the logs with the reports. */
    static Path logFolder() {
        try {
            Path classes = Path.of(ChildMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.createDirectories(classes.getParent().resolve("faults-logs"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code millis} after {@code t0}: a fault schedule. */
    static void pauseUntil(Instant t0, long millis) {
        pause(Math.max(0, millis - Duration.between(t0, Instant.now()).toMillis()));
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return name + " on port " + port;
    }
}
