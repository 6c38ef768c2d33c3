package sohbet.browser;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import sohbet.desk.auth.AdminSessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** What a person does on the pages, and the waits that go with it. */
final class Ui {
    private Ui() {
    }

    /** Signs in through the real form; the browser ends on the panel. */
    static void signIn(Chrome admin, String base) {
        admin.fresh(base + "/admin/login");
        admin.find("#username").clear();
        admin.find("#username").sendKeys(RunningApp.ADMIN);
        admin.find("#password").sendKeys(RunningApp.PASSWORD);
        admin.find("form button[type=submit]").click();
        admin.waiting().until(d -> d.getCurrentUrl().endsWith("/admin"));
    }

    /**
     * Signs in without the form (the form itself is exercised by {@link #signIn}): a session made by
     * a plain HTTP sign-in, its cookie handed to the browser. Saves a second or so per browser.
     */
    static void signInQuickly(Chrome admin, RunningApp app) {
        String session = app.adminClient().web().cookie(AdminSessions.COOKIE);
        assertNotNull(session, "admin session cookie");
        admin.driver().executeCdpCommand("Network.setCookie", Map.of("name", AdminSessions.COOKIE,
                "value", session, "url", app.url("/"), "path", "/", "httpOnly", true, "sameSite", "Lax"));
    }

    /** A brand-new visitor: no cookie, so the page starts a new thread. Returns the thread id. */
    static long newVisitor(Chrome visitor, String base) {
        visitor.clearCookies();
        openLive(visitor, base + "/");
        return threadId(visitor);
    }

    static long threadId(Chrome visitor) {
        String c = visitorCookie(visitor);
        return Long.parseLong(c.substring(0, c.indexOf('.')));
    }

    static String visitorCookie(Chrome visitor) {
        Cookie c = visitor.driver().manage().getCookieNamed("sohbet_visitor");
        assertNotNull(c, "visitor cookie");
        return c.getValue();
    }

    /** Opens {@code url} in a fresh tab and waits until its event stream is open. */
    static void openLive(Chrome c, String url) {
        c.fresh(url);
        waitLive(c);
    }

    /** Waits until the page's EventSource (htmx-ext-sse, on the sse-connect element) is open. */
    static void waitLive(Chrome c) {
        c.waiting().until(x -> c.is("""
                const e = document.querySelector('[sse-connect]');
                const data = e && e['htmx-internal-data'];
                return !!(data && data.sseEventSource && data.sseEventSource.readyState === 1);"""));
    }

    /**
     * Clicks a thread in the panel's list and waits for its conversation, live. The list is re-rendered
     * live, so a link replaced between finding and clicking it is simply looked up again.
     */
    static void openFromList(Chrome admin, long thread) {
        admin.waiting().until(d -> {
            d.findElement(By.cssSelector("#t-" + thread + " a")).click();
            return true;
        });
        admin.waiting().until(d -> d.getCurrentUrl().endsWith("/admin/threads/" + thread));
        waitLive(admin);
    }

    /** Marks the current document, so a test can tell later that it was never reloaded. */
    static void markDocument(Chrome c) {
        c.js("window.__sohbetNoReload = 'yes'");
    }

    static boolean sameDocument(Chrome c) {
        return "yes".equals(c.js("return window.__sohbetNoReload || null"));
    }

    /**
     * Types into the compose box and presses the send button; waits until the message is on the page
     * and the form came back empty with a new client id (the htmx answer's out-of-band form).
     */
    static void send(Chrome c, String text) {
        String before = c.find("#compose input[name=client_id]").getAttribute("value");
        int count = c.all("#messages li.msg").size();
        WebElement box = c.find("#compose textarea[name=body]");
        box.clear();
        type(box, text);
        c.find("#compose button[type=submit]").click();
        c.waiting().until(d -> c.messageTexts().contains(text.strip()) && c.all("#messages li.msg").size() > count);
        c.waiting().until(d -> !c.find("#compose input[name=client_id]").getAttribute("value").equals(before)
                && c.find("#compose textarea[name=body]").getAttribute("value").isEmpty());
    }

    /** Types like a person: a line break is Shift+Enter (Enter alone sends where a keyboard is likely). */
    static void type(WebElement box, String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                box.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
            }
            box.sendKeys(lines[i]);
        }
    }

    /** Waits until the page shows exactly these message texts, in this order, each once. */
    static void waitTexts(Chrome c, List<String> expected) {
        waitTexts(c, expected, Chrome.WAIT);
    }

    static void waitTexts(Chrome c, List<String> expected, Duration within) {
        try {
            c.waiting(within).until(d -> c.messageTexts().equals(expected));
        } catch (TimeoutException e) {
            assertEquals(expected, c.messageTexts(), "messages on " + c.driver().getCurrentUrl());
        }
        List<String> ids = c.messageIds();
        assertEquals(ids.size(), new HashSet<>(ids).size(), "a message shown twice: " + ids);
        assertEquals(List.of(), c.all("#messages li.msg:not([id^='m-'])").stream().map(WebElement::getText).toList(),
                "message elements without a stable id");
    }

    static boolean adminShownOnline(Chrome visitor) {
        return !visitor.all("#admin-status .dot.on").isEmpty();
    }

    static boolean visitorShownOnline(Chrome admin, long threadId) {
        return !admin.all("#t-" + threadId + " .dot.on").isEmpty();
    }
}
