package sohbet.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium, driven by Debian's chromedriver (named explicitly, so Selenium
 * never looks for or downloads a browser), with its own throw-away profile. Console messages are
 * collected so tests can assert there were no CSP violations or htmx errors.
 */
final class Chrome implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Duration WAIT = Duration.ofSeconds(10);
    /**
     * static/admin.js creates its AudioContext for the new-message beep before any user gesture;
     * Chromium refuses to start it and warns on every beep, and as the context is never resumed the
     * beep never sounds. Tolerated here until admin.js creates (or resumes) the context on a user gesture.
     */

    /** How a browser is set up: its language, whether JavaScript runs. */
    record Setup(String language, boolean javascript) {
        static Setup turkish() {
            return new Setup("tr-TR,tr", true);
        }

        static Setup english() {
            return new Setup("en-US,en", true);
        }

        static Setup noScript() {
            return new Setup("tr-TR,tr", false);
        }
    }

    private final ChromeDriver driver;
    private final Path profile;
    private final List<LogEntry> console = new ArrayList<>();
    private int reported;
    private int width = 1280;
    private int height = 800;
    private boolean mobile;
    private boolean dark;

    private Chrome(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts several browsers at once (each takes a few seconds to come up). */
    static List<Chrome> startAll(Setup... setups) {
        List<java.util.concurrent.CompletableFuture<Chrome>> starting = java.util.Arrays.stream(setups)
                .map(s -> java.util.concurrent.CompletableFuture.supplyAsync(() -> start(s))).toList();
        List<Chrome> started = new ArrayList<>();
        RuntimeException failure = null;
        for (var f : starting) {
            try {
                started.add(f.join());
            } catch (java.util.concurrent.CompletionException e) {
                failure = e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        if (failure != null) {
            started.forEach(Chrome::close);
            throw failure;
        }
        return started;
    }

    /** Quits several browsers at once; null ones (a start that failed) are skipped. */
    static void closeAll(Chrome... browsers) {
        java.util.concurrent.CompletableFuture.allOf(java.util.Arrays.stream(browsers).filter(java.util.Objects::nonNull)
                .map(b -> java.util.concurrent.CompletableFuture.runAsync(b::close))
                .toArray(java.util.concurrent.CompletableFuture[]::new)).join();
    }

    static Chrome start(Setup setup) {
        return start(setup, Map.of());
    }

    /** A browser with more preferences of its own (content settings, say). */
    static Chrome start(Setup setup, Map<String, Object> morePrefs) {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                    + CHROMEDRIVER + "); bash .ci/run installs them with apt-get");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("sohbet-chrome");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-quic", "--no-first-run", "--disable-sync",
                "--disable-dev-shm-usage", "--disable-extensions", "--no-default-browser-check", "--mute-audio",
                "--password-store=basic", "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
                "--user-data-dir=" + profile, "--lang=" + setup.language().split(",")[0], "--window-size=1280,800");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("intl.accept_languages", setup.language());
        if (!setup.javascript()) {
            prefs.put("profile.managed_default_content_settings.javascript", 2);
        }
        prefs.putAll(morePrefs);
        options.setExperimentalOption("prefs", prefs);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        Chrome chrome = new Chrome(driver, profile);
        chrome.applyScreen();
        return chrome;
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    /**
     * Opens {@code url} in a brand-new tab after closing every other one except a blank home tab, so no
     * earlier page lingers in the back/forward cache with its event stream still open (see
     * {@code NavigationBrowserTest}).
     */
    void fresh(String url) {
        String home = driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB).getWindowHandle();
        for (String h : driver.getWindowHandles()) {
            if (!h.equals(home)) {
                driver.switchTo().window(h);
                driver.close();
            }
        }
        driver.switchTo().window(home);
        openTab(url);
    }

    /** Opens {@code url} in a new tab (with this browser's screen size and colour scheme) and switches to it. */
    void openTab(String url) {
        driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        applyScreen();
        driver.get(url);
    }

    /** Closes the current tab (the page is destroyed, not cached) and switches to the blank home tab. */
    void closeTab() {
        String current = driver.getWindowHandle();
        driver.close();
        driver.switchTo().window(driver.getWindowHandles().stream().filter(h -> !h.equals(current)).findFirst().orElseThrow());
    }

    /** Forgets every cookie (a brand-new visitor), without loading any page. */
    void clearCookies() {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    /**
     * A phone (or any) screen: exact CSS viewport, touch and the mobile meta-viewport rules when
     * {@code mobile}. Kept for the tabs this browser opens later (an override belongs to one tab).
     */
    void viewport(int width, int height, boolean mobile) {
        this.width = width;
        this.height = height;
        this.mobile = mobile;
        applyScreen();
    }

    void darkMode(boolean dark) {
        this.dark = dark;
        applyScreen();
    }

    private void applyScreen() {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
        driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", mobile, "maxTouchPoints", mobile ? 5 : 1));
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
    }

    WebDriverWait waiting() {
        return waiting(WAIT);
    }

    WebDriverWait waiting(Duration d) {
        WebDriverWait w = new WebDriverWait(driver, d, Duration.ofMillis(50));
        w.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return w;
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The ids of the message elements on the page, in document order. */
    @SuppressWarnings("unchecked")
    List<String> messageIds() {
        return (List<String>) js("return Array.from(document.querySelectorAll('#messages li.msg')).map(e => e.id)");
    }

    /** The texts of the message bodies, in document order. */
    @SuppressWarnings("unchecked")
    List<String> messageTexts() {
        return (List<String>) js("return Array.from(document.querySelectorAll('#messages li.msg .body')).map(e => e.textContent)");
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Console messages since the browser started (read-and-keep: the driver hands each entry out once). */
    synchronized List<LogEntry> console() {
        try {
            console.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
        } catch (RuntimeException e) {
            // a browser that is going away has no more log to give
        }
        return List.copyOf(console);
    }

    /**
     * Console warnings and errors not yet looked at: CSP refusals, htmx errors, failed loads. Each call
     * reports only what came since the previous one; {@code allowed} lists expected ones (a 422 the test
     * provoked, say) by a substring of their text.
     */
    synchronized List<String> problems(String... allowed) {
        List<String> out = new ArrayList<>();
        List<String> ok = new ArrayList<>(List.of(allowed));
        List<LogEntry> all = console();
        for (LogEntry e : all.subList(reported, all.size())) {
            String m = e.getMessage();
            boolean bad = m.contains("Content Security Policy") || m.contains("Refused to")
                    || e.getLevel().intValue() >= Level.WARNING.intValue();
            for (String o : ok) {
                if (m.contains(o)) {
                    bad = false;
                }
            }
            if (bad) {
                out.add(e.getLevel() + " " + m);
            }
        }
        reported = all.size();
        return out;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } catch (RuntimeException ignored) {
            // already gone
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
