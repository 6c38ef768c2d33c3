package sohbet;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sohbet.desk.auth.SignInCodes;
import sohbet.app.Sohbet;
import sohbet.support.Eventually;
import sohbet.support.MutableClock;
import sohbet.support.SseClient;
import sohbet.support.TestApp;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sohbet.support.Web.form;

/** Abuse limits, the two-step sign-in, sessions, and hostile text, against the real app. */
class SecurityTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final MutableClock clock = new MutableClock(Instant.now());
    private final TestApp setup = new TestApp(TestDatabase.Kind.SQLITE);
    private Sohbet app;

    private void start(String... overrides) {
        app = setup.set(overrides).start(clock, new Sohbet.Timing(Duration.ofMillis(500), Duration.ofMillis(200), 64));
    }

    private Web client() {
        return new Web(TestApp.uri(app));
    }

    @AfterEach
    void stop() {
        setup.close();
    }

    // ---- abuse limits ----------------------------------------------------------------------------

    @Test
    void tooManyMessagesGet429WithTheTextKeptAndTheLimitRecovers() {
        start("LIMIT_MESSAGES_PER_MINUTE", "3");
        Web w = client();
        w.get("/");
        for (int i = 0; i < 3; i++) {
            assertEquals(303, w.post("/messages", form("body", "m" + i, "client_id", "rl-" + i)).statusCode());
        }
        HttpResponse<String> refused = w.post("/messages", form("body", "dördüncü mesaj", "client_id", "rl-3"));
        assertEquals(429, refused.statusCode());
        assertThat(refused.body(), containsString("Çok hızlı gönderiyorsunuz"));
        assertThat(refused.body(), containsString("dördüncü mesaj</textarea>"));
        clock.advance(Duration.ofSeconds(61));
        assertEquals(303, w.post("/messages", form("body", "dördüncü mesaj", "client_id", "rl-3")).statusCode());
        assertEquals(4, app.chat().history(w.threadId()).size());
    }

    @Test
    void newThreadsPerAddressAreLimited() {
        start("LIMIT_NEW_THREADS_PER_HOUR", "2");
        assertEquals(200, client().get("/").statusCode());
        assertEquals(200, client().get("/").statusCode());
        HttpResponse<String> third = client().get("/");
        assertEquals(429, third.statusCode());
        assertThat(third.body(), containsString("çok fazla yeni sohbet"));
        clock.advance(Duration.ofMinutes(61));
        assertEquals(200, client().get("/").statusCode());
    }

    @Test
    void streamsPerVisitorAreCappedByEndingTheOldestAndForeignOriginsRefused() {
        start();
        Web w = client();
        w.get("/");
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                SseClient s = SseClient.open(w, "/events?last_event_id=0");
                s.await("presence", WAIT);
                open.add(s);
            }
            try (SseClient sixth = SseClient.open(w, "/events?last_event_id=0")) {
                assertEquals(200, sixth.status(), "a reconnecting browser is never refused");
                sixth.await("presence", WAIT);
                Eventually.until("the oldest stream made room", WAIT, open.getFirst()::ended);
                assertEquals(5, app.hub().visitorStreams(w.threadId()));
            }
        } finally {
            open.forEach(SseClient::close);
        }
        try (SseClient foreign = SseClient.open(w, "/events?last_event_id=0", "Origin", "https://evil.example")) {
            assertEquals(403, foreign.status());
        }
    }

    // ---- isolation -----------------------------------------------------------------------------

    @Test
    void aVisitorCannotReachAnotherThreadByAnyId() {
        start();
        Web alice = client();
        alice.get("/");
        alice.post("/messages", form("body", "Alice'in sırrı", "client_id", "iso-1"));
        long aliceThread = alice.threadId();
        long aliceMessage = app.chat().history(aliceThread).getFirst().id();

        Web bob = client();
        bob.get("/");
        try (SseClient s = SseClient.open(bob, "/events?thread=" + aliceThread, "Last-Event-ID", Long.toString(aliceMessage - 1))) {
            List<SseClient.Event> got = s.drain(Duration.ofMillis(800));
            assertTrue(got.stream().noneMatch(e -> e.data().contains("sırrı")), "replay never crosses threads");
        }
        bob.post("/messages", form("body", "Bob yazıyor", "client_id", "iso-2", "thread", Long.toString(aliceThread)));
        assertTrue(app.chat().history(aliceThread).stream().noneMatch(m -> m.body().equals("Bob yazıyor")));
        assertThat(bob.get("/").body(), not(containsString("sırrı")));
    }

    // ---- hostile text --------------------------------------------------------------------------

    @Test
    void hostileTextIsInertOnEveryPageAndStream() throws IOException {
        start();
        List<String> payloads;
        try (InputStream in = SecurityTest.class.getResourceAsStream("/xss/payloads.txt")) {
            payloads = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
        Web visitor = client();
        visitor.get("/");
        visitor.post("/name", form("name", "<img src=x onerror=alert('name')>"));
        long thread = visitor.threadId();
        Web admin = client();
        admin.signIn("admin", "test-password");
        try (SseClient adminStream = SseClient.open(admin, "/admin/events?thread=" + thread);
             SseClient visitorStream = SseClient.open(visitor, "/events?last_event_id=0")) {
            adminStream.await("threads", WAIT);
            visitorStream.await("presence", WAIT);
            int i = 0;
            StringBuilder pushed = new StringBuilder();
            for (String p : payloads) {
                visitor.post("/messages", form("body", p, "client_id", "x-" + i++));
                pushed.append(visitorStream.await("message", WAIT).data());
                pushed.append(adminStream.await("message", WAIT).data());
            }
            pushed.append(adminStream.await("threads", WAIT).data());
            for (String html : List.of(visitor.get("/").body(), admin.get("/admin/threads/" + thread).body(), admin.get("/admin").body(),
                    pushed.toString())) {
                assertInert(html);
            }
        }
    }

    /**
     * No element, attribute or URL that came from a visitor survives as markup: every real tag (text
     * starting with a literal '<', attributes read with their quotes) must be one of ours.
     */
    private static void assertInert(String html) {
        Set<String> ourTags = Set.of("html", "head", "meta", "title", "link", "noscript", "script", "body", "div", "main", "header",
                "h1", "h2", "p", "span", "details", "summary", "form", "label", "input", "button", "section", "ol", "li", "time", "textarea",
                "aside", "ul", "a", "small", "dl", "dt", "dd", "nav", "progress", "img", "audio", "source", "figure", "figcaption", "strong", "br", "em", "footer", "svg", "path");
        int i = 0;
        while ((i = html.indexOf('<', i)) >= 0) {
            int j = i + 1;
            if (j < html.length() && html.charAt(j) == '/') {
                j++;
            }
            int nameStart = j;
            while (j < html.length() && Character.isLetterOrDigit(html.charAt(j))) {
                j++;
            }
            String name = html.substring(nameStart, j).toLowerCase();
            if (name.isEmpty()) {
                i++;
                continue;
            }
            // The one frame of ours: the scripts-off conversation, always this exact address.
            boolean ourFrame = name.equals("iframe") && html.startsWith("<iframe class=\"transcript\" src=\"/transcript\" ", i)
                    || name.equals("iframe") && html.startsWith("</iframe>", i);
            assertTrue(ourFrame || ourTags.contains(name), "a tag that is not ours: <" + name + "> near " + html.substring(i, Math.min(html.length(), i + 80)));
            // Attributes up to the closing '>', honouring quotes.
            StringBuilder attrs = new StringBuilder();
            char quote = 0;
            for (; j < html.length(); j++) {
                char c = html.charAt(j);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                    attrs.append(quote == 0 ? '"' : 'x');
                    continue;
                }
                if (c == '"' || c == '\'') {
                    quote = c;
                    attrs.append('"');
                    continue;
                }
                if (c == '>') {
                    break;
                }
                attrs.append(c);
            }
            String names = attrs.toString();
            assertFalse(Pattern.compile("(^|\\s)on\\w+\\s*=", Pattern.CASE_INSENSITIVE).matcher(names).find(),
                    () -> "an event handler on <" + name + ">: " + names);
            assertFalse(names.contains("hx-get") || names.contains("hx-on") || names.contains("srcdoc"),
                    () -> "a foreign htmx or frame attribute on <" + name + ">: " + names);
            String tag = html.substring(i, Math.min(html.length(), j + 1));
            assertFalse(tag.contains("href=\"javascript:") || tag.contains("action=\"https://evil"), () -> "a hostile URL: " + tag);
            i = j;
        }
    }

    // ---- the two-step sign-in and sessions -------------------------------------------------------

    /** Without a bot, development writes the code to the log; this reads it from there. */
    private static final class CodeFromLog extends Handler {
        volatile String code;

        @Override
        public void publish(LogRecord r) {
            Matcher m = Pattern.compile("sign-in code is (\\d{6})").matcher(String.valueOf(r.getMessage()));
            if (m.find()) {
                code = m.group(1);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void signInNeedsTheCodeRotatesTheSessionAndLogoutEndsIt() {
        start("ADMIN_OTP", "on");
        CodeFromLog log = new CodeFromLog();
        Logger logger = Logger.getLogger(SignInCodes.class.getName());
        logger.addHandler(log);
        try {
            Web w = client();
            w.setCookie("sohbet_admin", "planted-session-token");
            String csrf = Web.field(w.get("/admin/login").body(), "_csrf");
            HttpResponse<String> step1 = w.post("/admin/login", form("_csrf", csrf, "username", "admin", "password", "test-password"));
            assertEquals(303, step1.statusCode());
            assertEquals("/admin/login/code", step1.headers().firstValue("Location").orElseThrow());
            assertEquals(303, w.get("/admin").statusCode(), "the password alone does not open the panel");

            String page = w.get("/admin/login/code").body();
            assertThat("without a bot the page says the code is in the server log", page, containsString("sunucu günlüğünde"));
            String codeCsrf = Web.field(page, "_csrf");
            String code = log.code;
            String wrong = code.equals("000000") ? "111111" : "000000";
            HttpResponse<String> bad = w.post("/admin/login/code", form("_csrf", codeCsrf, "code", wrong));
            assertEquals(401, bad.statusCode());
            assertThat(bad.body(), containsString("Kalan deneme: 4"));
            codeCsrf = Web.field(bad.body(), "_csrf");
            HttpResponse<String> ok = w.post("/admin/login/code", form("_csrf", codeCsrf, "code", code));
            assertEquals(303, ok.statusCode());
            String session = w.cookie("sohbet_admin");
            assertNotEquals("planted-session-token", session, "a new session id after sign-in");
            assertEquals(200, w.get("/admin").statusCode());

            Web again = client();
            String againCsrf = Web.field(again.get("/admin/login").body(), "_csrf");
            again.post("/admin/login", form("_csrf", againCsrf, "username", "admin", "password", "test-password"));
            HttpResponse<String> reuse = again.post("/admin/login/code", form("_csrf", Web.field(again.get("/admin/login/code").body(), "_csrf"),
                    "code", code));
            if (!code.equals(log.code)) {
                assertEquals(401, reuse.statusCode(), "a used code does not open another attempt");
            }
        } finally {
            logger.removeHandler(log);
        }
    }

    @Test
    void changingThePasswordEndsEverySession() {
        start();
        Web w = client();
        w.signIn("admin", "test-password");
        String token = w.cookie("sohbet_admin");
        setup.stop(app);
        start("ADMIN_PASSWORD", "a-new-password");
        Web old = client();
        old.setCookie("sohbet_admin", token);
        assertEquals(303, old.get("/admin").statusCode(), "the session made under the old password is gone");
        client().signIn("admin", "a-new-password");
    }

    @Test
    void oversizedHeadersAndBodiesAreRefusedBeforeAnyHandler() {
        start("MAX_UPLOAD_MB", "1");
        Web w = client();
        w.get("/");
        int headers = w.get("/", "X-Padding", "x".repeat(20_000)).statusCode();
        assertTrue(headers >= 400 && headers < 500, "huge headers get a 4xx, got " + headers);
        HttpResponse<String> body = w.postRaw("/messages", new byte[3 * 1024 * 1024]);
        assertEquals(413, body.statusCode());
        assertEquals(200, w.get("/health").statusCode(), "and the server keeps serving");
    }

    @Test
    void everyKindOfAnswerCarriesTheSecurityHeaders() {
        start();
        Web w = client();
        w.get("/");
        List<HttpResponse<?>> answers = List.of(w.get("/"), w.get("/admin/login"), w.get("/health"), w.get("/nope"),
                w.htmxPost("/messages", form("body", "", "client_id", "h-1")));
        for (HttpResponse<?> r : answers) {
            assertThat(r.uri().toString(), r.headers().firstValue("Content-Security-Policy").orElse(""), containsString("frame-ancestors 'none'"));
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), r.uri().toString());
        }
        try (SseClient s = SseClient.open(w, "/events?last_event_id=0")) {
            s.await("presence", WAIT);
        }
        // The scripts-off conversation frame may be shown by our own page, and by no other site.
        HttpResponse<String> frame = w.get("/transcript");
        assertEquals(200, frame.statusCode());
        String csp = frame.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp, containsString("frame-ancestors 'self'"));
        assertThat(csp, containsString("script-src 'self'"));
        assertEquals("SAMEORIGIN", frame.headers().firstValue("X-Frame-Options").orElse(""));
    }
}
