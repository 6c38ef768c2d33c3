package sohbet.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium, driven by Debian's chromedriver (named explicitly, so Selenium
 * never looks for or downloads a browser), with its own throw-away profile. Console messages are
 * collected so tests can assert there were no CSP violations or htmx errors.
 *
 * <p>Longer than most of our classes because it is the one place that knows WebDriver: every
 * browser test reads pages, waits and clicks through it, so no test repeats that plumbing.
 */
final class Chrome implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Duration WAIT = Duration.ofSeconds(10);

    /** How a browser is set up: its language, whether JavaScript runs, more preferences (content settings, say). */
    record Setup(String language, boolean javascript, Map<String, Object> prefs) {
        static final Setup TURKISH = new Setup("tr-TR,tr", true, Map.of());
        static final Setup ENGLISH = new Setup("en-US,en", true, Map.of());
        static final Setup NO_SCRIPT = new Setup("tr-TR,tr", false, Map.of());

        Setup with(Map<String, Object> more) {
            return new Setup(language, javascript, more);
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
        List<CompletableFuture<Chrome>> starting = Arrays.stream(setups).map(s -> CompletableFuture.supplyAsync(() -> start(s))).toList();
        List<Chrome> started = new ArrayList<>();
        RuntimeException failure = null;
        for (var f : starting) {
            try {
                started.add(f.join());
            } catch (CompletionException e) {
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
        CompletableFuture.allOf(Arrays.stream(browsers).filter(Objects::nonNull).map(b -> CompletableFuture.runAsync(b::close))
                .toArray(CompletableFuture[]::new)).join();
    }

    static Chrome start(Setup setup) {
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
        prefs.putAll(setup.prefs());
        options.setExperimentalOption("prefs", prefs);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build(), options);
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
        String home = driver.switchTo().newWindow(WindowType.TAB).getWindowHandle();
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
        driver.switchTo().newWindow(WindowType.TAB);
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

    /** Takes the network away (as in a tunnel) or gives it back. */
    void offline(boolean offline) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.emulateNetworkConditions",
                Map.of("offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /** Every cookie the browser keeps, partitioned ones included, as the DevTools protocol describes them. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> cookies() {
        return (List<Map<String, Object>>) driver.executeCdpCommand("Network.getAllCookies", Map.of()).get("cookies");
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

    FluentWait<WebDriver> waiting() {
        return waiting(WAIT);
    }

    /** A wait that reads again what a live re-render replaced meanwhile. */
    FluentWait<WebDriver> waiting(Duration d) {
        return new WebDriverWait(driver, d, Duration.ofMillis(50)).ignoring(StaleElementReferenceException.class);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Whether a script returns true. */
    boolean is(String script, Object... args) {
        return Boolean.TRUE.equals(js(script, args));
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The text of the first element matching {@code css}, hidden parts included, trimmed. */
    String text(String css) {
        return find(css).getDomProperty("textContent").strip();
    }

    /** The ids of the message elements on the page, in document order. */
    List<String> messageIds() {
        return strings("return Array.from(document.querySelectorAll('#messages li.msg')).map(e => e.id)");
    }

    /** The texts of the message bodies, in document order. */
    List<String> messageTexts() {
        return strings("return Array.from(document.querySelectorAll('#messages li.msg .body')).map(e => e.textContent)");
    }

    /** What a script returns as a list of strings (the measurements of {@link Layout}, say). */
    @SuppressWarnings("unchecked")
    List<String> strings(String script, Object... args) {
        return (List<String>) js(script, args);
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
        List<LogEntry> all = console();
        List<String> out = all.subList(reported, all.size()).stream()
                .filter(e -> e.getMessage().contains("Content Security Policy") || e.getMessage().contains("Refused to")
                        || e.getLevel().intValue() >= Level.WARNING.intValue())
                .filter(e -> Arrays.stream(allowed).noneMatch(e.getMessage()::contains))
                .map(e -> e.getLevel() + " " + e.getMessage()).toList();
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
