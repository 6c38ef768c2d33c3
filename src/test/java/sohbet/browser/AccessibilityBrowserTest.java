package sohbet.browser;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sohbet.support.Web;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * axe-core finds no serious or critical accessibility violation, and no text whose contrast it
 * cannot decide, on every page and state a person meets, in the light and the dark scheme: the
 * visitor page (empty with the offline card, then with messages and a link), the sign-in page (also
 * with its error), the panel's list, an open conversation, and the search results.
 */
class AccessibilityBrowserTest {
    static RunningApp app;
    static Chrome browser;

    @BeforeAll
    static void start() {
        app = RunningApp.start();
        browser = Chrome.start(Chrome.Setup.turkish());
    }

    @AfterAll
    static void stop() {
        try (RunningApp a = app) {
            Chrome.closeAll(browser);
        }
    }

    @Test
    void everyPageAndStateHasNoSeriousViolationInEitherScheme() {
        List<String> found = new ArrayList<>();

        browser.viewport(360, 740, true);
        long thread = Ui.newVisitor(browser, app.url(""));
        found.addAll(Axe.inBothSchemes(browser, "visitor page, empty, offline card"));

        Web me = new Web(URI.create(app.url("/")));
        me.setCookie("sohbet_visitor", Ui.visitorCookie(browser));
        me.post("/messages", Web.form("body", "Merhaba, şu sayfadaki ürün: https://example.com/urun/42", "client_id", UUID.randomUUID().toString()));
        RunningApp.AdminClient admin = app.adminClient();
        admin.reply(thread, "Merhaba! Stokta var, bugün kargolanır.");
        browser.fresh(app.url("/"));
        Ui.waitLive(browser);
        found.addAll(Axe.inBothSchemes(browser, "visitor page with messages"));

        browser.viewport(1280, 800, false);
        browser.fresh(app.url("/admin/login"));
        found.addAll(Axe.inBothSchemes(browser, "sign-in page"));
        browser.find("#username").sendKeys(RunningApp.ADMIN);
        browser.find("#password").sendKeys("wrong password");
        browser.find("form button[type=submit]").click();
        browser.waiting().until(d -> !browser.all(".error").isEmpty());
        found.addAll(Axe.inBothSchemes(browser, "sign-in page with an error"));

        Ui.signInQuickly(browser, app, app.url(""));
        browser.fresh(app.url("/admin"));
        Ui.waitLive(browser);
        found.addAll(Axe.inBothSchemes(browser, "panel, thread list"));
        browser.fresh(app.url("/admin/threads/" + thread));
        Ui.waitLive(browser);
        found.addAll(Axe.inBothSchemes(browser, "panel, conversation open"));
        browser.fresh(app.url("/admin/search?q=kargo"));
        found.addAll(Axe.inBothSchemes(browser, "search results"));

        assertEquals(List.of(), found, "axe-core findings");
        assertEquals(List.of(), browser.problems("status of 401", "status of 422"), "console");
    }
}
