package sohbet.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
class NavigationBrowserTest extends BrowserTest {
    @BeforeAll
    static void start() {
        visitorAndAdmin();
    }

    @Test
    void adminOpensEightConversationsInARow() {
        List<Long> threads = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            Web web = app.newVisitorHttp();
            RunningApp.say(web, "Soru " + i);
            threads.add(web.threadId());
        }
        Ui.openLive(admin, app.url("/admin"));
        for (long id : threads) {
            Ui.openFromList(admin, id); // a plain link: the previous page goes to the back/forward cache
        }
    }

    @Test
    void visitorWhoFollowsALinkAwayGoesOffline() {
        long thread = Ui.newVisitor(visitor, app.url(""));
        // Written from elsewhere: a page whose own htmx post got a no-store answer is not cached, so this one posts nothing.
        RunningApp.say(app.visitorHttp(visitor), "Bir bakıp geliyorum");
        Ui.openLive(admin, app.url("/admin"));
        admin.waiting().until(d -> Ui.visitorShownOnline(admin, thread));
        visitor.open(app.url("/health")); // same tab, like following a link to another page of the site
        admin.waiting(Duration.ofSeconds(8)).until(d -> !Ui.visitorShownOnline(admin, thread));
        assertEquals(1, admin.all("#t-" + thread + " .dot.off").size());
    }
}
