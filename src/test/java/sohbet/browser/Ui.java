package sohbet.browser;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

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
    static void signInQuickly(Chrome admin, RunningApp app, String base) {
        sohbet.support.Web web = new sohbet.support.Web(java.net.URI.create(app.url("/")));
        web.signIn(RunningApp.ADMIN, RunningApp.PASSWORD);
        String session = web.cookie(sohbet.desk.auth.AdminSessions.COOKIE);
        assertNotNull(session, "admin session cookie");
        admin.driver().executeCdpCommand("Network.setCookie", java.util.Map.of("name", sohbet.desk.auth.AdminSessions.COOKIE,
                "value", session, "url", base + "/", "path", "/", "httpOnly", true, "sameSite", "Lax"));
    }

    /** A brand-new visitor: no cookie, so the page starts a new thread. Returns the thread id. */
    static long newVisitor(Chrome visitor, String base) {
        visitor.clearCookies();
        visitor.fresh(base + "/");
        waitLive(visitor);
        return threadId(visitor);
    }

    static long threadId(Chrome visitor) {
        Cookie c = visitor.driver().manage().getCookieNamed("sohbet_visitor");
        assertNotNull(c, "visitor cookie");
        return Long.parseLong(c.getValue().substring(0, c.getValue().indexOf('.')));
    }

    static String visitorCookie(Chrome visitor) {
        return visitor.driver().manage().getCookieNamed("sohbet_visitor").getValue();
    }

    /** Waits until the page's EventSource (htmx-ext-sse, on the sse-connect element) is open. */
    static void waitLive(Chrome c) {
        waitLive(c, Chrome.WAIT);
    }

    static void waitLive(Chrome c, Duration d) {
        c.waiting(d).until(x -> Boolean.TRUE.equals(c.js("""
                const e = document.querySelector('[sse-connect]');
                const data = e && e['htmx-internal-data'];
                return !!(data && data.sseEventSource && data.sseEventSource.readyState === 1);""")));
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
        c.waiting().until(d -> {
            WebElement cid = d.findElement(By.cssSelector("#compose input[name=client_id]"));
            WebElement body = d.findElement(By.cssSelector("#compose textarea[name=body]"));
            return !cid.getAttribute("value").equals(before) && body.getAttribute("value").isEmpty();
        });
    }

    /** Types like a person: a line break is Shift+Enter (Enter alone sends where a keyboard is likely). */
    static void type(WebElement box, String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                box.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.SHIFT, org.openqa.selenium.Keys.ENTER));
            }
            box.sendKeys(lines[i]);
        }
    }

    /** Waits until the page shows exactly these message texts, in this order. */
    static void waitTexts(Chrome c, List<String> expected) {
        try {
            c.waiting().until(d -> c.messageTexts().equals(expected));
        } catch (org.openqa.selenium.TimeoutException e) {
            assertEquals(expected, c.messageTexts(), "messages on " + c.driver().getCurrentUrl());
        }
        assertOnce(c);
    }

    /** Every message element has a distinct id: nothing was shown twice. */
    static void assertOnce(Chrome c) {
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
