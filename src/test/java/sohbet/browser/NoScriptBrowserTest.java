package sohbet.browser;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JavaScript switched off in the browser. The visitor reads the conversation in a frame that refreshes
 * itself, sends text by a plain form post (303 back to the page), gets a refused message explained in
 * the page with the text kept, and sees the admin's reply arrive while a half-typed message stays in
 * the box: the page around the form is never reloaded.
 */
class NoScriptBrowserTest extends BrowserTest {
    @BeforeAll
    static void start() {
        start(Chrome.Setup.NO_SCRIPT);
    }

    @Test
    void visitorSendsAndSeesTheReplyWithoutLosingADraft() {
        visitor.viewport(360, 740, true);
        visitor.open(app.url("/"));
        assertEquals(0, app.app().hub().subscriberCount(), "no script ran: no event stream was opened");
        assertTrue(visitor.all("meta[http-equiv=refresh]").isEmpty(), "the page itself never reloads");
        assertTrue(visitor.find("iframe.transcript").isDisplayed(), "the conversation shows in its self-refreshing frame");
        assertFalse(visitor.find("#thread").isDisplayed(), "the script-driven conversation gives way to the frame");
        assertTrue(Layout.composeOnScreen(visitor));
        assertFalse(Layout.overflowsSideways(visitor));
        long thread = Ui.threadId(visitor);

        // A refused message: the page says why and keeps the text.
        visitor.find("#body").sendKeys("   ");
        visitor.find("#compose button[type=submit]").click();
        visitor.waiting().until(d -> !visitor.all("#compose .error").isEmpty());
        assertTrue(visitor.find("#compose .error").getText().contains("Boş"));

        visitor.find("#body").clear();
        visitor.find("#body").sendKeys("Betik kapalı, merhaba");
        visitor.find("#compose button[type=submit]").click();
        visitor.waiting().until(d -> d.getCurrentUrl().equals(app.url("/")) && transcript().contains("Betik kapalı, merhaba"));
        assertTrue(visitor.all("#compose .error").isEmpty());
        assertEquals("", visitor.find("#body").getAttribute("value"), "the form comes back empty after a send");

        // Half a message typed; the admin answers; the frame refreshes by itself and the draft stays.
        WebElement page = visitor.find("html");
        visitor.find("#body").sendKeys("Yarım kalan bir mes");
        app.adminClient().reply(thread, "Merhaba, betiksiz de görüyoruz sizi");
        visitor.waiting(Duration.ofSeconds(25)).until(d -> transcript().contains("Merhaba, betiksiz de görüyoruz sizi"));
        assertEquals("html", page.getTagName(), "the same document: the page around the form was not reloaded");
        assertEquals("Yarım kalan bir mes", visitor.find("#body").getAttribute("value"), "the half-typed message is still there");
        assertEquals(List.of("Betik kapalı, merhaba", "Merhaba, betiksiz de görüyoruz sizi"), transcript());
        assertEquals(0, app.app().hub().subscriberCount(), "still no event stream");
        assertEquals(List.of(), visitor.problems("status of 422"), "console: only the refused message's status");
    }

    /** The frame's message texts, read through the DOM (no script execution needed: WebDriver's own lookups). */
    private static List<String> transcript() {
        visitor.driver().switchTo().frame(visitor.find("iframe.transcript"));
        try {
            return visitor.all("#messages li.msg .body").stream().map(e -> e.getDomProperty("textContent")).toList();
        } finally {
            visitor.driver().switchTo().defaultContent();
        }
    }
}
