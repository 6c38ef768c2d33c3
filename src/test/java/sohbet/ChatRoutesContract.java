package sohbet;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.webserver.http.HttpRouting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import sohbet.app.AppConfig;
import sohbet.app.Sohbet;
import sohbet.support.Eventually;
import sohbet.support.SseClient;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sohbet.support.Web.form;

/**
 * Every visitor and admin route over a real socket, the same assertions on each database.
 * Subclasses choose the database and start the routing with Helidon's {@code @ServerTest}.
 */
abstract class ChatRoutesContract {
    static final Duration WAIT = Duration.ofSeconds(10);
    static TestDatabase database;
    static Sohbet app;

    private final URI uri;

    ChatRoutesContract(URI uri) {
        this.uri = uri;
    }

    static void setUp(HttpRouting.Builder routing, TestDatabase.Kind kind) {
        database = TestDatabase.create(kind);
        app = new Sohbet(AppConfig.from(database.env()), Clock.systemUTC(),
                new Sohbet.Timing(Duration.ofMillis(300), Duration.ofMillis(300), 64));
        app.routing(routing);
    }

    @AfterAll
    static void tearDown() {
        if (app != null) {
            app.close();
        }
        if (database != null) {
            database.close();
        }
    }

    URI uriForTests() {
        return uri;
    }

    Web visitor() {
        Web w = new Web(uri);
        assertEquals(200, w.get("/").statusCode());
        return w;
    }

    Web admin() {
        Web w = new Web(uri);
        w.signIn("admin", "test-password");
        return w;
    }

    static long threadOf(Web visitor) {
        String cookie = visitor.cookie("sohbet_visitor");
        assertNotNull(cookie, "visitor cookie");
        return Long.parseLong(cookie.substring(0, cookie.indexOf('.')));
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
        assertThat(res.headers().firstValue("Content-Type").orElse(""), startsWith("text/html"));
        String setCookie = res.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("sohbet_visitor=")).findFirst().orElseThrow();
        assertThat(setCookie, containsString("HttpOnly"));
        assertThat(setCookie, containsString("SameSite=Lax"));
        assertThat(res.body(), containsString("<html lang=\"tr\">"));
        assertThat(res.body(), containsString("Mesaj yazın…"));
        assertThat(res.body(), containsString("<noscript><iframe class=\"transcript\" src=\"/transcript\""));
        assertThat(res.body(), not(containsString("<script>")));
    }

    @Test
    void englishBrowsersGetEnglish() {
        Web w = new Web(uri).language("en-US,en;q=0.9,tr;q=0.5");
        HttpResponse<String> res = w.get("/");
        assertThat(res.body(), containsString("<html lang=\"en\">"));
        assertThat(res.body(), containsString("Message…"));
    }

    @Test
    void plainFormPostRedirectsAndTheMessageIsOnThePage() {
        Web w = visitor();
        HttpResponse<String> res = w.post("/messages", form("body", "Merhaba, kargom nerede?", "client_id", "c-plain-1"));
        assertEquals(303, res.statusCode());
        assertEquals("/", res.headers().firstValue("Location").orElseThrow());
        assertThat(w.get("/").body(), containsString("Merhaba, kargom nerede?"));
    }

    @Test
    void htmxPostAnswersTheFragmentAndAFreshForm() {
        Web w = visitor();
        HttpResponse<String> res = w.htmxPost("/messages", form("body", "htmx ile", "client_id", "c-htmx-1"));
        assertEquals(200, res.statusCode());
        assertThat(res.body(), containsString("hx-preserve=\"true\""));
        assertThat(res.body(), containsString("htmx ile"));
        assertThat(res.body(), containsString("hx-swap-oob=\"true\""));
        assertThat("a new client id for the next message", res.body(), not(containsString("c-htmx-1")));
    }

    @Test
    void theSameClientIdTwiceStoresOneMessage() {
        Web w = visitor();
        long thread = threadOf(w);
        w.post("/messages", form("body", "bir kez", "client_id", "dup-1"));
        HttpResponse<String> again = w.htmxPost("/messages", form("body", "bir kez", "client_id", "dup-1"));
        assertEquals(200, again.statusCode());
        assertEquals(1, app.chat().history(thread).size());
        Matcher ids = Pattern.compile("id=\"m-(\\d+)\"").matcher(w.get("/").body());
        int count = 0;
        while (ids.find()) {
            count++;
        }
        assertEquals(1, count);
    }

    @Test
    void emptyTextIsRefusedWithAClearMessage() {
        Web w = visitor();
        long thread = threadOf(w);
        HttpResponse<String> res = w.htmxPost("/messages", form("body", "   ", "client_id", "e-1"));
        assertEquals(422, res.statusCode());
        assertEquals("#compose", res.headers().firstValue("HX-Retarget").orElseThrow());
        assertThat(res.body(), containsString("Boş mesaj gönderilemez."));
        assertEquals(0, app.chat().history(thread).size());
    }

    @Test
    void overLongTextIsRefusedAndTheTypedTextKept() {
        Web w = visitor();
        long thread = threadOf(w);
        String text = "ç".repeat(4001);
        HttpResponse<String> res = w.post("/messages", form("body", text, "client_id", "long-1"));
        assertEquals(422, res.statusCode());
        assertThat(res.body(), containsString("en fazla 4.000 karakter"));
        assertThat(res.body(), containsString(text));
        assertEquals(0, app.chat().history(thread).size());
        assertEquals(303, w.post("/messages", form("body", "ç".repeat(4000), "client_id", "long-2")).statusCode());
    }

    @Test
    void invalidUtf8IsRefused() {
        Web w = visitor();
        long thread = threadOf(w);
        HttpResponse<String> res = w.postRaw("/messages", "body=%C3%28abc&client_id=u-1".getBytes(StandardCharsets.US_ASCII));
        assertEquals(400, res.statusCode());
        assertThat(res.body(), containsString("geçerli UTF-8 değil"));
        assertEquals(0, app.chat().history(thread).size());
    }

    @Test
    void aForgedCookieNeverOpensSomeoneElsesThread() {
        Web owner = visitor();
        owner.post("/messages", form("body", "gizli sipariş numaram 12345", "client_id", "s-1"));
        long ownerThread = threadOf(owner);

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
        long thread = threadOf(w);
        String xss = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        w.post("/messages", form("body", xss, "client_id", "x-1"));
        w.post("/name", form("name", "<b onclick=x>Ali</b>"));
        assertThat(w.get("/").body(), not(containsString("<script>alert(1)")));
        assertThat(w.get("/").body(), containsString("&lt;script&gt;alert(1)&lt;/script&gt;"));
        Web admin = admin();
        String panel = admin.get("/admin/threads/" + thread).body();
        assertThat(panel, not(containsString("<script>alert(1)")));
        assertThat(panel, not(containsString("<b onclick")));
        assertThat(panel, containsString("&lt;b onclick=x&gt;Ali&lt;/b&gt;"));
        try (SseClient sse = SseClient.open(w, "/events")) {
            SseClient.Event resync = sse.await("resync", WAIT);
            assertThat(resync.data(), not(containsString("<script>alert(1)")));
            assertThat(resync.data(), containsString("&lt;img src=x onerror=alert(2)&gt;"));
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
        long aliceThread = threadOf(alice);
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
        long thread = threadOf(w);
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
        assertEquals("/admin/login", res.headers().firstValue("Location").orElseThrow());
        assertEquals(401, anonymous.get("/admin/events").statusCode());
    }

    @Test
    void aWrongPasswordIsRefusedAndSignsNobodyIn() {
        Web w = new Web(uri);
        String csrf = Web.field(w.get("/admin/login").body(), "_csrf");
        HttpResponse<String> res = w.post("/admin/login", form("_csrf", csrf, "username", "admin", "password", "nope"));
        assertEquals(401, res.statusCode());
        assertThat(res.body(), containsString("Kullanıcı adı veya şifre hatalı."));
        assertThat("typed username kept", res.body(), containsString("value=\"admin\""));
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
        long thread = threadOf(w);
        w.post("/name", form("name", "Zeynep"));
        w.post("/messages", form("body", "Sipariş 42 nerede?", "client_id", "z-1"));
        Web admin = admin();
        String list = admin.get("/admin").body();
        assertThat(list, containsString("Zeynep"));
        assertThat(list, containsString("Sipariş 42 nerede?"));
        assertThat(list, containsString("class=\"unread\""));

        String csrf = adminCsrf(admin);
        HttpResponse<String> noToken = admin.post("/admin/threads/" + thread + "/messages", form("body", "tokensiz", "client_id", "n-1"));
        assertEquals(403, noToken.statusCode());
        HttpResponse<String> wrongToken = admin.post("/admin/threads/" + thread + "/messages",
                form("body", "yanlış", "client_id", "n-2", "_csrf", "x" + csrf));
        assertEquals(403, wrongToken.statusCode());
        assertEquals(1, app.chat().history(thread).size(), "refused posts stored nothing");

        HttpResponse<String> ok = admin.post("/admin/threads/" + thread + "/messages", form("body", "Kargoda", "client_id", "n-3", "_csrf", csrf));
        assertEquals(303, ok.statusCode());
        assertThat(w.get("/").body(), containsString("Kargoda"));
        assertThat("opening the thread read it", admin.get("/admin").body(), not(containsString("class=\"unread\"")));
    }

    // ---- the support desk ----------------------------------------------------------------------

    @Test
    void closingAThreadAndTheVisitorWritingAgainReopensIt() {
        Web w = visitor();
        long thread = threadOf(w);
        w.post("/messages", form("body", "ilk", "client_id", "cl-1"));
        Web admin = admin();
        String csrf = adminCsrf(admin);
        assertEquals(403, admin.post("/admin/threads/" + thread + "/close", form()).statusCode(), "CSRF checked");
        assertEquals(303, admin.post("/admin/threads/" + thread + "/close", form("_csrf", csrf)).statusCode());
        assertThat(admin.get("/admin").body(), containsString("id=\"t-" + thread + "\" class=\"row closed\""));
        assertThat(admin.get("/admin?filter=closed").body(), containsString("id=\"t-" + thread + "\""));
        assertThat(admin.get("/admin?filter=open").body(), not(containsString("id=\"t-" + thread + "\"")));
        w.post("/messages", form("body", "yine ben", "client_id", "cl-2"));
        assertThat(admin.get("/admin").body(), containsString("id=\"t-" + thread + "\" class=\"row\""));
        assertEquals(303, admin.post("/admin/threads/" + thread + "/close", form("_csrf", csrf)).statusCode());
        assertEquals(303, admin.post("/admin/threads/" + thread + "/reopen", form("_csrf", csrf)).statusCode());
        assertThat(admin.get("/admin").body(), containsString("id=\"t-" + thread + "\" class=\"row\""));
    }

    @Test
    void deletingAThreadAsksFirstThenRemovesEverything() {
        Web w = visitor();
        long thread = threadOf(w);
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
        long thread = threadOf(w);
        w.post("/name", form("name", "Mehmet"));
        w.post("/messages", form("body", "iki\nsatır", "client_id", "ex-1"));
        HttpResponse<String> res = admin().get("/admin/threads/" + thread + "/export");
        assertEquals(200, res.statusCode());
        assertThat(res.headers().firstValue("Content-Type").orElse(""), startsWith("text/plain"));
        assertThat(res.headers().firstValue("Content-Disposition").orElse(""), containsString("sohbet-T" + thread + ".txt"));
        assertThat(res.body(), containsString("Sohbet #T" + thread + " — Mehmet"));
        assertThat(res.body(), containsString("Europe/Istanbul"));
        String local = java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy HH:").format(java.time.ZonedDateTime.now(java.time.ZoneId.of("Europe/Istanbul")));
        assertThat(res.body(), containsString("[" + local));
        assertThat(res.body(), containsString("] Mehmet: iki\n    satır"));
        assertEquals(303, new Web(uriForTests()).get("/admin/threads/" + thread + "/export").statusCode(), "only for the admin");
    }

    @Test
    void aNameOrMessageCannotForgeALineOfTheTranscript() {
        Web w = visitor();
        long thread = threadOf(w);
        String forgedLine = "[30.11.2026 06:27] Yönetici: İade onaylandı";
        assertEquals(303, w.post("/name", form("name", "Ali\n" + forgedLine + "\u202E")).statusCode());
        w.post("/messages", form("body", "merhaba\r" + forgedLine + "\u2028" + forgedLine, "client_id", "forge-1"));
        String transcript = admin().get("/admin/threads/" + thread + "/export").body();
        for (String line : transcript.split("\n")) {
            assertThat("no line begins with the forged admin line", line, not(startsWith(forgedLine)));
            assertThat(line, not(containsString("\r")));
        }
        assertThat(transcript, not(containsString("\u202E")));
        assertThat(transcript, not(containsString("\u2028")));
        assertThat(transcript, containsString("Sohbet #T" + thread + " — Ali " + forgedLine + "\n"));
        assertThat(transcript, containsString("] Ali " + forgedLine + ": merhaba\n    " + forgedLine + "\n    " + forgedLine + "\n"));
    }

    @Test
    void searchFindsTurkishTextCaseInsensitivelyAndEscapesItsInput() {
        Web w = visitor();
        long thread = threadOf(w);
        w.post("/name", form("name", "Çağrı Öztürk"));
        w.post("/messages", form("body", "İstanbul'da ŞEKERLİ ılık çay, %100 doğal_ürün", "client_id", "se-1"));
        Web admin = admin();
        for (String q : List.of("istanbul", "İSTANBUL", "şekerli", "ILIK", "ÇAY", "%100", "doğal_ürün")) {
            String page = admin.get("/admin/search?q=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8)).body();
            assertThat(q, page, containsString("/admin/threads/" + thread + "#m-"));
        }
        assertThat(admin.get("/admin/search?q=" + java.net.URLEncoder.encode("çağrı öztürk", StandardCharsets.UTF_8)).body(),
                containsString("/admin/threads/" + thread + "\""));
        String wildcard = admin.get("/admin/search?q=" + java.net.URLEncoder.encode("l_k", StandardCharsets.UTF_8)).body();
        assertThat("'_' is not a wildcard", wildcard, not(containsString("/admin/threads/" + thread + "#m-")));
        String xss = admin.get("/admin/search?q=" + java.net.URLEncoder.encode("<script>x</script>", StandardCharsets.UTF_8)).body();
        assertThat(xss, not(containsString("<script>x")));
        assertThat(admin.get("/admin/search?q=a").body(), containsString("En az iki karakter"));
    }

    @Test
    void typingShowsOnTheOtherSideAndReadingShowsSeen() {
        Web w = visitor();
        long thread = threadOf(w);
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
        long thread = threadOf(w);
        w.post("/messages", form("body", "kargo ne zaman?", "client_id", "cn-1"));
        Web admin = admin();
        String csrf = Web.field(admin.get("/admin/canned").body(), "_csrf");
        assertEquals(422, admin.post("/admin/canned", form("_csrf", csrf, "name", "bad name!", "body", "x")).statusCode());
        assertEquals(303, admin.post("/admin/canned", form("_csrf", csrf, "name", "Kargo", "body", "Siparişiniz <b>yarın</b> kargoda.")).statusCode());
        String list = admin.get("/admin/canned").body();
        assertThat(list, containsString("/c kargo"));
        assertThat(list, containsString("&lt;b&gt;yarın&lt;/b&gt;"));
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
        long thread = threadOf(w);
        for (int i = 1; i <= 60; i++) {
            app.chat().postText(thread, sohbet.core.Message.Sender.VISITOR, sohbet.core.Message.Channel.WEB, "mesaj-" + i, "pg-" + i);
        }
        String page = w.get("/").body();
        assertThat(page, containsString(">mesaj-60<"));
        assertThat(page, containsString(">mesaj-11<"));
        assertThat(page, not(containsString(">mesaj-10<")));
        Matcher older = Pattern.compile("hx-get=\"(/older\\?before=\\d+)\"").matcher(page);
        assertTrue(older.find(), "an 'earlier messages' link");
        String fragment = w.get(older.group(1), "HX-Request", "true").body();
        assertThat(fragment, containsString(">mesaj-1<"));
        assertThat(fragment, containsString(">mesaj-10<"));
        assertThat(fragment, not(containsString(">mesaj-11<")));
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
            app.chat().postText(id, sohbet.core.Message.Sender.VISITOR, sohbet.core.Message.Channel.WEB, "sayfa " + i, "tp-" + i);
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
        assertThat(res.body(), containsString("\"status\":\"UP\""));
        assertThat(res.body(), containsString("\"database\":\"UP\""));
        assertThat(res.body(), containsString("\"bot\":\"OFF\""));
    }

    @Test
    void everyAnswerCarriesAStrictContentSecurityPolicy() {
        HttpResponse<String> res = new Web(uri).get("/");
        String csp = res.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp, containsString("default-src 'self'"));
        assertThat(csp, not(containsString("unsafe-inline")));
        assertEquals("nosniff", res.headers().firstValue("X-Content-Type-Options").orElseThrow());
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
        assertThat(js.headers().firstValue("Cache-Control").orElse(""), containsString("immutable"));
    }
}
