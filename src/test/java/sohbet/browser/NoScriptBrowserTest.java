package sohbet.browser;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenario 4 of issue 7: JavaScript switched off in the browser. The visitor reads the thread, sends
 * text by a plain form post (303 back to the page), gets a refused message explained in the page with
 * the text kept, and sees the admin's reply after the page's own refresh (a noscript meta refresh).
 */
class NoScriptBrowserTest {
    static RunningApp app;
    static Chrome visitor;

    @BeforeAll
    static void start() {
        app = RunningApp.start();
        visitor = Chrome.start(Chrome.Setup.noScript());
    }

    @AfterAll
    static void stop() {
        try (RunningApp a = app) {
            Chrome.closeAll(visitor);
        }
    }

    @Test
    void visitorSendsAndSeesTheReplyAfterTheSelfRefresh() {
        visitor.open(app.url("/"));
        assertEquals(0, app.app().hub().subscriberCount(), "no script ran: no event stream was opened");
        assertEquals("15", visitor.find("meta[http-equiv=refresh]").getAttribute("content"),
                "with scripts off the noscript refresh is a real meta element");
        long thread = Ui.threadId(visitor);

        // A refused message: the page says why and keeps the text.
        visitor.find("#body").sendKeys("   ");
        visitor.find("#compose button[type=submit]").click();
        visitor.waiting().until(d -> !visitor.all("#compose .error").isEmpty());
        assertTrue(visitor.find("#compose .error").getText().contains("Boş"));

        visitor.find("#body").clear();
        visitor.find("#body").sendKeys("Betik kapalı, merhaba");
        visitor.find("#compose button[type=submit]").click();
        visitor.waiting().until(d -> d.getCurrentUrl().equals(app.url("/")) && messageTexts().contains("Betik kapalı, merhaba"));
        assertTrue(visitor.all("#compose .error").isEmpty());
        assertEquals("", visitor.find("#body").getAttribute("value"), "the form comes back empty after a send");

        // The admin answers; the page refreshes itself (the test never reloads it) and shows the reply.
        WebElement before = visitor.find("html");
        app.adminClient().reply(thread, "Merhaba, betiksiz de görüyoruz sizi");
        visitor.waiting(Duration.ofSeconds(25)).until(d -> messageTexts().contains("Merhaba, betiksiz de görüyoruz sizi"));
        assertThrows(StaleElementReferenceException.class, before::getTagName, "a new document: the page reloaded itself");
        assertEquals(List.of("Betik kapalı, merhaba", "Merhaba, betiksiz de görüyoruz sizi"), messageTexts());
        assertFalse(visitor.all("#messages li.theirs").isEmpty());
        assertEquals(0, app.app().hub().subscriberCount(), "still no event stream");
        assertEquals(List.of(), visitor.problems("status of 422"), "console: only the refused message's status");
    }

    /** Read through the DOM (no script execution needed: WebDriver's own lookups). */
    private static List<String> messageTexts() {
        return visitor.all("#messages li.msg .body").stream().map(e -> e.getDomProperty("textContent")).toList();
    }
}
