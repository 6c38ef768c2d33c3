package sohbet.faults;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
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
import java.util.concurrent.TimeUnit;

import sohbet.support.RawHttp;
import sohbet.support.Web;

/**
 * The application as its own operating-system process, the way it runs in production: the same
 * {@code sohbet.app.Main} the executable jar starts, in a child JVM with the build's classpath
 * and an environment of the test's choosing. Restarts reuse the port and the database, so
 * clients reconnect to "the same server" after a crash. Output goes to a log file under the
 * build folder ({@code faults-logs/}), which the tests scan for unexpected errors.
 */
final class AppProcess implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(40);

    private final String name;
    private final Map<String, String> env;
    private final Path workDir;
    private final Path log;
    private final int port;
    private final long logStart;
    private Process process;
    private int launches;
    private int kills;

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

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Launches and waits until /health answers 200. */
    AppProcess start() {
        launch();
        awaitReady();
        return this;
    }

    /** Launches without waiting: clients meanwhile find the port closed, as after a crash. */
    void launch() {
        if (alive()) {
            throw new IllegalStateException(name + " is already running");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-Xmx384m");
        // Quick starts on a 2-core machine: the app restarts dozens of times per test.
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Dsohbet.faults.maxLifeSeconds=600");
        cmd.add(ChildMain.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> e = pb.environment();
        // Nothing from the machine's environment configures the app (a DATABASE_URL, a bot token): only ours.
        e.keySet().removeIf(k -> !k.equals("PATH") && !k.equals("HOME") && !k.equals("LANG") && !k.equals("TMPDIR"));
        e.putAll(env);
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
        awaitHealth(200);
    }

    /** Waits until the server answers /health at all (200 or 503), for starts while the database is broken. */
    void awaitListening() {
        awaitHealth(-1);
    }

    private void awaitHealth(int wanted) {
        Instant deadline = Instant.now().plus(READY);
        String last = "nothing";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " while starting; log tail:\n" + tail(40));
            }
            try {
                RawHttp.Response r = RawHttp.exchange(port, ("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + port
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), Duration.ofSeconds(3), false);
                if (wanted < 0 || r.status() == wanted) {
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
        try {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " still running after " + within + "; log tail:\n" + tail(40));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye to clients or the database. */
    void kill() {
        process.destroyForcibly();
        waitExit();
        kills++;
    }

    /** SIGTERM and a bounded wait for the shutdown hook; SIGKILL if it does not finish. */
    void stop() {
        if (!alive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        waitExit();
    }

    private void waitExit() {
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                throw new AssertionError(name + " (pid " + process.pid() + ") did not exit after a kill");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lines of the log that report a server fault: 500 answers are logged as "Unexpected error", with their stack traces. */
    List<String> unexpectedErrors() {
        return logLines().stream().filter(l -> l.contains("Unexpected error") || l.contains(" SEVERE ")).toList();
    }

    /** Each logged server fault with the lines that follow it (its stack trace), one string per fault. */
    List<String> errorReports() {
        List<String> reports = new ArrayList<>();
        StringBuilder current = null;
        for (String line : logLines()) {
            boolean entry = line.length() > 20 && Character.isDigit(line.charAt(0)) && line.charAt(10) == 'T';
            if (entry || line.startsWith("====")) {
                if (current != null) {
                    reports.add(current.toString());
                    current = null;
                }
                if (line.contains("Unexpected error") || line.contains(" SEVERE ")) {
                    current = new StringBuilder(line);
                }
            } else if (current != null) {
                current.append('\n').append(line);
            }
        }
        if (current != null) {
            reports.add(current.toString());
        }
        return reports;
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

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            stop();
        }
    }

    /** The build's test classpath (main classes, dependencies, and this package for {@link ChildMain}). */
    static String classpath() {
        String override = System.getProperty("sohbet.faults.classpath");
        if (override != null && !override.isBlank()) {
            return override;
        }
        String cp = System.getProperty("java.class.path", "");
        String surefire = System.getProperty("surefire.test.class.path");
        if (surefire != null && surefire.split(File.pathSeparator).length > cp.split(File.pathSeparator).length) {
            return surefire;
        }
        return cp;
    }

    /** {@code <build folder>/faults-logs}, next to test-classes, so CI keeps the logs with the reports. */
    static Path logFolder() {
        try {
            Path classes = Path.of(ChildMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path folder = classes.getParent().resolve("faults-logs");
            Files.createDirectories(folder);
            return folder;
        } catch (URISyntaxException | IOException e) {
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
