package sohbet.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sohbet.core.Message;
import sohbet.support.Web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenario 3 of issue 7: the event streams are cut between the browsers and the server (a relay the
 * test controls stands in for a flaky network or proxy), messages arrive meanwhile, and both pages
 * catch up with nothing missed and nothing shown twice, without a reload.
 */
class ReconnectBrowserTest extends BrowserTest {
    /**
     * Long enough for the browser's own retry (Chromium's default 3 s: Helidon's SseSink does not write
     * the "retry:" field that SseStream asks for) and htmx-ext-sse's back-off after a 503.
     */
    static final Duration CATCH_UP = Duration.ofSeconds(20);
    /** The console noise a cut stream makes: failed /events loads, and htmx logging its htmx:sseError event object. */
    static final String[] CUT_NOISE = {"/events", "\"[object Event]\"", "ERR_EMPTY_RESPONSE", "ERR_CONNECTION", "status of 503"};

    static CutProxy proxy;
    static RunningApp.AdminClient adminHttp;

    @BeforeAll
    static void start() {
        visitorAndAdmin();
        proxy = new CutProxy(app.app().port());
        adminHttp = app.adminClient();
    }

    @AfterAll
    static void stopProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @AfterEach
    void refuseNoMore() {
        proxy.refusing(false);
    }

    @Override
    String[] expectedOnConsole() {
        return CUT_NOISE;
    }

    /** Both pages on one thread, live through the relay, with a message from each side already shown. */
    private List<String> conversation() {
        long thread = Ui.newVisitor(visitor, proxy.url(""));
        Ui.openLive(admin, proxy.url("/admin/threads/" + thread));
        List<String> expected = new ArrayList<>(List.of("Kesintiden önce: ziyaretçi", "Kesintiden önce: destek"));
        Ui.send(visitor, expected.get(0));
        Ui.send(admin, expected.get(1));
        Ui.waitTexts(visitor, expected);
        Ui.waitTexts(admin, expected);
        Ui.markDocument(visitor);
        Ui.markDocument(admin);
        return expected;
    }

    private static void waitBoth(List<String> expected) {
        Ui.waitTexts(visitor, expected, CATCH_UP);
        Ui.waitTexts(admin, expected, CATCH_UP);
    }

    /** A request for {@code requestLine} was turned away since the {@code since}th; {@code fresh}: one without Last-Event-ID. */
    private static boolean turnedAway(int since, String requestLine, boolean fresh) {
        List<String> heads = proxy.turnedAway();
        return heads.subList(since, heads.size()).stream().anyMatch(h -> h.startsWith(requestLine)
                && !(fresh && h.toLowerCase(Locale.ROOT).contains("\r\nlast-event-id:")));
    }

    /** After catching up, the streams are live again: one more message each way shows once on both pages. */
    private static void stillLive(List<String> expected, String suffix) {
        Ui.send(visitor, "Sonra: ziyaretçi " + suffix);
        expected.add("Sonra: ziyaretçi " + suffix);
        Ui.waitTexts(admin, expected);
        Ui.send(admin, "Sonra: destek " + suffix);
        expected.add("Sonra: destek " + suffix);
        Ui.waitTexts(visitor, expected);
        Ui.waitTexts(admin, expected);
        assertEquals(visitor.messageIds(), admin.messageIds());
        assertTrue(Ui.sameDocument(visitor) && Ui.sameDocument(admin), "caught up without reloading the page");
    }

    /** A cut the browser's own EventSource retry heals: it reconnects with Last-Event-ID and gets what it missed. */
    @Test
    void shortCutIsHealedByTheBrowsersRetry() {
        List<String> expected = conversation();
        long thread = Ui.threadId(visitor);
        Web visitorHttp = app.visitorHttp(visitor);

        proxy.cutAll();
        adminHttp.reply(thread, "Kesintide: destek yazdı");
        expected.add("Kesintide: destek yazdı");
        RunningApp.say(visitorHttp, "Kesintide: ziyaretçi başka sekmeden yazdı");
        expected.add("Kesintide: ziyaretçi başka sekmeden yazdı");

        waitBoth(expected);
        stillLive(expected, "1");
    }

    /**
     * An outage that answers reconnects with 503 (a proxy while the app restarts): EventSource gives up,
     * and htmx-ext-sse opens a new one to the page's original URL, without Last-Event-ID, carrying the
     * page-load id: the replay then overlaps what the page already shows, and the stable ids (hx-preserve)
     * must keep every message single and in order.
     */
    @Test
    void outageWithRefusedReconnectsCatchesUpOnce() {
        List<String> expected = conversation();
        long thread = Ui.threadId(visitor);
        Web visitorHttp = app.visitorHttp(visitor);

        int refusedBefore = proxy.turnedAway().size();
        proxy.refusing(true);
        proxy.cutAll();
        adminHttp.reply(thread, "Kesintide: destek 1");
        expected.add("Kesintide: destek 1");
        RunningApp.say(visitorHttp, "Kesintide: ziyaretçi 1");
        expected.add("Kesintide: ziyaretçi 1");
        adminHttp.reply(thread, "Kesintide: destek 2");
        expected.add("Kesintide: destek 2");
        // Both pages were turned away, and each came back with a brand-new EventSource (no Last-Event-ID).
        visitor.waiting(CATCH_UP).until(d -> turnedAway(refusedBefore, "GET /events?", true) && turnedAway(refusedBefore, "GET /admin/events?", true));
        proxy.refusing(false);

        waitBoth(expected);
        stillLive(expected, "2");
    }

    /**
     * Too much missed (more than the 500 a replay carries): the stream answers with a resync that
     * replaces #thread's content. The new #messages list must still take later live messages.
     */
    @Test
    void resyncReplacesTheListAndLiveMessagesStillArrive() {
        conversation();
        long thread = Ui.threadId(visitor);

        int refusedBefore = proxy.turnedAway().size();
        proxy.refusing(true);
        proxy.cutAll();
        for (int i = 1; i <= 501; i++) {
            app.app().chat().postText(thread, Message.Sender.ADMIN, Message.Channel.WEB, "Toplu " + i, null);
        }
        visitor.waiting(CATCH_UP).until(d -> turnedAway(refusedBefore, "GET /events?", false) && turnedAway(refusedBefore, "GET /admin/events?", false));
        proxy.refusing(false);

        // After a resync a page shows what a fresh page load would: the newest page of history.
        List<String> expected = new ArrayList<>(app.app().chat().history(thread).stream().map(Message::body).toList());
        assertEquals("Toplu 501", expected.getLast());
        waitBoth(expected);
        stillLive(expected, "3");
        assertEquals(1, visitor.all("#messages").size(), "one message list after the resync");
        assertEquals(1, admin.all("#messages").size(), "one message list after the resync");

        // The "older messages" link of the resynced list still works, and keeps the order.
        int before = visitor.messageIds().size();
        visitor.js("document.querySelector('#messages li.older a').scrollIntoView()"); // as a reader scrolls up to it
        visitor.find("#messages li.older a").click();
        visitor.waiting().until(d -> visitor.messageIds().size() > before);
        List<Long> ids = visitor.messageIds().stream().map(id -> Long.parseLong(id.substring(2))).toList();
        assertEquals(ids.stream().sorted().distinct().toList(), ids, "oldest first, each once");
    }
}
