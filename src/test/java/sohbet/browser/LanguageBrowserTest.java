package sohbet.browser;

import java.util.List;

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
        start(Chrome.Setup.ENGLISH, Chrome.Setup.TURKISH);
        english = browsers.get(0);
        turkish = browsers.get(1);
    }

    /** The visitor page, a refused message and the sign-in page in the browser's language; {@code send} as the bundle spells it. */
    private static void assertPages(Chrome c, String lang, I18n t, String send) {
        Ui.newVisitor(c, app.url(""));
        assertEquals(lang, c.find("html").getAttribute("lang"));
        assertEquals(t.t("page.chat"), c.driver().getTitle());
        assertEquals(t.t("app.title"), c.text("h1"));
        assertEquals(t.t("compose.send"), c.text("#compose button[type=submit]"));
        assertEquals(t.t("compose.placeholder"), c.find("#body").getAttribute("placeholder"));
        assertEquals(t.t("compose.label"), c.text("label[for=body]"));
        assertEquals(t.t("chat.empty"), c.text(".empty"));
        assertEquals(t.t("presence.adminOffline"), c.text("#admin-status"));
        assertTrue(c.text("details.name summary").matches(t.t("visitor.defaultName") + " \\d{4}"),
                "the default name in the visitor's language: " + c.text("details.name summary"));

        c.find("#compose button[type=submit]").click();
        c.waiting().until(d -> !c.all("#compose .error").isEmpty());
        assertEquals(t.t("error.empty"), c.text("#compose .error"));
        assertEquals(List.of(), c.problems("status of 422"));
        Ui.send(c, "Hello / Merhaba");
        assertEquals(t.t("who.you"), c.text("#messages li.mine .who"));
        assertEquals(send, c.text("#compose button[type=submit]"));

        c.fresh(app.url("/admin/login"));
        assertEquals(lang, c.find("html").getAttribute("lang"));
        assertEquals(t.t("login.title"), c.text("h1"));
    }

    @Test
    void englishBrowserGetsEnglishPages() {
        assertFalse(I18n.EN.t("compose.send").equals(I18n.TR.t("compose.send")));
        assertPages(english, "en", I18n.EN, "Send");
        assertEquals(I18n.EN.t("login.username"), english.text("label[for=username]"));
        Ui.signIn(english, app.url(""));
        Ui.waitLive(english);
        assertEquals(I18n.EN.t("admin.threads"), english.text(".threads h1"));
        assertEquals(I18n.EN.t("admin.logout"), english.text(".threads button.link"));
    }

    @Test
    void turkishBrowserGetsTurkishPages() {
        assertPages(turkish, "tr", I18n.TR, "Gönder");
        assertTrue(turkish.text("h1").contains("giriş"));
    }
}
