package sohbet.browser;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import sohbet.app.DemoSite;
import sohbet.core.Message;
import sohbet.core.VisitedPage;
import sohbet.support.Eventually;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chat on someone else's site: a demo shop on 127.0.0.2 (another origin and site than the chat on
 * 127.0.0.1) embeds it with the one-line script. A visitor chats through the launcher, sees the unread
 * badge, keeps the conversation from page to page; once with the browser's own partitioned cookie, once
 * with every cookie of the chat blocked (as Safari does in a third-party frame), where only the token the
 * host page keeps can carry the conversation; and a site not in EMBED_ORIGINS cannot frame it at all.
 */
class EmbedBrowserTest extends BrowserTest {
    static DemoSite site;
    static DemoSite stranger;
    static Chrome cookieless;
    static Chrome noScript;

    @BeforeAll
    static void start() throws UnknownHostException {
        site = DemoSite.start(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
        stranger = DemoSite.start(new InetSocketAddress(InetAddress.getByName("127.0.0.3"), 0));
        app = RunningApp.start(Map.of("EMBED_ORIGINS", site.origin()));
        site.embedding(chat());
        stranger.embedding(chat());
        // Every cookie of the chat's origin refused, wherever it is framed: no cookie ever comes back.
        startBrowsers(Chrome.Setup.ENGLISH, Chrome.Setup.ENGLISH.with(Map.of("profile.content_settings.exceptions.cookies",
                Map.of(chat() + ",*", Map.of("setting", 2)))), Chrome.Setup.NO_SCRIPT);
        cookieless = browsers.get(1);
        noScript = browsers.get(2);
    }

    @AfterAll
    static void stopSites() {
        for (DemoSite s : new DemoSite[] {site, stranger}) {
            if (s != null) {
                s.close();
            }
        }
    }

    static String chat() {
        return app.url("");
    }

    /** Both ways through the launcher; the unread badge; the pages the admin sees; the conversation kept on the next page. */
    @Test
    void chatsThroughTheLauncherWithAPartitionedCookie() {
        WebElement launcher = launcher(visitor, "/");
        assertTrue(visitor.all("iframe").isEmpty(), "nothing of the chat loads before the launcher is opened");
        assertEquals(List.of(chat() + "/embed.js"), visitor.js("return performance.getEntriesByType('resource')"
                + ".map(e => e.name).filter(n => n.startsWith(arguments[0]))", chat()), "the host page pays for embed.js alone");
        launcher.click();
        enterFrame(visitor);
        Ui.send(visitor, "Merhaba, kargom nerede?");
        Ui.waitLive(visitor);
        visitor.driver().switchTo().defaultContent();
        long thread = storedThread(visitor);
        waitPage(thread, site.origin() + "/", "Home — demo shop");

        RunningApp.AdminClient adminHttp = app.adminClient();
        adminHttp.reply(thread, "Yarın sizde.");
        enterFrame(visitor);
        Ui.waitTexts(visitor, List.of("Merhaba, kargom nerede?", "Yarın sizde."));
        visitor.driver().switchTo().defaultContent();

        // Closed panel: the answers count on the launcher; opening shows them and clears the count.
        launcher.click();
        adminHttp.reply(thread, "Kargo numarası 123.");
        adminHttp.reply(thread, "İyi günler!");
        visitor.waiting().until(d -> "2".equals(badge(visitor)));
        // Only the chat's frame may raise the count: the same message from anywhere else is ignored.
        visitor.js("window.postMessage({sohbet: 'answer', count: 5}, '*')");
        visitor.js("return new Promise(r => setTimeout(r, 200))");
        assertEquals("2", badge(visitor));
        assertEquals("Chat (2)", launcher.getAttribute("aria-label"));
        launcher.click();
        visitor.waiting().until(d -> "".equals(badge(visitor)));

        // Chromium keeps the chat's cookie for this site only: partitioned under the demo shop.
        var visitorCookie = visitor.cookies().stream().filter(c -> "sohbet_visitor".equals(c.get("name"))).findFirst().orElseThrow();
        assertEquals(Boolean.TRUE, visitorCookie.get("secure"));
        assertEquals("None", visitorCookie.get("sameSite"));
        assertTrue(String.valueOf(visitorCookie.get("partitionKey")).contains("127.0.0.2"), "partitioned: " + visitorCookie);

        // The next page of the shop: the same conversation, and the admin sees where the visitor is now.
        visitor.open(site.origin() + "/pricing");
        waitPage(thread, site.origin() + "/pricing", "Pricing — demo shop");
        visitor.find("button[aria-expanded]").click();
        enterFrame(visitor);
        Ui.waitTexts(visitor, List.of("Merhaba, kargom nerede?", "Yarın sizde.", "Kargo numarası 123.", "İyi günler!"));
        visitor.driver().switchTo().defaultContent();
    }

    /** The launcher sits where the script tag says, in its colour; the panel is a card on desktops, the whole screen on phones. */
    @Test
    void theLauncherFollowsItsAttributesAndThePanelFitsTheScreen() {
        try {
            WebElement launcher = launcher(visitor, "/pricing");
            assertEquals(List.of(20L, 20L, "rgb(15, 118, 110)"), visitor.js("const r = arguments[0].getBoundingClientRect();"
                    + " return [Math.round(r.left), Math.round(innerHeight - r.bottom), getComputedStyle(arguments[0]).backgroundColor]",
                    launcher), "bottom-left, in data-color");
            launcher.click();
            assertEquals(List.of(370L, true), panelBox(visitor), "a card on a desktop");

            visitor.viewport(390, 844, true);
            launcher(visitor, "/").click();
            assertEquals(List.of(390L, false), panelBox(visitor), "the whole screen on a phone");
        } finally {
            visitor.viewport(1280, 800, false);
        }
    }

    /** The open panel's width, and whether it leaves room around it (a card) rather than filling the screen. */
    private static List<?> panelBox(Chrome c) {
        return (List<?>) c.waiting().until(d -> c.js("const f = document.querySelector('iframe'); if (!f) return null;"
                + " const r = f.parentElement.getBoundingClientRect(); if (!r.width) return null;"
                + " return [Math.round(r.width), r.top > 0 && r.left > 0 && r.bottom < innerHeight]"));
    }

    /** No cookie at all in the frame: the token the host page keeps carries the conversation, live stream included. */
    @Test
    void keepsTheConversationWithTheTokenWhenNoCookieComesBack() throws IOException {
        launcher(cookieless, "/").click();
        enterFrame(cookieless);
        Ui.send(cookieless, "Çerezsiz merhaba");
        Ui.waitLive(cookieless);
        cookieless.driver().switchTo().defaultContent();
        long thread = storedThread(cookieless);
        assertEquals(List.of(), cookieless.cookies().stream().map(c -> c.get("name")).toList(), "the browser kept no cookie");

        cookieless.open(site.origin() + "/pricing");
        waitPage(thread, site.origin() + "/pricing", "Pricing — demo shop");
        app.adminClient().reply(thread, "Token ile de duyuyorum.");
        cookieless.waiting().until(d -> "1".equals(badge(cookieless)));
        cookieless.find("button[aria-expanded]").click();
        enterFrame(cookieless);
        Ui.waitTexts(cookieless, List.of("Çerezsiz merhaba", "Token ile de duyuyorum."));
        Ui.send(cookieless, "Aynı sohbet");

        // A picture from the admin: its address carries no token, so the frame fetches it with the token instead.
        app.app().media().post(thread, Message.Sender.ADMIN, Message.Channel.WEB, photo(), "", "photo-1");
        cookieless.waiting().until(d -> cookieless.is("const i = document.querySelector('#messages img');"
                + " return !!i && i.src.startsWith('blob:') && i.complete && i.naturalWidth > 0"));
        cookieless.driver().switchTo().defaultContent();
        assertEquals(List.of("Çerezsiz merhaba", "Token ile de duyuyorum.", "Aynı sohbet", ""),
                app.app().chat().history(thread).stream().map(m -> m.body()).toList(), "one conversation, not one per page");
        // The picture's first load, without a cookie, is refused before the token fetch shows it.
        assertEquals(List.of(), cookieless.problems("/media/"), "console");
    }

    /** A photo as the very first message in the frame: the conversation starts for it. */
    @Test
    void aPhotoCanBeTheFirstMessage() throws IOException {
        visitor.clearCookies();
        visitor.fresh(site.origin() + "/");
        visitor.js("localStorage.clear()");
        launcher(visitor, "/").click();
        enterFrame(visitor);
        // Picking a photo sends it at once (the text box, empty here, is its caption).
        visitor.find("#upload input[accept^=image]").sendKeys(photo().toString());
        visitor.waiting().until(d -> !visitor.all("#messages li.msg.mine img").isEmpty());
        visitor.driver().switchTo().defaultContent();
        long thread = storedThread(visitor);
        assertEquals(Message.Kind.IMAGE, app.app().chat().history(thread).getFirst().kind());
    }

    /** The script-free iframe, in a browser without script: only the partitioned cookie keeps the conversation. */
    @Test
    void thePlainIframeWorksWithoutScript() {
        noScript.fresh(site.origin() + "/iframe");
        enterFrame(noScript);
        List<String> sent = new ArrayList<>();
        for (String text : List.of("Betiksiz merhaba", "İkinci mesaj")) {
            noScript.find("#compose textarea[name=body]").sendKeys(text);
            noScript.find("#compose button[type=submit]").click();
            sent.add(text);
            noScript.waiting().until(d -> noScript.messageTexts().equals(sent));
        }
        noScript.driver().switchTo().defaultContent();
    }

    /** A site not in EMBED_ORIGINS: the browser refuses to show the chat in its frame. */
    @Test
    void anotherSiteCannotFrameTheChat() {
        visitor.problems();
        visitor.fresh(stranger.origin() + "/iframe");
        visitor.waiting().until(d -> visitor.console().stream().anyMatch(e -> e.getMessage().contains("frame-ancestors")));
        List<String> refusals = new ArrayList<>(visitor.problems());
        assertFalse(refusals.isEmpty());
        assertTrue(refusals.stream().allMatch(p -> p.contains("frame-ancestors") && p.contains(site.origin())), refusals.toString());
    }

    /** Opens {@code path} of the demo shop in a fresh tab and returns the chat's launcher once it is there. */
    private static WebElement launcher(Chrome c, String path) {
        c.fresh(site.origin() + path);
        return c.waiting().until(d -> d.findElement(By.cssSelector("button[aria-expanded]")));
    }

    /** A file of its own holding the test picture, so nothing a test posts touches the resource itself. */
    private static Path photo() throws IOException {
        Path photo = Files.createTempFile("embed", ".png");
        try (var in = EmbedBrowserTest.class.getResourceAsStream("/media/small.png")) {
            Files.copy(in, photo, StandardCopyOption.REPLACE_EXISTING);
        }
        return photo;
    }

    private static void enterFrame(Chrome c) {
        WebElement frame = c.waiting().until(d -> d.findElement(By.cssSelector("iframe")));
        c.driver().switchTo().frame(frame);
        c.waiting().until(d -> !d.findElements(By.cssSelector("#compose textarea")).isEmpty());
    }

    private static String badge(Chrome c) {
        return (String) c.js("const b = document.querySelector('.sohbet-unread');"
                + " return b && getComputedStyle(b).display !== 'none' ? b.textContent : ''");
    }

    /** The thread the host page keeps the token of (a token is the thread id, signed). */
    private static long storedThread(Chrome c) {
        String token = (String) c.waiting().until(d -> c.js("return localStorage.getItem(arguments[0])", "sohbet " + chat()));
        return Long.parseLong(token.substring(0, token.indexOf('.')));
    }

    private static void waitPage(long thread, String url, String title) {
        Eventually.until("the admin sees the visitor on " + url, Chrome.WAIT,
                () -> app.app().chat().currentPage(thread).equals(Optional.of(new VisitedPage(url, title))));
    }
}
