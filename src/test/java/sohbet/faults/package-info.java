/**
 * The fault suite: the app is broken on purpose, as a separate operating-system process, and what it
 * acknowledged is checked against what it stored and streamed.
 *
 * <h2>How the app runs</h2>
 * Each test starts {@code sohbet.app.Main} (the class the executable jar starts) in a child JVM
 * ({@link sohbet.faults.AppProcess}), with the build's test classpath, a clean environment of the
 * test's choosing, its own port and a fresh database; restarts reuse port and database. The
 * surefire phase runs before {@code package}, so the jar itself does not exist yet; the same
 * classes do. No pom plugin is involved, and {@code mvn -B verify} runs the suite with the other
 * tests. To run it against a packaged jar instead: {@code mvn package -DskipTests}, then
 * {@code -Dsohbet.faults.classpath=target/sohbet.jar:target/test-classes} (the jar's manifest
 * brings {@code libs/}). The child halts when the test JVM goes away (its stdin closes), and after
 * ten minutes at most. Only 127.0.0.1 is used.
 *
 * <h2>Scenarios</h2>
 * <ul>
 * <li>{@link sohbet.faults.CrashTest}: SIGKILL at random moments, 20 times per database.</li>
 * <li>{@link sohbet.faults.StreamDropTest}: streams cut from both sides; resync for ids the server cannot trust.</li>
 * <li>{@link sohbet.faults.DatabaseFaultTest}: pg_terminate_backend under load; a SQLite file locked by another process.</li>
 * <li>{@link sohbet.faults.HostileInputContract}: properties (jqwik, fixed seed) over generated malformed HTTP sent byte for byte.</li>
 * <li>{@link sohbet.faults.LoadWithFaultsTest}: 500 visitors (1,000 with -Dsohbet.faults.loadVisitors=1000) with open streams through database and process faults.</li>
 * <li>{@link sohbet.faults.TelegramFaultTest}: Bot API 500s, 429s, slow answers, an outage with a restart.</li>
 * </ul>
 *
 * <h2>Knobs</h2>
 * {@code -Dsohbet.faults.seed=N} replays a run's random choices (every failure names its seed);
 * {@code sohbet.faults.kills} and {@code sohbet.faults.loadVisitors}
 * size the runs; {@code -Dsohbet.faults.knownBugs=true} makes the {@link sohbet.faults.KnownBugs}
 * still awaiting their fix fail the build. Each app's log is kept in {@code <build>/faults-logs/};
 * each run prints one {@code [faults]} line with its figures and seed.
 */
package sohbet.faults;
