package sohbet.browser;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sohbet.support.Web;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Leaving a page by navigating (a link, back, typing another address) must end its event stream,
 * as closing the tab does. Chromium (156 here) keeps pages served with {@code Cache-Control:
 * no-store} in its back/forward cache unless a script request of the page also got a no-store
 * answer; were the event stream answered {@code no-cache} (as Helidon's SseSink does), the cached
 * page's stream stays open: the visitor stays "online", and after five conversations opened in a
 * row the admin's sixth page never loads (six HTTP/1.1 connections per host, all held by cached
 * pages). The stream now answers {@code Cache-Control: no-store} (its own writer, not SseSink); this
 * test keeps it that way.
 */
class NavigationBrowserTest {
    static RunningApp app;
    static Chrome visitor;
    static Chrome admin;

    @BeforeAll
    static void start() {
        app = RunningApp.start();
        List<Chrome> browsers = Chrome.startAll(Chrome.Setup.turkish(), Chrome.Setup.turkish());
        visitor = browsers.get(0);
        admin = browsers.get(1);
        Ui.signInQuickly(admin, app, app.url(""));
    }

    @AfterAll
    static void stop() {
        try (RunningApp a = app) {
            Chrome.closeAll(visitor, admin);
        }
    }

    @AfterEach
    void noConsoleProblems() {
        assertEquals(List.of(), visitor.problems(), "visitor console");
        assertEquals(List.of(), admin.problems(), "admin console");
    }

    private static long visitorWithMessage(String text) {
        Web web = new Web(URI.create(app.url("/")));
        web.get("/");
        web.post("/messages", Web.form("body", text, "client_id", UUID.randomUUID().toString()));
        String c = web.cookie("sohbet_visitor");
        return Long.parseLong(c.substring(0, c.indexOf('.')));
    }

    @Test
    void adminOpensEightConversationsInARow() {
        List<Long> threads = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            threads.add(visitorWithMessage("Soru " + i));
        }
        admin.fresh(app.url("/admin"));
        Ui.waitLive(admin);
        for (long id : threads) {
            // A plain link: the previous page goes to the back/forward cache. The list may be re-rendered by a
            // live update between finding the link and clicking it, so a stale element is simply looked up again.
            admin.waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
                d.findElement(org.openqa.selenium.By.cssSelector("#t-" + id + " a")).click();
                return true;
            });
            admin.waiting().until(d -> d.getCurrentUrl().endsWith("/admin/threads/" + id));
            Ui.waitLive(admin);
        }
    }

    @Test
    void visitorWhoFollowsALinkAwayGoesOffline() {
        long thread = Ui.newVisitor(visitor, app.url(""));
        // Written from elsewhere: a page whose own htmx post got a no-store answer is not cached, so this one posts nothing.
        Web web = new Web(URI.create(app.url("/")));
        web.setCookie("sohbet_visitor", Ui.visitorCookie(visitor));
        web.post("/messages", Web.form("body", "Bir bakıp geliyorum", "client_id", UUID.randomUUID().toString()));
        admin.fresh(app.url("/admin"));
        Ui.waitLive(admin);
        admin.waiting().until(d -> Ui.visitorShownOnline(admin, thread));
        visitor.open(app.url("/health")); // same tab, like following a link to another page of the site
        admin.waiting(Duration.ofSeconds(8)).until(d -> !Ui.visitorShownOnline(admin, thread));
        assertEquals(1, admin.all("#t-" + thread + " .dot.off").size());
    }
}
