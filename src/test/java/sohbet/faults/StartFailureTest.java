package sohbet.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import sohbet.support.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A start that cannot succeed ends the process with a non-zero exit code (so a host that
 * restarts on failure does) and one plain {@code Sohbet: …} line that names the variable and the
 * real cause, with no stack trace. Each case is the app as its own process, as the jar runs it.
 */
class StartFailureTest {
    private static final Duration EXIT = Duration.ofSeconds(30);

    @Test
    void aTakenPortExitsWithAnErrorAndSaysWhichVariableToChange() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.SQLITE);
             AppProcess app = new AppProcess("start-taken-port", db);
             ServerSocket taken = new ServerSocket(app.port())) {
            assertTrue(taken.isBound());
            app.launch();
            assertOneLine(app, app.awaitExit(EXIT), "Sohbet: port " + app.port() + " is already in use; set PORT to another port");
        }
    }

    @Test
    void aDatabaseThatDoesNotExistIsNamed() throws Exception {
        failsWith("start-no-database", "postgresql://postgres@127.0.0.1:5432/sohbet_no_such_database?sslmode=disable",
                "Sohbet: DATABASE_URL: database \"sohbet_no_such_database\" does not exist");
    }

    @Test
    void anUnreachableDatabaseServerIsNamed() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        failsWith("start-unreachable", "postgresql://postgres@127.0.0.1:" + closed + "/test?sslmode=disable",
                "Sohbet: DATABASE_URL: cannot reach the database server at 127.0.0.1:" + closed);
    }

    @Test
    void aJdbcUrlIsRefusedBeforeAnythingStarts() throws Exception {
        failsWith("start-jdbc-url", "jdbc:postgresql://127.0.0.1:5432/test",
                "Sohbet: DATABASE_URL must look like postgresql://user:password@host:5432/dbname, not a jdbc: URL");
    }

    /** Starts the app with this DATABASE_URL and expects it to end at once with the one line. */
    private static void failsWith(String name, String databaseUrl, String expected) throws IOException {
        Path folder = Files.createTempDirectory("sohbet-start");
        Map<String, String> env = TestDatabase.create(TestDatabase.Kind.SQLITE).env();
        env.put("DATABASE_URL", databaseUrl);
        env.put("UPLOAD_DIR", folder.resolve("uploads").toString());
        try (AppProcess app = new AppProcess(name, env, folder)) {
            app.launch();
            assertOneLine(app, app.awaitExit(EXIT), expected);
        }
    }

    /** Non-zero exit, exactly one "Sohbet:" line starting with {@code expected}, and no stack trace anywhere. */
    private static void assertOneLine(AppProcess app, int code, String expected) throws IOException {
        List<String> lines = app.logLines();
        List<String> said = lines.stream().filter(l -> l.startsWith("Sohbet: ")).toList();
        assertTrue(code != 0, "exit code " + code + "; log:\n" + String.join("\n", lines));
        assertEquals(1, said.size(), "one Sohbet: line; log:\n" + String.join("\n", lines));
        assertTrue(said.getFirst().startsWith(expected), "got: " + said.getFirst() + "\nexpected it to start with: " + expected);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception")),
                "no stack trace without LOG_LEVEL=debug; log:\n" + String.join("\n", lines));
    }
}
