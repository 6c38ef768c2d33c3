package sohbet.browser;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sohbet.web.I18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenario 7 of issue 7: the browser's language (--lang and intl.accept_languages, so its
 * Accept-Language) picks Turkish or English pages, with {@code lang} set and every visible string
 * from that language, on the visitor page, in a refused message, on the sign-in page and in the panel.
 */
class LanguageBrowserTest extends BrowserTest {
    static Chrome english;
    static Chrome turkish;

    @BeforeAll
    static void start() {
        start(Map.of(), Chrome.Setup.ENGLISH, Chrome.Setup.TURKISH);
        english = browsers.get(0);
        turkish = browsers.get(1);
    }

    private static String text(Chrome c, String css) {
        return c.find(css).getDomProperty("textContent").strip();
    }

    /** The visitor page, a refused message and the sign-in page in the browser's language; {@code send} as the bundle spells it. */
    private static void assertPages(Chrome c, String lang, I18n t, String send) {
        Ui.newVisitor(c, app.url(""));
        assertEquals(lang, c.find("html").getAttribute("lang"));
        assertEquals(t.t("page.chat"), c.driver().getTitle());
        assertEquals(t.t("app.title"), text(c, "h1"));
        assertEquals(t.t("compose.send"), text(c, "#compose button[type=submit]"));
        assertEquals(t.t("compose.placeholder"), c.find("#body").getAttribute("placeholder"));
        assertEquals(t.t("compose.label"), text(c, "label[for=body]"));
        assertEquals(t.t("chat.empty"), text(c, ".empty"));
        assertEquals(t.t("presence.adminOffline"), text(c, "#admin-status"));
        assertTrue(text(c, "details.name summary").matches(t.t("visitor.defaultName") + " \\d{4}"),
                "the default name in the visitor's language: " + text(c, "details.name summary"));

        c.find("#compose button[type=submit]").click();
        c.waiting().until(d -> !c.all("#compose .error").isEmpty());
        assertEquals(t.t("error.empty"), text(c, "#compose .error"));
        assertEquals(List.of(), c.problems("status of 422"));
        Ui.send(c, "Hello / Merhaba");
        assertEquals(t.t("who.you"), text(c, "#messages li.mine .who"));
        assertEquals(send, text(c, "#compose button[type=submit]"));

        c.fresh(app.url("/admin/login"));
        assertEquals(lang, c.find("html").getAttribute("lang"));
        assertEquals(t.t("login.title"), text(c, "h1"));
    }

    @Test
    void englishBrowserGetsEnglishPages() {
        assertFalse(I18n.EN.t("compose.send").equals(I18n.TR.t("compose.send")));
        assertPages(english, "en", I18n.EN, "Send");
        assertEquals(I18n.EN.t("login.username"), text(english, "label[for=username]"));
        Ui.signIn(english, app.url(""));
        Ui.waitLive(english);
        assertEquals(I18n.EN.t("admin.threads"), text(english, ".threads h1"));
        assertEquals(I18n.EN.t("admin.logout"), text(english, ".threads button.link"));
    }

    @Test
    void turkishBrowserGetsTurkishPages() {
        assertPages(turkish, "tr", I18n.TR, "Gönder");
        assertTrue(text(turkish, "h1").contains("giriş"));
    }
}
