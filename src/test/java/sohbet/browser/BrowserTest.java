package sohbet.browser;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The app and the browsers of one test class: started by the class, closed after it, every console
 * checked after each test. Static, as JUnit's class lifecycle asks; test classes run one at a time.
 */
abstract class BrowserTest {
    static RunningApp app;
    static List<Chrome> browsers = List.of();
    /** The first browser, and the second, signed in to the panel, when the class asks for both. */
    static Chrome visitor;
    static Chrome admin;

    static void start(Chrome.Setup... setups) {
        start(Map.of(), setups);
    }

    static void start(Map<String, String> settings, Chrome.Setup... setups) {
        app = RunningApp.start(settings);
        startBrowsers(setups);
    }

    /** The browsers alone, for a class whose setups need the running app's address. */
    static void startBrowsers(Chrome.Setup... setups) {
        browsers = Chrome.startAll(setups);
        visitor = browsers.getFirst();
        admin = null;
    }

    /** A Turkish visitor and a Turkish admin signed in (a cookie knows no port: a relay in front is covered too). */
    static void visitorAndAdmin() {
        start(Chrome.Setup.TURKISH, Chrome.Setup.TURKISH);
        admin = browsers.get(1);
        Ui.signInQuickly(admin, app);
    }

    /** Console lines the class expects after its tests (a cut stream's failed loads, say), by a substring. */
    String[] expectedOnConsole() {
        return new String[0];
    }

    @AfterEach
    void noConsoleProblems() {
        for (Chrome c : browsers) {
            assertEquals(List.of(), c.problems(expectedOnConsole()), (c == admin ? "admin" : "browser " + browsers.indexOf(c)) + " console");
        }
    }

    @AfterAll
    static void stop() {
        try (RunningApp a = app) {
            Chrome.closeAll(browsers.toArray(Chrome[]::new));
        } finally {
            app = null;
            browsers = List.of();
        }
    }
}
