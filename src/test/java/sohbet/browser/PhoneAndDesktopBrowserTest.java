package sohbet.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import sohbet.support.Web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenarios 5 and 6 of issue 7 and the screenshots: the visitor page and the admin panel on a
 * 360 x 740 phone (nothing sideways, the compose box reachable, even with the keyboard up, 44 px
 * tap targets, newest message in view; the panel as two views) and on a 1280 x 800 desktop.
 * Screenshots go to target/screenshots/ on every run; with -Dsohbet.docs.screenshots=true (or when
 * missing) the README's pictures in docs/screenshots/ are refreshed too.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PhoneAndDesktopBrowserTest extends BrowserTest {
    static final Path SHOTS = Path.of("target", "screenshots");
    static final Path DOCS = Path.of("docs", "screenshots");

    static RunningApp.AdminClient adminHttp;

    @BeforeAll
    static void start() {
        visitorAndAdmin();
        adminHttp = app.adminClient();
    }

    /** Another visitor somewhere, with a message waiting in the panel. */
    private static long otherVisitor(String name, String text) {
        Web web = app.newVisitorHttp();
        web.post("/name", Web.form("name", name));
        RunningApp.say(web, text);
        return web.threadId();
    }

    private static void assertFitsThePhone(Chrome c, String what) {
        assertFalse(Layout.overflowsSideways(c), what + " scrolls sideways: " + Layout.widerThanScreen(c));
        assertEquals(List.of(), Layout.smallTapTargets(c), what + ": tap targets under 44 px");
    }

    /** Scenario 5. */
    @Test
    @Order(2)
    void visitorPageOnAPhone() {
        visitor.viewport(360, 740, true);
        long thread = Ui.newVisitor(visitor, app.url(""));
        assertFitsThePhone(visitor, "empty chat");
        assertTrue(Layout.composeOnScreen(visitor));

        // A long thread: it opens scrolled to the newest message, with the compose box on screen.
        Web me = app.visitorHttp(visitor);
        for (int i = 1; i <= 8; i++) {
            RunningApp.say(me, "Soru " + i + ": bu uzun bir mesaj, telefon ekranında birkaç satıra yayılsın diye yazıldı.");
            adminHttp.reply(thread, "Yanıt " + i);
        }
        RunningApp.say(me, "https://example.com/cok-uzun-bir-adres/bolunmeden-yazilmis/" + "x".repeat(80));
        Ui.openLive(visitor, app.url("/"));
        assertFitsThePhone(visitor, "long chat");
        assertTrue(Layout.composeOnScreen(visitor), "the text box and the send button are on screen");
        visitor.waiting().until(d -> Layout.newestMessageInView(visitor));

        // New messages, sent or received, scroll into view.
        Ui.send(visitor, "Telefondan yeni mesaj");
        visitor.waiting().until(d -> Layout.newestMessageInView(visitor));
        adminHttp.reply(thread, "Destekten yeni yanıt");
        visitor.waiting().until(d -> visitor.messageTexts().getLast().equals("Destekten yeni yanıt"));
        visitor.waiting().until(d -> Layout.newestMessageInView(visitor));

        // Scrolled up to read: a new message does not pull the page down; a button jumps to it.
        assertReadingStaysAndJumpButtonLeadsDown(visitor, () -> adminHttp.reply(thread, "Okurken gelen yanıt"), "Okurken gelen yanıt",
                () -> assertFitsThePhone(visitor, "jump button shown"));

        // The keyboard takes the lower half (interactive-widget=resizes-content): the box stays reachable.
        visitor.viewport(360, 400, true);
        visitor.find("#body").click();
        assertTrue(Layout.composeOnScreen(visitor), "the compose box stays above the keyboard");
        assertFalse(Layout.overflowsSideways(visitor));
        visitor.viewport(360, 740, true);

        // The name form opens inside the screen.
        visitor.find("details.name summary").click();
        assertTrue(Layout.inViewport(visitor, "#name"), "the name field is on screen");
        assertFitsThePhone(visitor, "name form open");
        visitor.find("details.name summary").click();
    }

    /** Scenario 6: list and conversation as two views on a phone; both side by side on a desktop. */
    @Test
    @Order(3)
    void adminPanelOnAPhone() {
        long ayse = otherVisitor("Ayşe", "Merhaba, kargo ne zaman gelir?");
        otherVisitor("Mehmet", "İade nasıl yapılıyor?");
        admin.viewport(360, 740, true);
        Ui.openLive(admin, app.url("/admin"));
        assertTrue(Layout.displayed(admin, ".threads") && Layout.displayed(admin, "#t-" + ayse), "the list is the first view");
        assertFalse(Layout.displayed(admin, ".conversation"), "no conversation beside the list on a phone");
        assertFitsThePhone(admin, "panel list");

        Ui.openFromList(admin, ayse);
        assertFalse(Layout.displayed(admin, ".threads"), "the list gives way to the conversation");
        assertTrue(Layout.displayed(admin, ".back"), "a way back to the list");
        assertTrue(Layout.composeOnScreen(admin));
        assertFitsThePhone(admin, "panel conversation");
        Ui.send(admin, "Yarın öğlene kadar elinizde olur.");
        Ui.waitTexts(admin, List.of("Merhaba, kargo ne zaman gelir?", "Yarın öğlene kadar elinizde olur."));

        admin.find(".back").click();
        admin.waiting().until(d -> d.getCurrentUrl().endsWith("/admin"));
        assertTrue(Layout.displayed(admin, "#t-" + ayse));

        for (int i = 1; i <= 10; i++) {
            adminHttp.reply(ayse, "Kargo takip bilgisi, bölüm " + i + ": paket aktarma merkezinde.");
        }
        admin.viewport(1280, 800, false);
        Ui.openLive(admin, app.url("/admin/threads/" + ayse));
        assertTrue(Layout.displayed(admin, ".threads") && Layout.displayed(admin, ".conversation"), "side by side on a desktop");
        assertFalse(Layout.displayed(admin, ".back"));
        assertFalse(Layout.overflowsSideways(admin));
        assertTrue(Layout.inViewport(admin, ".context dl"), "the visitor's details as a side panel on a wide screen");

        // Reading further up when a message arrives: the view stays, a "new messages" button jumps down.
        assertReadingStaysAndJumpButtonLeadsDown(admin, () -> adminHttp.reply(ayse, "Okurken gelen mesaj"), "Okurken gelen mesaj", () -> { });
    }

    /** Scrolled up, {@code arrive} brings {@code text}: the view stays where it was, and the jump button brings the reader down to it. */
    private static void assertReadingStaysAndJumpButtonLeadsDown(Chrome c, Runnable arrive, String text, Runnable whileShown) {
        c.js("document.getElementById('thread').scrollTop = -100000");
        c.waiting().until(d -> !Layout.newestMessageInView(c));
        arrive.run();
        c.waiting().until(d -> c.messageTexts().getLast().equals(text) && Layout.displayed(c, "#jump"));
        assertFalse(Layout.newestMessageInView(c), "the reader stays where they were");
        whileShown.run();
        c.find("#jump").click();
        c.waiting().until(d -> Layout.newestMessageInView(c) && !Layout.displayed(c, "#jump"));
    }

    /** The pictures: a believable conversation on a phone and a desktop, light and dark. */
    @Test
    @Order(1)
    void screenshots() throws IOException {
        otherVisitor("Mehmet", "Merhaba, iade için kargo ücreti ödüyor muyum?");
        otherVisitor("Zeynep", "Hafta sonu da açık mısınız?");
        visitor.viewport(360, 740, true);
        long thread = Ui.newVisitor(visitor, app.url(""));
        Web me = app.visitorHttp(visitor);
        me.post("/name", Web.form("name", "Ayşe Yılmaz"));
        RunningApp.say(me, "Merhaba, dün verdiğim siparişin kargo durumunu öğrenebilir miyim?");
        adminHttp.reply(thread, "Merhaba Ayşe Hanım! Sipariş numaranızı yazar mısınız?");
        RunningApp.say(me, "Tabii: 48213. Ürün de şu: https://example.com/urun/48213");
        adminHttp.reply(thread, "Teşekkürler. Paketiniz bugün kargoya verildi,\nyarın öğlene kadar elinizde olur.");
        Ui.openLive(visitor, app.url("/"));
        admin.viewport(1280, 800, false);
        Ui.openLive(admin, app.url("/admin/threads/" + thread));
        visitor.waiting().until(d -> Ui.adminShownOnline(visitor));
        Ui.send(visitor, "Harika, çok teşekkürler!");
        Ui.waitTexts(admin, visitor.messageTexts());
        visitor.find("#body").sendKeys("İyi günler");

        visitor.screenshot(SHOTS.resolve("visitor-phone.png"));
        visitor.darkMode(true);
        visitor.screenshot(SHOTS.resolve("visitor-phone-dark.png"));
        visitor.darkMode(false);
        visitor.viewport(1280, 800, false);
        visitor.screenshot(SHOTS.resolve("visitor-desktop.png"));
        visitor.viewport(360, 740, true);

        admin.screenshot(SHOTS.resolve("admin-desktop.png"));
        admin.darkMode(true);
        admin.screenshot(SHOTS.resolve("admin-desktop-dark.png"));
        admin.darkMode(false);
        admin.viewport(360, 740, true);
        admin.screenshot(SHOTS.resolve("admin-phone-conversation.png"));
        Ui.openLive(admin, app.url("/admin"));
        admin.screenshot(SHOTS.resolve("admin-phone-list.png"));

        for (String name : List.of("visitor-phone.png", "visitor-desktop.png", "admin-desktop.png", "admin-phone-list.png")) {
            assertTrue(Files.size(SHOTS.resolve(name)) > 5_000, name + " has a picture in it");
        }
        copyToDocs("visitor-phone.png", "phone-chat.png");
        copyToDocs("visitor-phone-dark.png", "phone-chat-dark.png");
        copyToDocs("admin-desktop.png", "admin-panel.png");
    }

    /** WCAG AA contrast for all text (light and dark), a label on every control, a visible keyboard focus. */
    @Test
    @Order(4)
    void readableLabelledAndKeyboardFriendly() {
        long other = otherVisitor("Deniz", "Kapıda ödeme var mı?");
        visitor.viewport(360, 740, true);
        long thread = Ui.newVisitor(visitor, app.url(""));
        RunningApp.say(app.visitorHttp(visitor), "Merhaba, bir sorum var.");
        adminHttp.reply(thread, "Buyurun, dinliyoruz.");
        Ui.openLive(visitor, app.url("/"));
        admin.viewport(1280, 800, false);
        Ui.openLive(admin, app.url("/admin/threads/" + thread));
        admin.waiting().until(d -> !admin.all("#t-" + other + " .unread").isEmpty());
        for (boolean dark : new boolean[] {false, true}) {
            visitor.darkMode(dark);
            admin.darkMode(dark);
            String scheme = dark ? "dark" : "light";
            assertEquals(List.of(), Layout.lowContrast(visitor), "visitor page, " + scheme);
            assertEquals(List.of(), Layout.lowContrast(admin), "panel, " + scheme);
        }
        visitor.darkMode(false);
        admin.darkMode(false);
        assertEquals(List.of(), Layout.unlabelled(visitor), "visitor page controls without a label");
        assertEquals(List.of(), Layout.unlabelled(admin), "panel controls without a label");

        // Tab through the visitor page: every stop shows where the focus is.
        visitor.viewport(1280, 800, false);
        Ui.openLive(visitor, app.url("/"));
        List<String> stops = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            new Actions(visitor.driver()).sendKeys(Keys.TAB).perform();
            String at = (String) visitor.js("const e = document.activeElement; return e.tagName + (e.id ? '#' + e.id : '')");
            if (at.equals("BODY")) {
                break; // past the last control of the page
            }
            stops.add(at);
            assertTrue(Layout.focusVisible(visitor), "no visible focus on " + at + " (stops so far " + stops + ")");
        }
        assertTrue(stops.contains("TEXTAREA#body"), "the message box is reachable by keyboard: " + stops);
        visitor.viewport(360, 740, true);
    }

    /** Copies a screenshot for README, re-encoded with the strongest PNG compression (Chromium's is fast, not small). */
    private static void copyToDocs(String shot, String doc) throws IOException {
        Path target = DOCS.resolve(doc);
        if (!Boolean.getBoolean("sohbet.docs.screenshots") && Files.exists(target)) {
            return;
        }
        Files.createDirectories(DOCS);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0f);
        Files.deleteIfExists(target);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(target.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(ImageIO.read(SHOTS.resolve(shot).toFile()), null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
