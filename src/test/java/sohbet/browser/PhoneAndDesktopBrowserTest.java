package sohbet.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
class PhoneAndDesktopBrowserTest {
    static final Path SHOTS = Path.of("target", "screenshots");
    static final Path DOCS = Path.of("docs", "screenshots");

    static RunningApp app;
    static Chrome visitor;
    static Chrome admin;
    static RunningApp.AdminClient adminHttp;

    @BeforeAll
    static void start() {
        app = RunningApp.start();
        List<Chrome> browsers = Chrome.startAll(Chrome.Setup.turkish(), Chrome.Setup.turkish());
        visitor = browsers.get(0);
        admin = browsers.get(1);
        Ui.signInQuickly(admin, app, app.url(""));
        adminHttp = app.adminClient();
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

    private static Web visitorHttp(Chrome c) {
        Web web = new Web(URI.create(app.url("/")));
        web.setCookie("sohbet_visitor", Ui.visitorCookie(c));
        return web;
    }

    private static void say(Web visitorHttp, String text) {
        var res = visitorHttp.post("/messages", Web.form("body", text, "client_id", UUID.randomUUID().toString()));
        assertEquals(303, res.statusCode(), res.body());
    }

    /** Another visitor somewhere, with a message waiting in the panel. */
    private static long otherVisitor(String name, String text) {
        Web web = new Web(URI.create(app.url("/")));
        web.get("/");
        web.post("/name", Web.form("name", name));
        say(web, text);
        String c = web.cookie("sohbet_visitor");
        return Long.parseLong(c.substring(0, c.indexOf('.')));
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
        Ui.newVisitor(visitor, app.url(""));
        long thread = Ui.threadId(visitor);
        assertFitsThePhone(visitor, "empty chat");
        assertTrue(Layout.inViewport(visitor, "#body") && Layout.inViewport(visitor, "#compose button[type=submit]"));

        // A long thread: it opens scrolled to the newest message, with the compose box on screen.
        Web me = visitorHttp(visitor);
        for (int i = 1; i <= 8; i++) {
            say(me, "Soru " + i + ": bu uzun bir mesaj, telefon ekranında birkaç satıra yayılsın diye yazıldı.");
            adminHttp.reply(thread, "Yanıt " + i);
        }
        say(me, "https://example.com/cok-uzun-bir-adres/bolunmeden-yazilmis/" + "x".repeat(80));
        visitor.fresh(app.url("/"));
        Ui.waitLive(visitor);
        assertFitsThePhone(visitor, "long chat");
        assertTrue(Layout.inViewport(visitor, "#body"), "the text box is on screen");
        assertTrue(Layout.inViewport(visitor, "#compose button[type=submit]"), "the send button is on screen");
        visitor.waiting().until(d -> Layout.newestMessageInView(visitor));

        // New messages, sent or received, scroll into view.
        Ui.send(visitor, "Telefondan yeni mesaj");
        visitor.waiting().until(d -> Layout.newestMessageInView(visitor));
        adminHttp.reply(thread, "Destekten yeni yanıt");
        visitor.waiting().until(d -> visitor.messageTexts().getLast().equals("Destekten yeni yanıt"));
        visitor.waiting().until(d -> Layout.newestMessageInView(visitor));

        // Scrolled up to read: a new message does not pull the page down; a button jumps to it.
        visitor.js("document.getElementById('thread').scrollTop = -100000");
        visitor.waiting().until(d -> !Layout.newestMessageInView(visitor));
        adminHttp.reply(thread, "Okurken gelen yanıt");
        visitor.waiting().until(d -> visitor.messageTexts().getLast().equals("Okurken gelen yanıt") && Layout.displayed(visitor, "#jump"));
        assertFalse(Layout.newestMessageInView(visitor), "the reader stays where they were");
        assertFitsThePhone(visitor, "jump button shown");
        visitor.find("#jump").click();
        visitor.waiting().until(d -> Layout.newestMessageInView(visitor) && !Layout.displayed(visitor, "#jump"));

        // The keyboard takes the lower half (interactive-widget=resizes-content): the box stays reachable.
        visitor.viewport(360, 400, true);
        visitor.find("#body").click();
        assertTrue(Layout.inViewport(visitor, "#body") && Layout.inViewport(visitor, "#compose button[type=submit]"),
                "the compose box stays above the keyboard");
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
        admin.fresh(app.url("/admin"));
        Ui.waitLive(admin);
        assertTrue(Layout.displayed(admin, ".threads") && Layout.displayed(admin, "#t-" + ayse), "the list is the first view");
        assertFalse(Layout.displayed(admin, ".conversation"), "no conversation beside the list on a phone");
        assertFitsThePhone(admin, "panel list");

        // The list is live: a re-render may replace the link between finding and clicking it.
        admin.waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            d.findElement(org.openqa.selenium.By.cssSelector("#t-" + ayse + " a")).click();
            return true;
        });
        admin.waiting().until(d -> d.getCurrentUrl().endsWith("/admin/threads/" + ayse));
        Ui.waitLive(admin);
        assertFalse(Layout.displayed(admin, ".threads"), "the list gives way to the conversation");
        assertTrue(Layout.displayed(admin, ".back"), "a way back to the list");
        assertTrue(Layout.inViewport(admin, "#body") && Layout.inViewport(admin, "#compose button[type=submit]"));
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
        admin.fresh(app.url("/admin/threads/" + ayse));
        Ui.waitLive(admin);
        assertTrue(Layout.displayed(admin, ".threads") && Layout.displayed(admin, ".conversation"), "side by side on a desktop");
        assertFalse(Layout.displayed(admin, ".back"));
        assertFalse(Layout.overflowsSideways(admin));
        assertTrue(Layout.inViewport(admin, ".context dl"), "the visitor's details as a side panel on a wide screen");

        // Reading further up when a message arrives: the view stays, a "new messages" button jumps down.
        admin.js("document.getElementById('thread').scrollTop = -100000");
        admin.waiting().until(d -> !Layout.newestMessageInView(admin));
        adminHttp.reply(ayse, "Okurken gelen mesaj");
        admin.waiting().until(d -> admin.messageTexts().getLast().equals("Okurken gelen mesaj") && Layout.displayed(admin, "#jump"));
        assertFalse(Layout.newestMessageInView(admin), "the admin stays where they were reading");
        admin.find("#jump").click();
        admin.waiting().until(d -> Layout.newestMessageInView(admin) && !Layout.displayed(admin, "#jump"));
    }

    /** The pictures: a believable conversation on a phone and a desktop, light and dark. */
    @Test
    @Order(1)
    void screenshots() throws IOException {
        otherVisitor("Mehmet", "Merhaba, iade için kargo ücreti ödüyor muyum?");
        otherVisitor("Zeynep", "Hafta sonu da açık mısınız?");
        visitor.viewport(360, 740, true);
        Ui.newVisitor(visitor, app.url(""));
        long thread = Ui.threadId(visitor);
        Web me = visitorHttp(visitor);
        me.post("/name", Web.form("name", "Ayşe Yılmaz"));
        say(me, "Merhaba, dün verdiğim siparişin kargo durumunu öğrenebilir miyim?");
        adminHttp.reply(thread, "Merhaba Ayşe Hanım! Sipariş numaranızı yazar mısınız?");
        say(me, "Tabii: 48213. Ürün de şu: https://example.com/urun/48213");
        adminHttp.reply(thread, "Teşekkürler. Paketiniz bugün kargoya verildi,\nyarın öğlene kadar elinizde olur.");
        visitor.fresh(app.url("/"));
        Ui.waitLive(visitor);
        admin.viewport(1280, 800, false);
        admin.fresh(app.url("/admin/threads/" + thread));
        Ui.waitLive(admin);
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
        admin.fresh(app.url("/admin"));
        Ui.waitLive(admin);
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
        Web me = visitorHttp(visitor);
        say(me, "Merhaba, bir sorum var.");
        adminHttp.reply(thread, "Buyurun, dinliyoruz.");
        visitor.fresh(app.url("/"));
        Ui.waitLive(visitor);
        admin.viewport(1280, 800, false);
        admin.fresh(app.url("/admin/threads/" + thread));
        Ui.waitLive(admin);
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
        visitor.fresh(app.url("/"));
        Ui.waitLive(visitor);
        List<String> stops = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            new org.openqa.selenium.interactions.Actions(visitor.driver()).sendKeys(org.openqa.selenium.Keys.TAB).perform();
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
    private static void copyToDocs(String shot, String doc) {
        Path target = DOCS.resolve(doc);
        if (!Boolean.getBoolean("sohbet.docs.screenshots") && Files.exists(target)) {
            return;
        }
        try {
            Files.createDirectories(DOCS);
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(SHOTS.resolve(shot).toFile());
            javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("png").next();
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0f);
            Files.deleteIfExists(target);
            try (javax.imageio.stream.ImageOutputStream out = javax.imageio.ImageIO.createImageOutputStream(target.toFile())) {
                writer.setOutput(out);
                writer.write(null, new javax.imageio.IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
