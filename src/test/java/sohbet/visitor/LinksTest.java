package sohbet.visitor;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import sohbet.web.Templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Web addresses in messages become links; nothing else a person typed becomes markup. */
class LinksTest {
    private static final Templates TEMPLATES = new Templates();

    private static String rendered(String body) {
        MessageView m = new MessageView("m-1", false, "Ayşe", body, "10:00", "2026-01-01T10:00:00Z", "text");
        String html = TEMPLATES.render("visitor/message.jte", Map.of("m", m));
        int start = html.indexOf("<p class=\"body\" hx-disable>") + "<p class=\"body\" hx-disable>".length();
        return html.substring(start, html.indexOf("</p>", start));
    }

    private static List<String> links(String body) {
        return Links.pieces(body).stream().filter(Links.Piece::link).map(Links.Piece::text).toList();
    }

    @Test
    void anAddressInASentenceBecomesALinkWithoutItsPunctuation() {
        assertEquals("Bakın: <a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"noopener nofollow ugc\" target=\"_blank\">"
                + "https://example.com/a?b=1&amp;c=2</a>. Teşekkürler", rendered("Bakın: https://example.com/a?b=1&c=2. Teşekkürler"));
        assertEquals(List.of("http://example.com/x_(y)"), links("(see http://example.com/x_(y))"));
        assertEquals(List.of("https://a.example/1", "HTTPS://B.example/2"), links("https://a.example/1, HTTPS://B.example/2!"));
    }

    @Test
    void otherSchemesAndBareWordsStayText() {
        for (String s : List.of("javascript:alert(1)", "JaVaScRiPt:alert(document.cookie)", "data:text/html,<script>alert(1)</script>",
                "vbscript:msgbox", "ftp://example.com/file", "www.example.com", "https://", "http:///nohost", "mailto:a@b.example")) {
            assertEquals(List.of(), links(s), s);
            String html = rendered(s);
            assertFalse(html.contains("<a"), s + " -> " + html);
            assertFalse(html.contains("<script"), s + " -> " + html);
        }
        assertEquals(List.of(), links("xhttps://example.com"), "a scheme glued to a word is not an address");
    }

    @Test
    void quotesAndTagsCannotBreakOutOfTheLink() {
        String html = rendered("https://evil.example/\"onmouseover=\"alert(1)\" <b>bold</b> <img src=x onerror=alert(1)>");
        assertTrue(html.startsWith("<a href=\"https://evil.example/\" rel=\"noopener nofollow ugc\" target=\"_blank\">https://evil.example/</a>"), html);
        assertFalse(html.substring(html.indexOf("</a>") + 4).contains("<"), "after the link, only escaped text: " + html);
        assertTrue(html.contains("&lt;b&gt;bold&lt;/b&gt;"), html);

        html = rendered("https://a.example/<script>alert(1)</script>");
        assertTrue(html.startsWith("<a href=\"https://a.example/\""), html);
        assertTrue(html.contains("&lt;script&gt;"), html);
        assertFalse(html.contains("<script"), html);

        html = rendered("https://a.example/x'onclick='alert(1)");
        assertTrue(html.startsWith("<a href=\"https://a.example/x\""), html);
        assertEquals(1, html.split("<a ", -1).length - 1, html);
    }

    @Test
    void plainTextIsUnchanged() {
        assertEquals(List.of(new Links.Piece("satır bir\nsatır iki", false)), Links.pieces("satır bir\nsatır iki"));
        assertEquals(List.of(), Links.pieces(""));
        assertEquals("a &amp; b &lt; c", rendered("a & b < c"));
    }
}
