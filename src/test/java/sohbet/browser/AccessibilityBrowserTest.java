package sohbet.browser;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * axe-core finds no serious or critical accessibility violation, and no text whose contrast it
 * cannot decide, on every page and state a person meets, in the light and the dark scheme: the
 * visitor page (empty with the offline card, then with messages and a link), the sign-in page (also
 * with its error), the panel's list, an open conversation, and the search results.
 */
class AccessibilityBrowserTest extends BrowserTest {
    @BeforeAll
    static void start() {
        start(Chrome.Setup.TURKISH);
    }

    @Test
    void everyPageAndStateHasNoSeriousViolationInEitherScheme() {
        Chrome browser = visitor; // the visitor first, then the admin
        List<String> found = new ArrayList<>();

        browser.viewport(360, 740, true);
        long thread = Ui.newVisitor(browser, app.url(""));
        found.addAll(Layout.axeInBothSchemes(browser, "visitor page, empty, offline card"));

        RunningApp.say(app.visitorHttp(browser), "Merhaba, şu sayfadaki ürün: https://example.com/urun/42");
        app.adminClient().reply(thread, "Merhaba! Stokta var, bugün kargolanır.");
        Ui.openLive(browser, app.url("/"));
        found.addAll(Layout.axeInBothSchemes(browser, "visitor page with messages"));

        browser.viewport(1280, 800, false);
        browser.fresh(app.url("/admin/login"));
        found.addAll(Layout.axeInBothSchemes(browser, "sign-in page"));
        browser.find("#username").sendKeys(RunningApp.ADMIN);
        browser.find("#password").sendKeys("wrong password");
        browser.find("form button[type=submit]").click();
        browser.waiting().until(d -> !browser.all(".error").isEmpty());
        found.addAll(Layout.axeInBothSchemes(browser, "sign-in page with an error"));

        Ui.signInQuickly(browser, app);
        Ui.openLive(browser, app.url("/admin"));
        found.addAll(Layout.axeInBothSchemes(browser, "panel, thread list"));
        Ui.openLive(browser, app.url("/admin/threads/" + thread));
        found.addAll(Layout.axeInBothSchemes(browser, "panel, conversation open"));
        browser.fresh(app.url("/admin/search?q=kargo"));
        found.addAll(Layout.axeInBothSchemes(browser, "search results"));

        assertEquals(List.of(), found, "axe-core findings");
        assertEquals(List.of(), browser.problems("status of 401", "status of 422"), "console");
    }
}
