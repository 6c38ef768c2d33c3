package sohbet.embed;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.webserver.http.HttpRouting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sohbet.app.Sohbet;
import sohbet.core.Message;
import sohbet.core.VisitedPage;
import sohbet.support.SseClient;
import sohbet.support.TestApp;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sohbet.support.Expect.header;
import static sohbet.support.Web.form;

/**
 * The embedded chat over a real socket, on each database: which pages may be framed and by whom, the
 * frame's cookie, the token that stands in for it, and the owner's pages the admin sees.
 */
abstract class EmbedRoutesContract {
    static final String SHOP = "https://shop.example.com";
    static final String OTHER = "http://127.0.0.2:8080";
    static TestApp setup;
    static Sohbet app;
    private URI uri;

    static void setUp(HttpRouting.Builder routing, TestDatabase.Kind kind) {
        setup = new TestApp(kind, "EMBED_ORIGINS", SHOP + ", " + OTHER + "/");
        app = setup.route(routing);
    }

    @BeforeEach
    void server(URI uri) {
        this.uri = uri;
    }

    @AfterAll
    static void tearDown() {
        setup.close();
    }

    private static String csp(HttpResponse<?> res) {
        return header(res, "Content-Security-Policy");
    }

    /** A new message from the frame (htmx, as its script posts): starts the thread and hands out cookie and token. */
    private HttpResponse<String> firstMessage(Web frame, String text) {
        HttpResponse<String> res = frame.htmxPost("/messages", form("body", text, "client_id", java.util.UUID.randomUUID().toString()),
                "Referer", uri.resolve("/embed").toString(), "X-Sohbet-Embed", "1");
        assertEquals(200, res.statusCode(), res.body());
        return res;
    }

    @Test
    void onlyTheEmbeddedPageMayBeFramedAndOnlyByTheListedSites() {
        Web web = new Web(uri);
        HttpResponse<String> embed = web.get("/embed");
        assertEquals(200, embed.statusCode());
        assertThat(csp(embed), containsString("frame-ancestors " + SHOP + " " + OTHER + ";"));
        assertTrue(embed.headers().firstValue("X-Frame-Options").isEmpty(), "X-Frame-Options would forbid every site");
        assertThat(csp(embed), allOf(containsString("img-src 'self' data: blob:"), containsString("media-src 'self' blob:")));
        assertThat(csp(web.get("/")), not(containsString("blob:")));

        for (String path : List.of("/", "/admin/login", "/health")) {
            HttpResponse<String> res = web.get(path, "Sec-Fetch-Dest", "iframe");
            assertThat(path, csp(res), allOf(containsString("frame-ancestors 'none'"), not(containsString(SHOP))));
            assertEquals("DENY", res.headers().firstValue("X-Frame-Options").orElse(""), path);
        }

        // A script-free post inside the frame lands back on the embedded page, which the frame may show.
        HttpResponse<String> post = web.post("/messages", form("body", "betiksiz", "client_id", "c-frame-1"), "Sec-Fetch-Dest", "iframe");
        assertEquals(303, post.statusCode());
        assertEquals("/embed", post.headers().firstValue("Location").orElse(""));
        assertThat(csp(post), containsString("frame-ancestors " + SHOP));
        // The same post from the full page goes back to the full page, which no site may frame.
        HttpResponse<String> full = new Web(uri).post("/messages", form("body", "tam sayfa", "client_id", "c-full-1"));
        assertEquals("/", full.headers().firstValue("Location").orElse(""));
        assertThat(csp(full), containsString("frame-ancestors 'none'"));
    }

    @Test
    void aLookStartsNoThreadAndTheFrameLoadsItsScript() {
        HttpResponse<String> page = new Web(uri).get("/embed");
        assertTrue(page.headers().allValues("Set-Cookie").isEmpty(), "no cookie, no thread for a page view");
        assertThat(page.body(), allOf(containsString("class=\"visitor embedded\""), containsString("data-token=\"\""),
                containsString("/assets/frame.js?v="), containsString("data-origins=\"" + SHOP + " " + OTHER + "\"")));
        assertThat(new Web(uri).get("/").body(), not(containsString("frame.js")));
    }

    @Test
    void theFramesCookieIsPartitionedAndATokenStandsInForIt() {
        Web frame = new Web(uri);
        HttpResponse<String> first = firstMessage(frame, "ilk mesaj");
        String cookie = first.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("sohbet_visitor=")).findFirst().orElseThrow();
        assertThat(cookie, allOf(containsString("; Secure"), containsString("; SameSite=None"), containsString("; Partitioned"),
                containsString("; HttpOnly"), containsString("; Path=/")));
        String token = header(first, "X-Sohbet-Token");
        long thread = Long.parseLong(token.substring(0, token.indexOf('.')));

        // A browser that kept no cookie (this client sends no Secure cookie over http): the token alone names the thread.
        Web noCookie = new Web(uri);
        HttpResponse<String> second = noCookie.htmxPost("/messages", form("body", "ikinci mesaj", "client_id", "c-tok-2"),
                "X-Sohbet-Token", token, "X-Sohbet-Embed", "1");
        assertEquals(200, second.statusCode());
        assertTrue(second.headers().firstValue("X-Sohbet-Token").isEmpty(), "no new thread, no new token");
        assertEquals(List.of("ilk mesaj", "ikinci mesaj"), app.chat().history(thread).stream().map(Message::body).toList());
        HttpResponse<String> page = noCookie.get("/embed", "X-Sohbet-Token", token);
        assertThat(page.body(), allOf(containsString("ikinci mesaj"), containsString("data-token=\"" + token + "\"")));
        try (SseClient stream = SseClient.open(noCookie, "/events", "X-Sohbet-Token", token)) {
            assertEquals(200, stream.status());
            assertThat(stream.await("resync", Duration.ofSeconds(5)).data(), containsString("ikinci mesaj"));
        }

        // A forged or altered token names nothing: a fresh page, and the next message starts a thread of its own.
        String forged = thread + "." + "A".repeat(32);
        assertThat(noCookie.get("/embed", "X-Sohbet-Token", forged).body(), not(containsString("ilk mesaj")));
        try (SseClient refused = SseClient.open(noCookie, "/events", "X-Sohbet-Token", forged)) {
            assertEquals(204, refused.status());
        }
        HttpResponse<String> other = firstMessage(new Web(uri), "başka biri");
        assertTrue(other.headers().firstValue("X-Sohbet-Token").isPresent());
        assertEquals(2, app.chat().history(thread).size(), "nothing reached the first thread");
        // The cookie of the full page is the first-party one: Lax, not partitioned.
        Web full = new Web(uri);
        full.get("/");
        HttpResponse<String> fullPost = full.post("/messages", form("body", "tam", "client_id", "c-full-2"));
        assertTrue(fullPost.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.contains("Partitioned")));
    }

    @Test
    void theFrameCanStartTheConversationBeforeAPhoto() {
        Web frame = new Web(uri);
        HttpResponse<String> started = frame.post("/embed/start", Map.of(), "X-Sohbet-Embed", "1");
        assertEquals(204, started.statusCode());
        String token = header(started, "X-Sohbet-Token");
        assertThat(started.headers().allValues("Set-Cookie").toString(), containsString("Partitioned"));
        HttpResponse<String> again = frame.post("/embed/start", Map.of(), "X-Sohbet-Token", token, "X-Sohbet-Embed", "1");
        assertEquals(token, header(again, "X-Sohbet-Token"), "the same conversation, not a new one");
        assertTrue(again.headers().allValues("Set-Cookie").isEmpty());
    }

    @Test
    void theAdminSeesTheOwnersPagesTheVisitorIsOn() {
        Web frame = new Web(uri);
        // Before the first message there is nothing to note it on.
        assertEquals(204, frame.post("/embed/page", form("url", SHOP + "/", "title", "Ana sayfa"), "X-Sohbet-Embed", "1").statusCode());
        String token = firstMessage(frame, "sayfa sorusu").headers().firstValue("X-Sohbet-Token").orElseThrow();
        long thread = Long.parseLong(token.substring(0, token.indexOf('.')));
        String[] tok = {"X-Sohbet-Token", token, "X-Sohbet-Embed", "1"};
        assertEquals(204, frame.post("/embed/page", form("url", SHOP + "/kargo?x=1", "title", "Kargo"), tok).statusCode());
        assertEquals(204, frame.post("/embed/page", form("url", SHOP + "/iade", "title", "İade"), tok).statusCode());
        assertEquals(Optional.of(new VisitedPage(SHOP + "/iade", "İade")), app.chat().currentPage(thread));
        assertEquals(SHOP + "/kargo?x=1", app.chat().thread(thread).orElseThrow().firstPage());

        // Only pages of the listed sites; anything else is refused and changes nothing.
        for (String bad : List.of("https://evil.example.net/", "javascript:alert(1)", "", "not a url")) {
            HttpResponse<String> res = frame.post("/embed/page", form("url", bad, "title", "x"), tok);
            assertEquals(422, res.statusCode(), bad);
        }
        assertEquals(Optional.of(new VisitedPage(SHOP + "/iade", "İade")), app.chat().currentPage(thread));
        // A page on another site cannot post here for the visitor.
        assertEquals(403, frame.post("/embed/page", form("url", SHOP + "/", "title", "x"), "X-Sohbet-Token", token,
                "Sec-Fetch-Site", "cross-site").statusCode());

        String panel = TestApp.admin(uri).get("/admin/threads/" + thread).body();
        assertThat(panel, allOf(containsString(SHOP + "/kargo?x=1"), containsString("İade — " + SHOP + "/iade")));
    }

    @Test
    void embedJsIsServedVersionedAndRevalidated() {
        Web web = new Web(uri);
        HttpResponse<String> js = web.get("/embed.js", "Accept-Encoding", "identity");
        assertEquals(200, js.statusCode());
        assertThat(js.headers().firstValue("Content-Type").orElse(""), containsString("javascript"));
        assertEquals("no-cache", js.headers().firstValue("Cache-Control").orElse(""));
        String etag = header(js, "ETag");
        assertEquals(304, web.get("/embed.js", "If-None-Match", etag).statusCode());
        String hash = etag.replace("\"", "");
        HttpResponse<String> versioned = web.get("/assets/embed.js?v=" + hash, "Accept-Encoding", "identity");
        assertThat(versioned.headers().firstValue("Cache-Control").orElse(""), containsString("immutable"));
        assertEquals(js.body(), versioned.body());
    }
}
