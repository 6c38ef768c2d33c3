package sohbet.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A visitor and the admin, each in a real browser, chatting live: htmx posts, SSE swaps, presence.
 * Scenarios 1 and 2 of issue 7.
 */
class LiveChatBrowserTest extends BrowserTest {
    @BeforeAll
    static void start() {
        visitorAndAdmin();
    }

    /** Scenario 1: both ways, no reload, in order, each message once, the form ready for the next one. */
    @Test
    void visitorAndAdminChatBothWaysLive() {
        long thread = Ui.newVisitor(visitor, app.url(""));
        Ui.openLive(admin, app.url("/admin/threads/" + thread));
        Ui.markDocument(visitor);
        Ui.markDocument(admin);
        assertTrue(visitor.find(".empty").isDisplayed(), "the greeting shows on an empty thread");

        List<String> expected = new ArrayList<>();
        String[][] turns = {
                {"v", "Merhaba, siparişim nerede?"},
                {"a", "Merhaba! Kargoya verildi, yarın sizde."},
                {"v", "satır bir\nsatır iki"},
                {"a", "<b>kalın değil</b> & \"tırnak\" 'ğüşıöçİ'"},
                {"v", "Teşekkürler"},
                {"v", "Bir şey daha"},
                {"a", "Buyurun"},
        };
        for (String[] turn : turns) {
            Chrome from = turn[0].equals("v") ? visitor : admin;
            Ui.send(from, turn[1]);
            expected.add(turn[1]);
            Ui.waitTexts(visitor, expected);
            Ui.waitTexts(admin, expected);
        }

        assertEquals(visitor.messageIds(), admin.messageIds(), "both pages hold the same messages in the same order");
        assertTrue(Ui.sameDocument(visitor) && Ui.sameDocument(admin), "no page was reloaded");
        assertFalse(visitor.find(".empty").isDisplayed(), "the greeting hides once there are messages");
        assertTrue(visitor.all("#messages .body b").isEmpty(), "message text is shown as text, never as markup");
        // Who said what, from each side's point of view.
        assertEquals(List.of("Siz", "Destek"), List.of(visitor.all("#messages li.mine .who").getFirst().getDomProperty("textContent"),
                visitor.all("#messages li.theirs .who").getFirst().getDomProperty("textContent")));
        assertEquals("Siz", admin.all("#messages li.mine .who").getFirst().getDomProperty("textContent"));
    }

    /**
     * With a keyboard (a fine pointer) Enter sends and Shift+Enter breaks the line, and the box keeps
     * the focus for the next message; on a touch screen Enter stays a line break.
     */
    @Test
    void enterSendsOnADesktopAndBreaksTheLineOnAPhone() {
        Ui.newVisitor(visitor, app.url(""));
        WebElement box = visitor.find("#body");
        Ui.type(box, "birinci satır\nikinci satır"); // Shift+Enter between the lines
        assertEquals("birinci satır\nikinci satır", box.getDomProperty("value"), "Shift+Enter breaks the line");
        assertEquals(0, visitor.all("#messages li.msg").size());
        box.sendKeys(Keys.ENTER);
        Ui.waitTexts(visitor, List.of("birinci satır\nikinci satır"));
        visitor.waiting().until(d -> visitor.is("const b = document.getElementById('body'); return b.value === '' && document.activeElement === b"));
        visitor.find("#body").sendKeys(Keys.ENTER);
        assertEquals(1, visitor.all("#messages li.msg").size(), "Enter in an empty box sends nothing");

        // No connection: the text stays in the box with the reason, and goes once the network is back.
        visitor.offline(true);
        try {
            visitor.find("#body").sendKeys("bağlantı yokken", Keys.ENTER);
            visitor.waiting().until(d -> !visitor.all("#compose .error").isEmpty());
            assertTrue(visitor.find("#compose .error").getText().contains("bağlantı yok"), visitor.find("#compose .error").getText());
            assertEquals("bağlantı yokken", visitor.find("#body").getDomProperty("value"), "the text is kept");
        } finally {
            visitor.offline(false);
        }
        visitor.find("#body").sendKeys(Keys.ENTER);
        Ui.waitTexts(visitor, List.of("birinci satır\nikinci satır", "bağlantı yokken"));
        visitor.waiting().until(d -> visitor.all("#compose .error").isEmpty());
        visitor.problems("ERR_INTERNET_DISCONNECTED", "Failed to load resource"); // the refused send's own console line

        visitor.viewport(360, 740, true);
        try {
            Ui.openLive(visitor, app.url("/"));
            box = visitor.find("#body");
            box.sendKeys("dokunmatik", Keys.ENTER, "ekran");
            assertEquals("dokunmatik\nekran", box.getDomProperty("value"), "on a touch screen Enter is a line break");
            assertEquals(2, visitor.all("#messages li.msg").size());
        } finally {
            visitor.viewport(1280, 800, false);
        }
    }

    /** Picking a photo sends it at once, with what the text box holds as its caption; the box empties. */
    @Test
    void aPickedPhotoGoesAtOnceWithTheTextBoxAsItsCaption() throws Exception {
        Ui.newVisitor(visitor, app.url(""));
        java.nio.file.Path photo = java.nio.file.Path.of(getClass().getResource("/media/small.png").toURI());
        visitor.find("#body").sendKeys("Kutunun fotoğrafı");
        visitor.find("label.pick.photo input[type=file]").sendKeys(photo.toString());
        visitor.waiting().until(d -> !visitor.all("#messages li.msg.mine img").isEmpty());
        assertEquals(List.of("Kutunun fotoğrafı"), visitor.messageTexts(), "the text box became the caption");
        visitor.waiting().until(d -> visitor.find("#body").getDomProperty("value").isEmpty());
        assertTrue(visitor.all("#upload .error").isEmpty());
    }

    /** A refused message (empty) shows its error in the form, and the form still sends the next one. */
    @Test
    void refusedMessageKeepsTheFormWorking() {
        Ui.newVisitor(visitor, app.url(""));
        visitor.find("#compose textarea[name=body]").sendKeys("   ");
        visitor.find("#compose button[type=submit]").click();
        visitor.waiting().until(d -> !visitor.all("#compose .error").isEmpty());
        assertTrue(visitor.find("#compose .error").getText().contains("Boş"), visitor.find("#compose .error").getText());
        assertEquals(0, visitor.all("#messages li.msg").size());
        Ui.send(visitor, "Şimdi oldu");
        Ui.waitTexts(visitor, List.of("Şimdi oldu"));
        assertTrue(visitor.all("#compose .error").isEmpty(), "the error goes away with the next good message");
        assertEquals(List.of(), visitor.problems("status of 422"), "only the refusal itself on the console");
    }

    /** The panel without a selection: the list gains the new thread live, a toast announces it and opens it. */
    @Test
    void panelListAndToastFollowNewMessages() {
        Ui.openLive(admin, app.url("/admin"));
        long thread = Ui.newVisitor(visitor, app.url(""));
        Ui.send(visitor, "Fiyat listesi var mı?");
        // The list is re-rendered live: waiting() reads a replaced row again.
        admin.waiting().until(d -> !admin.all("#t-" + thread + " .unread").isEmpty()
                        && "1".equals(admin.find("#t-" + thread + " .unread").getText())
                        && admin.find("#t-" + thread + " .preview").getText().contains("Fiyat listesi"));
        admin.waiting().until(d -> !admin.all("#toasts .toast").isEmpty());
        admin.all("#toasts .toast").getLast().click();
        admin.waiting().until(d -> d.getCurrentUrl().endsWith("/admin/threads/" + thread));
        Ui.waitTexts(admin, List.of("Fiyat listesi var mı?"));
    }

    /**
     * Scenario 2: each side sees the other open and close the page within seconds (a closed stream is
     * noticed on the next heartbeat, 2 s here, then a 0.5 s grace), and a visitor's reload does not
     * flap. Pages are closed by closing their tab.
     */
    @Test
    void presenceFollowsTheOtherSide() {
        Duration soon = Duration.ofSeconds(8);
        long thread = Ui.newVisitor(visitor, app.url(""));
        Ui.send(visitor, "Orada kimse var mı?"); // the panel lists threads that have a message
        Ui.openLive(admin, app.url("/admin/threads/" + thread));
        visitor.waiting(soon).until(d -> Ui.adminShownOnline(visitor));
        assertEquals("Destek ekibi çevrimiçi", visitor.text("#admin-status"));
        assertFalse(Layout.displayed(visitor, ".away"), "no \"we are offline\" card beside an online status");
        admin.waiting(soon).until(d -> Ui.visitorShownOnline(admin, thread) && !admin.all("#visitor-status .dot.on").isEmpty());

        // The visitor closes the chat: the panel's list dot and the conversation's status go off; reopens: on.
        visitor.closeTab();
        admin.waiting(soon).until(d -> !admin.all("#t-" + thread + " .dot.off").isEmpty() && !admin.all("#visitor-status .dot.off").isEmpty());
        visitor.openTab(app.url("/"));
        Ui.waitLive(visitor);
        admin.waiting(soon).until(d -> Ui.visitorShownOnline(admin, thread) && !admin.all("#visitor-status .dot.on").isEmpty());

        // A reload is not a departure: record every state the panel shows meanwhile.
        admin.js("""
                window.__offSeen = false;
                new MutationObserver(() => {
                  if (document.querySelector('#visitor-status .dot.off, #t-%d .dot.off')) window.__offSeen = true;
                }).observe(document.body, {subtree: true, childList: true, attributes: true});""".formatted(thread));
        // One stream each, once the streams of closed pages have been noticed gone (on a heartbeat).
        admin.waiting(soon).until(d -> app.app().hub().subscriberCount() == 2);
        visitor.driver().navigate().refresh();
        Ui.waitLive(visitor);
        // The old stream is noticed gone on a heartbeat; whatever it would do, it has done once the count is back.
        admin.waiting(soon).until(d -> app.app().hub().subscriberCount() == 2);
        assertEquals(Boolean.FALSE, admin.js("return window.__offSeen"), "the visitor flapped offline on a reload");
        assertTrue(Ui.visitorShownOnline(admin, thread));

        // The admin closes the panel: the visitor sees it; opens it again: online.
        admin.closeTab();
        visitor.waiting(soon).until(d -> !Ui.adminShownOnline(visitor));
        assertTrue(visitor.text("#admin-status").contains("çevrimdışıyız"));
        visitor.driver().navigate().refresh(); // a page made while the desk is away offers the away card
        Ui.waitLive(visitor);
        assertTrue(Layout.displayed(visitor, ".away"), "the away card while nobody is at the desk");
        admin.openTab(app.url("/admin"));
        visitor.waiting(soon).until(d -> Ui.adminShownOnline(visitor));
        assertFalse(Layout.displayed(visitor, ".away"), "the away card goes once the desk is online");
    }
}
