package sohbet;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.webserver.http.HttpRouting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sohbet.app.Sohbet;
import sohbet.core.Message;
import sohbet.support.Eventually;
import sohbet.support.SseClient;
import sohbet.support.TestApp;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sohbet.support.Expect.hasAll;
import static sohbet.support.Expect.hasNone;
import static sohbet.support.Expect.header;
import static sohbet.support.Web.form;

/**
 * Every visitor and admin route over a real socket, the same assertions on each database.
 * Subclasses choose the database and start the routing with Helidon's {@code @ServerTest}.
 */
abstract class ChatRoutesContract {
    static final Duration WAIT = Duration.ofSeconds(10);
    static TestApp setup;
    static Sohbet app;
    private URI uri;

    static void setUp(HttpRouting.Builder routing, TestDatabase.Kind kind) {
        setup = new TestApp(kind);
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

    Web visitor() {
        return TestApp.visitor(uri);
    }

    Web admin() {
        return TestApp.admin(uri);
    }

    static String adminCsrf(Web admin) {
        return Web.field(admin.get("/admin").body(), "_csrf");
    }

    // ---- visitor page and posting -------------------------------------------------------------

    @Test
    void firstVisitGetsASignedHttpOnlyCookieAndATurkishPage() {
        Web w = new Web(uri);
        HttpResponse<String> res = w.get("/");
        assertEquals(200, res.statusCode());
        assertThat(header(res, "Content-Type"), startsWith("text/html"));
        String setCookie = res.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("sohbet_visitor=")).findFirst().orElseThrow();
        assertThat(setCookie, hasAll("HttpOnly", "SameSite=Lax"));
        assertThat(res.body(), hasAll("<html lang=\"tr\">", "Mesaj yazın…", "<noscript><iframe class=\"transcript\" src=\"/transcript\""));
        assertThat(res.body(), not(containsString("<script>")));
    }

    @Test
    void englishBrowsersGetEnglish() {
        assertThat(new Web(uri).language("en-US,en;q=0.9,tr;q=0.5").get("/").body(), hasAll("<html lang=\"en\">", "Message…"));
    }

    @Test
    void plainFormPostRedirectsAndTheMessageIsOnThePage() {
        Web w = visitor();
        HttpResponse<String> res = w.post("/messages", form("body", "Merhaba, kargom nerede?", "client_id", "c-plain-1"));
        assertEquals(303, res.statusCode());
        assertEquals("/", header(res, "Location"));
        assertThat(w.get("/").body(), containsString("Merhaba, kargom nerede?"));
    }

    @Test
    void htmxPostAnswersTheFragmentAndAFreshForm() {
        Web w = visitor();
        HttpResponse<String> res = w.htmxPost("/messages", form("body", "htmx ile", "client_id", "c-htmx-1"));
        assertEquals(200, res.statusCode());
        assertThat(res.body(), hasAll("hx-preserve=\"true\"", "htmx ile", "hx-swap-oob=\"true\""));
        assertThat("a new client id for the next message", res.body(), not(containsString("c-htmx-1")));
    }

    @Test
    void theSameClientIdTwiceStoresOneMessage() {
        Web w = visitor();
        long thread = w.threadId();
        w.post("/messages", form("body", "bir kez", "client_id", "dup-1"));
        HttpResponse<String> again = w.htmxPost("/messages", form("body", "bir kez", "client_id", "dup-1"));
        assertEquals(200, again.statusCode());
        assertEquals(1, app.chat().history(thread).size());
        assertEquals(1, Pattern.compile("id=\"m-(\\d+)\"").matcher(w.get("/").body()).results().count());
    }

    @Test
    void emptyTextIsRefusedWithAClearMessage() {
        Web w = visitor();
        long thread = w.threadId();
        HttpResponse<String> res = w.htmxPost("/messages", form("body", "   ", "client_id", "e-1"));
        assertEquals(422, res.statusCode());
        assertEquals("#compose", header(res, "HX-Retarget"));
        assertThat(res.body(), containsString("Boş mesaj gönderilemez."));
        assertEquals(0, app.chat().history(thread).size());
    }

    @Test
    void overLongTextIsRefusedAndTheTypedTextKept() {
        Web w = visitor();
        long thread = w.threadId();
        String text = "ç".repeat(4001);
        HttpResponse<String> res = w.post("/messages", form("body", text, "client_id", "long-1"));
        assertEquals(422, res.statusCode());
        assertThat(res.body(), hasAll("en fazla 4.000 karakter", text));
        assertEquals(0, app.chat().history(thread).size());
        assertEquals(303, w.post("/messages", form("body", "ç".repeat(4000), "client_id", "long-2")).statusCode());
    }

    @Test
    void invalidUtf8IsRefused() {
        Web w = visitor();
        long thread = w.threadId();
        HttpResponse<String> res = w.postRaw("/messages", "body=%C3%28abc&client_id=u-1".getBytes(StandardCharsets.US_ASCII));
        assertEquals(400, res.statusCode());
        assertThat(res.body(), containsString("geçerli UTF-8 değil"));
        assertEquals(0, app.chat().history(thread).size());
    }

    @Test
    void aForgedCookieNeverOpensSomeoneElsesThread() {
        Web owner = visitor();
        owner.post("/messages", form("body", "gizli sipariş numaram 12345", "client_id", "s-1"));
        long ownerThread = owner.threadId();

        Web attacker = new Web(uri);
        attacker.setCookie("sohbet_visitor", ownerThread + ".forgedsignatureforgedsignature12");
        HttpResponse<String> page = attacker.get("/");
        assertEquals(200, page.statusCode());
        assertThat(page.body(), not(containsString("gizli sipariş")));
        String issued = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("sohbet_visitor=")).findFirst()
                .orElseThrow(() -> new AssertionError("a forged cookie is replaced by a new thread's cookie"));
        long issuedThread = Long.parseLong(issued.substring("sohbet_visitor=".length(), issued.indexOf('.')));
        assertThat("a new thread of its own", issuedThread, not(is(ownerThread)));
    }

    @Test
    void visitorHtmlIsEscapedOnThePageInTheAdminPanelAndOverSse() {
        Web w = visitor();
        long thread = w.threadId();
        String xss = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        w.post("/messages", form("body", xss, "client_id", "x-1"));
        w.post("/name", form("name", "<b onclick=x>Ali</b>"));
        String page = w.get("/").body();
        assertThat(page, allOf(not(containsString("<script>alert(1)")), containsString("&lt;script&gt;alert(1)&lt;/script&gt;")));
        String panel = admin().get("/admin/threads/" + thread).body();
        assertThat(panel, allOf(hasNone("<script>alert(1)", "<b onclick"), containsString("&lt;b onclick=x&gt;Ali&lt;/b&gt;")));
        try (SseClient sse = SseClient.open(w, "/events")) {
            String resync = sse.await("resync", WAIT).data();
            assertThat(resync, allOf(not(containsString("<script>alert(1)")), containsString("&lt;img src=x onerror=alert(2)&gt;")));
        }
    }

    @Test
    void renamingChecksTheLength() {
        Web w = visitor();
        assertEquals(422, w.post("/name", form("name", "x".repeat(51))).statusCode());
        assertEquals(303, w.post("/name", form("name", "Ayşe")).statusCode());
        assertThat(w.get("/").body(), containsString("Ayşe"));
    }

    // ---- live streams ------------------------------------------------------------------------

    @Test
    void aVisitorMessageReachesTheAdminStreamAndTheReplyOnlyThatVisitor() {
        Web alice = visitor();
        Web bob = visitor();
        long aliceThread = alice.threadId();
        Web admin = admin();
        String csrf = adminCsrf(admin);
        try (SseClient adminSse = SseClient.open(admin, "/admin/events?thread=" + aliceThread);
             SseClient aliceSse = SseClient.open(alice, "/events?last_event_id=0");
             SseClient bobSse = SseClient.open(bob, "/events?last_event_id=0")) {
            adminSse.await("threads", WAIT);
            aliceSse.await("presence", WAIT);
            bobSse.await("presence", WAIT);

            alice.post("/messages", form("body", "Alice soruyor", "client_id", "a-1"));
            SseClient.Event atAdmin = adminSse.await(e -> e.name().equals("message") && e.data().contains("Alice soruyor"), WAIT);
            assertNotNull(atAdmin.id());

            HttpResponse<String> reply = admin.htmxPost("/admin/threads/" + aliceThread + "/messages",
                    form("body", "Yanıt Alice'e", "client_id", "r-1"), "X-CSRF-Token", csrf);
            assertEquals(200, reply.statusCode());
            SseClient.Event atAlice = aliceSse.await(e -> e.name().equals("message") && e.data().contains("Yanıt Alice"), WAIT);
            assertThat(atAlice.data(), containsString("msg theirs"));
            assertTrue(bobSse.drain(Duration.ofMillis(700)).stream().noneMatch(e -> e.data().contains("Alice")),
                    "another visitor's stream never sees Alice's conversation");
        }
    }

    @Test
    void aFragmentWithNewlinesArrivesIntact() {
        Web w = visitor();
        try (SseClient sse = SseClient.open(w, "/events?last_event_id=0")) {
            sse.await("presence", WAIT);
            w.post("/messages", form("body", "satır bir\nsatır iki\n\nsatır dört", "client_id", "nl-1"));
            SseClient.Event e = sse.await("message", WAIT);
            assertThat(e.data(), containsString("satır bir\nsatır iki\n\nsatır dört</p>"));
            assertThat(e.data(), startsWith("<li id=\"m-" + e.id() + "\""));
            assertThat(e.data(), endsWith("</li>"));
        }
    }

    @Test
    void reconnectingWithLastEventIdReplaysExactlyTheMissedMessages() {
        Web w = visitor();
        long first;
        try (SseClient sse = SseClient.open(w, "/events?last_event_id=0")) {
            sse.await("presence", WAIT);
            w.post("/messages", form("body", "bir", "client_id", "r-a"));
            first = Long.parseLong(sse.await("message", WAIT).id());
        }
        w.post("/messages", form("body", "iki", "client_id", "r-b"));
        w.post("/messages", form("body", "üç", "client_id", "r-c"));
        try (SseClient sse = SseClient.open(w, "/events", "Last-Event-ID", Long.toString(first))) {
            SseClient.Event two = sse.await("message", WAIT);
            SseClient.Event three = sse.await("message", WAIT);
            assertThat(two.data(), containsString(">iki<"));
            assertThat(three.data(), containsString(">üç<"));
            assertTrue(Long.parseLong(two.id()) < Long.parseLong(three.id()));
            List<SseClient.Event> more = sse.drain(Duration.ofMillis(500));
            assertTrue(more.stream().noneMatch(e -> e.name().equals("message") || e.name().equals("resync")), "nothing doubled: " + more);
        }
    }

    @Test
    void aConnectionWithoutAnIdOrWithAnUnknownOneGetsAResync() {
        Web w = visitor();
        w.post("/messages", form("body", "önce", "client_id", "rs-1"));
        try (SseClient sse = SseClient.open(w, "/events")) {
            SseClient.Event resync = sse.await("resync", WAIT);
            assertThat(resync.data(), containsString(">önce<"));
            assertNotNull(resync.id(), "the resync carries the newest id so the browser resumes from it");
        }
        try (SseClient sse = SseClient.open(w, "/events", "Last-Event-ID", "999999999")) {
            assertThat(sse.await("resync", WAIT).data(), containsString(">önce<"));
        }
    }

    @Test
    void aStreamWithoutAVisitorCookieIsTurnedAway() {
        try (SseClient sse = SseClient.open(new Web(uri), "/events")) {
            assertEquals(204, sse.status());
        }
    }

    @Test
    void presenceIsPushedBothWaysAndSubscribersAreRemovedWhenClientsLeave() {
        Web w = visitor();
        long thread = w.threadId();
        Web admin = admin();
        Eventually.until("no streams left from earlier tests", WAIT, () -> app.hub().subscriberCount() == 0);
        try (SseClient visitorSse = SseClient.open(w, "/events?last_event_id=0")) {
            assertThat(visitorSse.await("presence", WAIT).data(), containsString("dot off"));
            try (SseClient adminSse = SseClient.open(admin, "/admin/events?thread=" + thread)) {
                assertThat(adminSse.await("presence", WAIT).data(), containsString("dot on"));
                assertThat(visitorSse.await(e -> e.name().equals("presence") && e.data().contains("dot on"), WAIT).data(),
                        containsString("çevrimiçi"));
                assertEquals(2, app.hub().subscriberCount());
            }
            visitorSse.await(e -> e.name().equals("presence") && e.data().contains("dot off"), WAIT);
        }
        Eventually.until("subscriber count back to 0", WAIT, () -> app.hub().subscriberCount() == 0);
    }

    // ---- admin -------------------------------------------------------------------------------

    @Test
    void theAdminPanelNeedsASignIn() {
        Web anonymous = new Web(uri);
        HttpResponse<String> res = anonymous.get("/admin");
        assertEquals(303, res.statusCode());
        assertEquals("/admin/login", header(res, "Location"));
        assertEquals(401, anonymous.get("/admin/events").statusCode());
    }

    @Test
    void aWrongPasswordIsRefusedAndSignsNobodyIn() {
        Web w = new Web(uri);
        String csrf = Web.field(w.get("/admin/login").body(), "_csrf");
        HttpResponse<String> res = w.post("/admin/login", form("_csrf", csrf, "username", "admin", "password", "nope"));
        assertEquals(401, res.statusCode());
        assertThat("typed username kept", res.body(), hasAll("Kullanıcı adı veya şifre hatalı.", "value=\"admin\""));
        assertEquals(303, w.get("/admin").statusCode());
    }

    @Test
    void signInWithoutTheFormTokenIsRefused() {
        Web w = new Web(uri);
        w.get("/admin/login");
        assertEquals(403, w.post("/admin/login", form("username", "admin", "password", "test-password")).statusCode());
        assertEquals(303, w.get("/admin").statusCode());
    }

    @Test
    void theSessionCookieIsHttpOnlyAndTheDatabaseKeepsOnlyItsHash() {
        Web admin = admin();
        String token = admin.cookie("sohbet_admin");
        assertNotNull(token);
        assertTrue(app.database().read().get("SELECT token_hash FROM admin_sessions WHERE token_hash = ?", token).isEmpty());
    }

    @Test
    void theAdminSeesThreadsAndRepliesWithACsrfToken() {
        Web w = visitor();
        long thread = w.threadId();
        w.post("/name", form("name", "Zeynep"));
        w.post("/messages", form("body", "Sipariş 42 nerede?", "client_id", "z-1"));
        Web admin = admin();
        assertThat(admin.get("/admin").body(), hasAll("Zeynep", "Sipariş 42 nerede?", "class=\"unread\""));

        String csrf = adminCsrf(admin);
        String path = "/admin/threads/" + thread + "/messages";
        assertEquals(403, admin.post(path, form("body", "tokensiz", "client_id", "n-1")).statusCode());
        assertEquals(403, admin.post(path, form("body", "yanlış", "client_id", "n-2", "_csrf", "x" + csrf)).statusCode());
        assertEquals(1, app.chat().history(thread).size(), "refused posts stored nothing");

        assertEquals(303, admin.post(path, form("body", "Kargoda", "client_id", "n-3", "_csrf", csrf)).statusCode());
        assertThat(w.get("/").body(), containsString("Kargoda"));
        assertThat("opening the thread read it", admin.get("/admin").body(), not(containsString("class=\"unread\"")));
    }

    // ---- the support desk ----------------------------------------------------------------------

    @Test
    void closingAThreadAndTheVisitorWritingAgainReopensIt() {
        Web w = visitor();
        long thread = w.threadId();
        w.post("/messages", form("body", "ilk", "client_id", "cl-1"));
        Web admin = admin();
        var csrf = form("_csrf", adminCsrf(admin));
        String at = "/admin/threads/" + thread, row = "id=\"t-" + thread + "\"";
        assertEquals(403, admin.post(at + "/close", form()).statusCode(), "CSRF checked");
        assertEquals(303, admin.post(at + "/close", csrf).statusCode());
        assertThat(admin.get("/admin").body(), containsString(row + " class=\"row closed\""));
        assertThat(admin.get("/admin?filter=closed").body(), containsString(row));
        assertThat(admin.get("/admin?filter=open").body(), not(containsString(row)));
        w.post("/messages", form("body", "yine ben", "client_id", "cl-2"));
        assertThat(admin.get("/admin").body(), containsString(row + " class=\"row\""));
        assertEquals(303, admin.post(at + "/close", csrf).statusCode());
        assertEquals(303, admin.post(at + "/reopen", csrf).statusCode());
        assertThat(admin.get("/admin").body(), containsString(row + " class=\"row\""));
    }

    @Test
    void deletingAThreadAsksFirstThenRemovesEverything() {
        Web w = visitor();
        long thread = w.threadId();
        w.post("/messages", form("body", "beni unutun", "client_id", "del-1"));
        Web admin = admin();
        String csrf = adminCsrf(admin);
        HttpResponse<String> ask = admin.post("/admin/threads/" + thread + "/delete", form("_csrf", csrf));
        assertEquals(200, ask.statusCode());
        assertThat(ask.body(), containsString("geri alınamaz"));
        assertEquals(1, app.chat().history(thread).size(), "nothing deleted before the confirmation");
        HttpResponse<String> done = admin.post("/admin/threads/" + thread + "/delete", form("_csrf", Web.field(ask.body(), "_csrf"), "confirm", "yes"));
        assertEquals(303, done.statusCode());
        assertEquals(404, admin.get("/admin/threads/" + thread).statusCode());
        assertEquals(0, app.chat().history(thread).size());
        assertThat("the visitor starts afresh", w.get("/").body(), not(containsString("beni unutun")));
    }

    @Test
    void aTranscriptIsPlainTextInTheAppTimezone() {
        Web w = visitor();
        long thread = w.threadId();
        w.post("/name", form("name", "Mehmet"));
        w.post("/messages", form("body", "iki\nsatır", "client_id", "ex-1"));
        HttpResponse<String> res = admin().get("/admin/threads/" + thread + "/export");
        assertEquals(200, res.statusCode());
        assertThat(header(res, "Content-Type"), startsWith("text/plain"));
        assertThat(header(res, "Content-Disposition"), containsString("sohbet-T" + thread + ".txt"));
        String local = java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy HH:").format(java.time.ZonedDateTime.now(java.time.ZoneId.of("Europe/Istanbul")));
        assertThat(res.body(), hasAll("Sohbet #T" + thread + " — Mehmet", "Europe/Istanbul", "[" + local, "] Mehmet: iki\n    satır"));
        assertEquals(303, new Web(uri).get("/admin/threads/" + thread + "/export").statusCode(), "only for the admin");
    }

    @Test
    void aNameOrMessageCannotForgeALineOfTheTranscript() {
        Web w = visitor();
        long thread = w.threadId();
        String forgedLine = "[30.11.2026 06:27] Yönetici: İade onaylandı";
        assertEquals(303, w.post("/name", form("name", "Ali\n" + forgedLine + "\u202E")).statusCode());
        w.post("/messages", form("body", "merhaba\r" + forgedLine + "\u2028" + forgedLine, "client_id", "forge-1"));
        String transcript = admin().get("/admin/threads/" + thread + "/export").body();
        for (String line : transcript.split("\n")) {
            assertThat("no line begins with the forged admin line", line, not(startsWith(forgedLine)));
            assertThat(line, not(containsString("\r")));
        }
        assertThat(transcript, hasNone("\u202E", "\u2028"));
        assertThat(transcript, hasAll("Sohbet #T" + thread + " — Ali " + forgedLine + "\n",
                "] Ali " + forgedLine + ": merhaba\n    " + forgedLine + "\n    " + forgedLine + "\n"));
    }

    @Test
    void searchFindsTurkishTextCaseInsensitivelyAndEscapesItsInput() {
        Web w = visitor();
        long thread = w.threadId();
        w.post("/name", form("name", "Çağrı Öztürk"));
        w.post("/messages", form("body", "İstanbul'da ŞEKERLİ ılık çay, %100 doğal_ürün", "client_id", "se-1"));
        Web admin = admin();
        java.util.function.Function<String, String> search = q -> admin.get("/admin/search?q=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8)).body();
        for (String q : List.of("istanbul", "İSTANBUL", "şekerli", "ILIK", "ÇAY", "%100", "doğal_ürün")) {
            assertThat(q, search.apply(q), containsString("/admin/threads/" + thread + "#m-"));
        }
        assertThat(search.apply("çağrı öztürk"), containsString("/admin/threads/" + thread + "\""));
        assertThat("'_' is not a wildcard", search.apply("l_k"), not(containsString("/admin/threads/" + thread + "#m-")));
        assertThat(search.apply("<script>x</script>"), not(containsString("<script>x")));
        assertThat(search.apply("a"), containsString("En az iki karakter"));
    }

    @Test
    void typingShowsOnTheOtherSideAndReadingShowsSeen() {
        Web w = visitor();
        long thread = w.threadId();
        w.post("/name", form("name", "Elif"));
        w.post("/messages", form("body", "okudunuz mu?", "client_id", "ty-1"));
        Web admin = admin();
        String csrf = adminCsrf(admin);
        try (SseClient visitorSse = SseClient.open(w, "/events?last_event_id=0");
             SseClient adminSse = SseClient.open(admin, "/admin/events?thread=" + thread)) {
            visitorSse.await("presence", WAIT);
            adminSse.await("threads", WAIT);
            assertEquals(204, w.post("/typing", form()).statusCode());
            assertThat(adminSse.await("typing", WAIT).data(), containsString("Elif yazıyor…"));
            assertEquals(204, admin.post("/admin/threads/" + thread + "/typing", form(), "X-CSRF-Token", csrf).statusCode());
            assertThat(visitorSse.await("typing", WAIT).data(), containsString("Destek yazıyor…"));

            admin.get("/admin/threads/" + thread);
            assertThat(visitorSse.await("seen", WAIT).data(), containsString("Görüldü"));
            assertThat(w.get("/").body(), containsString("seen-now"));
        }
        Eventually.until("the panel's stream has closed", WAIT, () -> app.hub().subscriberCount() == 0);
        w.post("/messages", form("body", "bir şey daha", "client_id", "ty-2"));
        assertThat("a message nobody has read yet is not seen", w.get("/").body(), not(containsString("seen-now")));
        assertEquals(403, admin.post("/admin/threads/" + thread + "/typing", form()).statusCode(), "the admin's typing needs CSRF too");
    }

    @Test
    void savedAnswersAreKeptAndFillTheReplyBox() {
        Web w = visitor();
        long thread = w.threadId();
        w.post("/messages", form("body", "kargo ne zaman?", "client_id", "cn-1"));
        Web admin = admin();
        String csrf = Web.field(admin.get("/admin/canned").body(), "_csrf");
        assertEquals(422, admin.post("/admin/canned", form("_csrf", csrf, "name", "bad name!", "body", "x")).statusCode());
        assertEquals(303, admin.post("/admin/canned", form("_csrf", csrf, "name", "Kargo", "body", "Siparişiniz <b>yarın</b> kargoda.")).statusCode());
        String list = admin.get("/admin/canned").body();
        assertThat(list, hasAll("/c kargo", "&lt;b&gt;yarın&lt;/b&gt;"));
        String panel = admin.get("/admin/threads/" + thread).body();
        Matcher link = Pattern.compile("href=\"(/admin/threads/" + thread + "\\?canned=\\d+)\"").matcher(panel);
        assertTrue(link.find(), "the panel offers the saved answer");
        String filled = admin.get(link.group(1)).body();
        assertThat(filled, containsString(">Siparişiniz &lt;b&gt;yarın&lt;/b&gt; kargoda.</textarea>"));
        Matcher id = Pattern.compile("action=\"/admin/canned/(\\d+)/delete\"").matcher(list);
        assertTrue(id.find());
        assertEquals(303, admin.post("/admin/canned/" + id.group(1) + "/delete", form("_csrf", csrf)).statusCode());
        assertThat(admin.get("/admin/canned").body(), not(containsString("/c kargo")));
    }

    @Test
    void aLongThreadShowsTheNewestFiftyAndLoadsOlderOnDemand() {
        Web w = visitor();
        long thread = w.threadId();
        for (int i = 1; i <= 60; i++) {
            app.chat().postText(thread, Message.Sender.VISITOR, Message.Channel.WEB, "mesaj-" + i, "pg-" + i);
        }
        String page = w.get("/").body();
        assertThat(page, allOf(hasAll(">mesaj-60<", ">mesaj-11<"), not(containsString(">mesaj-10<"))));
        Matcher older = Pattern.compile("hx-get=\"(/older\\?before=\\d+)\"").matcher(page);
        assertTrue(older.find(), "an 'earlier messages' link");
        String fragment = w.get(older.group(1), "HX-Request", "true").body();
        assertThat(fragment, allOf(hasAll(">mesaj-1<", ">mesaj-10<"), not(containsString(">mesaj-11<"))));
        assertThat("no further link at the beginning", fragment, not(containsString("class=\"older\"")));
        assertThat("without script the link opens a page", w.get(older.group(1)).body(), containsString(">mesaj-10<"));

        Web admin = admin();
        String panel = admin.get("/admin/threads/" + thread).body();
        Matcher adminOlder = Pattern.compile("hx-get=\"(/admin/threads/" + thread + "/older\\?before=\\d+)\"").matcher(panel);
        assertTrue(adminOlder.find());
        assertThat(admin.get(adminOlder.group(1), "HX-Request", "true").body(), containsString(">mesaj-1<"));
    }

    @Test
    void theThreadListPages() {
        long first = 0;
        for (int i = 0; i < 101; i++) {
            long id = app.chat().startThread("paging", null).id();
            app.chat().postText(id, Message.Sender.VISITOR, Message.Channel.WEB, "sayfa " + i, "tp-" + i);
            if (i == 0) {
                first = id;
            }
        }
        Web admin = admin();
        String one = admin.get("/admin").body();
        assertThat(one, containsString("page=2"));
        assertThat("the oldest is not on the first page", one, not(containsString("id=\"t-" + first + "\"")));
        assertThat(admin.get("/admin?filter=all&page=2").body(), containsString("id=\"t-" + first + "\""));
    }

    @Test
    void anUnknownThreadIs404() {
        Web admin = admin();
        assertEquals(404, admin.get("/admin/threads/987654321").statusCode());
        assertEquals(404, admin.get("/admin/threads/abc").statusCode());
        String csrf = adminCsrf(admin);
        assertEquals(404, admin.post("/admin/threads/987654321/messages", form("body", "x", "_csrf", csrf)).statusCode());
    }

    @Test
    void logoutEndsTheSessionOnTheServer() {
        Web admin = admin();
        String token = admin.cookie("sohbet_admin");
        String csrf = adminCsrf(admin);
        assertEquals(303, admin.post("/admin/logout", form("_csrf", csrf)).statusCode());
        Web replay = new Web(uri);
        replay.setCookie("sohbet_admin", token);
        assertEquals(303, replay.get("/admin").statusCode(), "the old cookie no longer opens the panel");
    }

    @Test
    void anUnknownPathIsAClear404() {
        HttpResponse<String> res = new Web(uri).get("/no-such-page");
        assertEquals(404, res.statusCode());
        assertThat(res.body(), containsString("Aradığınız sayfa bulunamadı."));
    }

    @Test
    void healthSaysTheDatabaseIsUp() {
        HttpResponse<String> res = new Web(uri).get("/health");
        assertEquals(200, res.statusCode());
        assertThat(res.body(), hasAll("\"status\":\"UP\"", "\"database\":\"UP\"", "\"bot\":\"OFF\""));
    }

    @Test
    void everyAnswerCarriesAStrictContentSecurityPolicy() {
        HttpResponse<String> res = new Web(uri).get("/");
        assertThat(header(res, "Content-Security-Policy"), allOf(containsString("default-src 'self'"), not(containsString("unsafe-inline"))));
        assertEquals("nosniff", header(res, "X-Content-Type-Options"));
    }

    @Test
    void theVisitorPageIsGzippedForBrowsersThatAcceptIt() throws Exception {
        Web w = visitor();
        var req = java.net.http.HttpRequest.newBuilder(uri.resolve("/")).header("Accept-Encoding", "gzip").build();
        HttpResponse<byte[]> res = w.http().send(req, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("gzip", res.headers().firstValue("Content-Encoding").orElse(""));
        String html = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(res.body())).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(html, containsString("Mesaj yazın…"));
        assertTrue(res.body().length < html.length() / 2, "compressed to less than half");
    }

    @Test
    void assetsAreServedByTheAppGzippedAndCacheable() {
        Web w = new Web(uri);
        String page = w.get("/").body();
        Matcher m = Pattern.compile("src=\"(/assets/htmx\\.min\\.js\\?v=[0-9a-f]+)\"").matcher(page);
        assertTrue(m.find(), "htmx is referenced from our own origin");
        HttpResponse<String> js = w.get(m.group(1));
        assertEquals(200, js.statusCode());
        assertThat(js.body(), containsString("htmx"));
        assertThat(header(js, "Cache-Control"), containsString("immutable"));
    }
}
