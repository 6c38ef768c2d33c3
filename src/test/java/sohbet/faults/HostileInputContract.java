package sohbet.faults;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.statistics.Statistics;
import sohbet.support.RawHttp;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Hostile input against the app running as its own process, as properties over generated requests
 * sent byte for byte over a socket: never a 5xx, never a hang, never a stack trace in an answer; a
 * refused post (4xx, or no answer) stores nothing, an acknowledged one (2xx, 3xx) stores exactly one
 * message; and a valid message is stored as written, once however often it is sent. Nothing here
 * predicts the exact status from the app's rules: the generators only aim at the edges (bad
 * percent-encoding, invalid UTF-8, NUL, sizes around the limits, broken framing, forged cookies).
 * The seed is fixed so a run is the same everywhere; a failure shrinks to a small counterexample.
 * Long because half of it is the generators: each names the hostile values of one part of a request,
 * and they read best next to the property that uses them.
 */
abstract class HostileInputContract {
    static final String SEED = "4242";
    private static final Duration TIMEOUT = Duration.ofSeconds(6);
    private static final AtomicLong N = new AtomicLong();

    private static TestDatabase.Kind running;
    private static TestDatabase db;
    private static AppProcess app;
    private static Web visitor;
    private static Web admin;
    private static String csrf;
    private static long thread;
    private static final List<Web> streamers = new ArrayList<>();
    private int faultsBefore;

    abstract TestDatabase.Kind kind();

    @BeforeProperty
    void startOnce() {
        if (running != kind()) {
            stop();
            db = TestDatabase.create(kind());
            app = new AppProcess("hostile-" + kind().name().toLowerCase(), db).start();
            visitor = app.visitor(Duration.ofSeconds(20));
            thread = visitor.threadId();
            admin = app.web();
            csrf = admin.signIn("admin", "test-password");
            // Streams closed at once still count against their visitor until the next write: spread them over several.
            for (int i = 0; i < 20; i++) {
                streamers.add(app.visitor(Duration.ofSeconds(10)));
            }
            running = kind();
        }
        faultsBefore = app.errorReports().size();
    }

    @AfterProperty
    void noServerFaultAndStillServing() {
        List<String> reports = app.errorReports();
        assertEquals(List.of(), reports.subList(faultsBefore, reports.size()), "server faults in " + app.log());
        assertEquals(303, visitor.post("/messages", Web.form("body", "hâlâ burada", "client_id", "alive-" + N.incrementAndGet())).statusCode());
    }

    @AfterContainer
    static void stop() {
        if (app != null) {
            app.close();
            db.close();
            streamers.clear();
            app = null;
            running = null;
        }
    }

    // ---- forms --------------------------------------------------------------------------------

    @Property(tries = 250, seed = SEED)
    void aVisitorFormIsStoredOnceOrNotAtAll(@ForAll("formBodies") String body, @ForAll("contentTypes") String type, @ForAll boolean htmx) {
        int status = post("/messages", visitor, type, htmx, body);
        Statistics.label("answer").collect(status >= 200 && status < 400 ? "stored" : Integer.toString(status))
                .coverage(c -> c.check("stored").percentage(p -> p > 10));
    }

    @Property(tries = 100, seed = SEED)
    void anAdminFormWithoutItsTokenIsRefusedAndOneWithItIsStoredOnceOrNotAtAll(@ForAll("formBodies") String body,
            @ForAll("tokens") String token, @ForAll boolean htmx) {
        String form = body + (token == null ? "" : "&_csrf=" + URLEncoder.encode(token.replace("{csrf}", csrf), StandardCharsets.UTF_8));
        int status = post("/admin/threads/" + thread + "/messages", admin, "application/x-www-form-urlencoded", htmx, form);
        if (!"{csrf}".equals(token)) {
            assertTrue(status >= 400 && status < 500, "a form without its token is refused: " + status);
        }
    }

    @Property(tries = 50, seed = SEED)
    void aValidMessageIsStoredAsWrittenAndOnceHoweverOftenItIsSent(@ForAll("texts") String text, @ForAll boolean htmx) {
        String cid = "v" + N.incrementAndGet();
        String form = Web.encode(Web.form("body", text, "client_id", cid));
        long before = stored();
        assertEquals(htmx ? 200 : 303, post("/messages", visitor, "application/x-www-form-urlencoded", htmx, form), "acknowledged");
        String retry = request("POST", "/messages", visitor, "application/x-www-form-urlencoded", htmx, form);
        assertEquals(htmx ? 200 : 303, exchange(retry, false, false, false), "the retry is acknowledged too");
        assertEquals(before + 1, stored(), "and stored once");
        assertEquals(text, query("SELECT body FROM messages WHERE client_id = ?", cid));
    }

    @Property(tries = 50, seed = SEED)
    void aRefusedNameOrEmailLeavesTheStoredOneAndAnAcceptedOneReplacesIt(@ForAll boolean email, @ForAll("names") String value) {
        String field = email ? "email" : "name";
        String column = email ? "visitor_email" : "visitor_name";
        String before = query("SELECT " + column + " FROM threads WHERE id = ?", thread);
        String body = field + "=" + value.replace("{n}", Long.toString(N.incrementAndGet()));
        int status = exchange(request("POST", "/" + field, visitor, "application/x-www-form-urlencoded", false, body), false, false, false);
        String after = query("SELECT " + column + " FROM threads WHERE id = ?", thread);
        if (status >= 400) {
            assertEquals(before, after, "refused, so unchanged");
        } else {
            assertNotEquals(before, after, "accepted, so stored");
        }
    }

    // ---- the rest of a request ------------------------------------------------------------------

    @Property(tries = 80, seed = SEED)
    void aForgedOrBrokenVisitorCookieIsNeverAFault(@ForAll("cookies") String cookie, @ForAll("cookieTargets") String target) {
        String good = visitor.cookie("sohbet_visitor");
        String value = cookie.replace("{good}", good).replace("{id}", good.substring(0, good.indexOf('.')))
                .replace("{sig}", good.substring(good.indexOf('.') + 1));
        boolean stream = target.startsWith("GET /events");
        boolean posts = target.startsWith("POST");
        String head = head(target) + "Cookie: " + value + "\r\n";
        exchange(head + (posts ? formPart(freshForm("çerez ", "k")) : (stream ? "Accept: text/event-stream\r\n" : "") + "\r\n"), posts, false, stream);
    }

    @Property(tries = 80, seed = SEED)
    void anAbsurdLastEventIdOrOriginIsNeverAFault(@ForAll("absurdIds") String header, @ForAll("absurdIds") String query,
            @ForAll("origins") String origin, @ForAll boolean adminSide) {
        Web who = adminSide ? admin : streamers.get((int) (N.incrementAndGet() % streamers.size()));
        String path = (adminSide ? "/admin/events?thread=" + thread + "&last_event_id=" : "/events?last_event_id=")
                + URLEncoder.encode(query, StandardCharsets.UTF_8);
        exchange(head("GET " + path) + "Accept: text/event-stream\r\nCookie: " + who.cookieHeader(path) + "\r\nLast-Event-ID: "
                + header.replaceAll("[\r\n]", "") + "\r\n" + origin + "\r\n", false, false, true);
    }

    @Property(tries = 80, seed = SEED)
    void aBrokenRequestLineIsNeverAFault(@ForAll("requestLines") String line, @ForAll boolean bareLf, @ForAll boolean alone) {
        String eol = bareLf ? "\n" : "\r\n";
        exchange(alone ? line : line + eol + "Host: 127.0.0.1" + eol + "Connection: close" + eol + eol, false, true, false);
    }

    @Property(tries = 80, seed = SEED)
    void hostileHeadersAreNeverAFault(@ForAll("headers") String headers, @ForAll boolean posts) {
        exchange(head(posts ? "POST /messages" : "GET /") + "Cookie: " + visitor.cookieHeader("/") + "\r\n" + headers
                + (posts ? formPart(freshForm("başlık ", "h")) : "\r\n"), posts, true, false);
    }

    @Property(tries = 60, seed = SEED)
    void aBodyFramedWrongIsStoredOnceOrNotAtAll(@ForAll("framings") String framing) {
        String form = freshForm("çerçeve ", "r");
        exchange(head("POST /messages") + "Cookie: " + visitor.cookieHeader("/messages") + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + framing.replace("{len}", Integer.toString(form.length())).replace("{hex}", Integer.toHexString(form.length()))
                .replace("{form}", form), true, true, false);
    }

    @Property(tries = 100, seed = SEED)
    void anyMethodOnAnyPathIsNeverAFault(@ForAll("methods") String method, @ForAll("paths") String path, @ForAll boolean asAdmin,
            @ForAll("junk") String body) {
        String target = path.replace("{thread}", Long.toString(thread));
        boolean withBody = !method.equals("GET") && !method.equals("HEAD") && !body.isEmpty();
        exchange(head(method + " " + target) + "Cookie: " + (asAdmin ? admin : visitor).cookieHeader("/admin/") + "\r\n"
                + (withBody ? formPart(body) : "\r\n"), false, false, target.startsWith("/events") && method.equals("GET"));
    }

    @Property(tries = 60, seed = SEED)
    void aBrokenUploadIsRefused(@ForAll("multiparts") String multipart, @ForAll boolean adminSide, @ForAll boolean htmx) {
        String boundary = "b" + N.incrementAndGet();
        int split = multipart.indexOf("\n\n");
        String type = multipart.substring(0, split).replace("{b}", boundary);
        String body = multipart.substring(split + 2).replace("{b}", boundary);
        Web who = adminSide ? admin : streamers.get((int) (N.get() % streamers.size()));
        String path = adminSide ? "/admin/threads/" + thread + "/uploads" : "/uploads";
        List<String> extra = adminSide ? List.of("X-CSRF-Token", htmx ? csrf : "wrong") : List.of();
        int status = exchange(request("POST", path, who, type, htmx, body, extra.toArray(String[]::new)), true, true, false);
        assertTrue(status == 0 || (status >= 400 && status < 500), "a broken upload is refused: " + status);
    }

    @Example
    void http10GetsAnAnswer() {
        assertNotEquals(0, exchange("GET /health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n", false, false, false));
    }

    // ---- sending and judging ------------------------------------------------------------------------

    private static int post(String path, Web who, String type, boolean htmx, String form) {
        return exchange(request("POST", path, who, type, htmx, form.replace("{n}", Long.toString(N.incrementAndGet()))), true, false, false);
    }

    /** A request line and the headers every raw request here carries. */
    private static String head(String requestLine) {
        return requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    }

    /** A valid form with a message nobody sent before. */
    private static String freshForm(String text, String clientIdPrefix) {
        return "body=" + URLEncoder.encode(text + N.incrementAndGet(), StandardCharsets.UTF_8) + "&client_id=" + clientIdPrefix + N.get();
    }

    /** The form's headers, the blank line and the form. */
    private static String formPart(String form) {
        return "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length() + "\r\n\r\n" + form;
    }

    /** A request with the cookies of {@code who} and this body (one byte a char, as every request here is sent). */
    private static String request(String method, String path, Web who, String type, boolean htmx, String body, String... headers) {
        StringBuilder b = new StringBuilder(head(method + " " + path)).append("Cookie: ").append(who.cookieHeader(path))
                .append("\r\nContent-Length: ").append(body.length()).append("\r\n");
        if (type != null) {
            b.append("Content-Type: ").append(type).append("\r\n");
        }
        if (htmx) {
            b.append("HX-Request: true\r\n");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        return b.append("\r\n").append(body).toString();
    }

    /**
     * Sends the request and holds the answer to the rules every request obeys; with {@code posts}, also what was
     * stored to what was answered. Returns the status, 0 when the server closed without one ({@code mayClose}).
     */
    private static int exchange(String request, boolean posts, boolean mayClose, boolean stream) {
        long before = posts ? stored() : 0;
        byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
        int status;
        String body = "";
        try {
            if (stream) {
                status = RawHttp.exchangeHead(app.port(), bytes, TIMEOUT).status();
            } else {
                RawHttp.Response r = RawHttp.exchange(app.port(), bytes, TIMEOUT, mayClose);
                status = r.status();
                body = r.text();
            }
        } catch (RawHttp.Hung e) {
            throw new AssertionError("hung: " + e.getMessage());
        } catch (IOException e) {
            if (!mayClose) {
                fail("closed without answering: " + e.getMessage());
            }
            status = 0;
        }
        String line = request.substring(0, Math.min(request.length(), 200)).lines().findFirst().orElse("");
        // Helidon speaks HTTP/1.1 only and says so to HTTP/1.0 with 505 (RFC 9110 15.6.6): an answer, not a fault.
        assertTrue(status < 500 || (status == 505 && line.endsWith(" HTTP/1.0")), "answered " + status + ": " + Ledger.snippet(body));
        assertFalse(Ledger.leaksTrace(body), "leaked a stack trace: " + Ledger.snippet(body));
        if (posts) {
            boolean acknowledged = status >= 200 && status < 400;
            assertEquals(before + (acknowledged ? 1 : 0), stored(), (acknowledged ? "acknowledged with " : "refused with ") + status
                    + ", so stored " + (acknowledged ? "once" : "nothing"));
        }
        return status;
    }

    private static long stored() {
        return Long.parseLong(query("SELECT COUNT(*) FROM messages"));
    }

    private static String query(String sql, Object... key) {
        return StoredMessages.query(db, sql, key);
    }

    // ---- what is generated ----------------------------------------------------------------------

    @Provide
    Arbitrary<String> formBodies() {
        Arbitrary<String> pairs = Combinators.combine(bodyValues(), clientIds().injectNull(0.12),
                Arbitraries.of("&", "&", "&", "&", ";"), Arbitraries.of("", "", "", "", "&&&=&", "&body=ikinci", "&%zz=1", "&=&"))
                .as((text, cid, sep, tail) -> "body=" + text + (cid == null ? "" : sep + "client_id=" + cid) + tail);
        return Arbitraries.frequencyOf(
                Tuple.of(16, pairs),
                Tuple.of(1, Arbitraries.strings().withChars("%&=+abc019zZ\u00ff\u0000\r\n").ofMaxLength(300)),
                Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(300)),
                Tuple.of(1, Arbitraries.just("body=" + "x".repeat(70_000))));
    }

    private static Arbitrary<String> bodyValues() {
        Arbitrary<String> texts = Arbitraries.of("merhaba dünya", "  \t boşluklu  \n", "😀🇹🇷 emoji", "مرحبا עברית", "a\u0000b NUL",
                "kontrol \u0001\u0007\u001b[31m\u007f", "<script>alert(1)</script><img src=x onerror=alert(2)>", "\u202e\u200b\ufeff yön",
                "a\u0301\u0302\u0303 birleşik", "x".repeat(3990), "y".repeat(4001), "😀".repeat(3990), "   ", "");
        return Arbitraries.oneOf(
                texts.map(t -> enc(t + (t.isBlank() ? "" : " #{n}"))),
                Arbitraries.strings().ofMaxLength(60).map(t -> enc(t + " #{n}")),
                Arbitraries.of("ham+UTF-8+çğış+{n}", "+%20%09%0A%0D", "yüzde{n}%", "bad%G1{n}", "trunc%E2%82{n}", "paren%C3%28{n}",
                        "surrogate%ED%A0%80{n}", "overlong%C0%AF{n}", "beyond%F4%90%80%80{n}", "raw{n}\u00ff\u00fe"));
    }

    private static Arbitrary<String> clientIds() {
        return Arbitraries.of("", "%20%20", enc("boş luk") + "{n}", enc("ş") + "{n}", "x".repeat(65), "y{n}_" + "z".repeat(50),
                enc("<c{n}>"), "nul%00{n}", "f{n}", "f-{n}-Ab_9");
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.frequencyOf(Tuple.of(7, Arbitraries.just("application/x-www-form-urlencoded")),
                Tuple.of(7, Arbitraries.of("text/plain", "multipart/form-data; boundary=x", "application/json",
                        "application/x-www-form-urlencoded; charset=ISO-8859-9", "APPLICATION/X-WWW-FORM-URLENCODED",
                        "application/x-www-form-urlencoded;;;").injectNull(0.15)));
    }

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.frequencyOf(Tuple.of(7, Arbitraries.just("{csrf}")),
                Tuple.of(3, Arbitraries.oneOf(Arbitraries.of("", "{csrf}x", "x{csrf}"),
                        Arbitraries.strings().ascii().ofMaxLength(80)).injectNull(0.3)));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().withChars(" çğıöşüÇĞİÖŞÜ<>&\"'%+=;#").ofMinLength(1).ofMaxLength(300),
                Arbitraries.of("😀🇹🇷 emoji", "مرحبا עברית", "a\u0301\u0302 birleşik", "<script>alert(1)</script>", "z".repeat(4000)))
                .filter(t -> !t.isBlank() && t.equals(t.strip()));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(
                Arbitraries.of("", "   ", "a\u0000b{n}@örnek.com", "x".repeat(255), "x".repeat(51), "kişi{n}@örnek.com.tr", "a{n}@b.co",
                        "😀".repeat(45) + "{n}", "Ali{n}\u202e\u200b", "Ayşe {n}").map(HostileInputContract::enc),
                Arbitraries.strings().ascii().ofMaxLength(60).map(s -> enc(s) + "{n}"),
                Arbitraries.of("%C3%28{n}", "%zz{n}", "{n}%"));
    }

    @Provide
    Arbitrary<String> cookies() {
        return Arbitraries.oneOf(Arbitraries.of("sohbet_visitor=", "sohbet_visitor=abc", "sohbet_visitor=1.", "sohbet_visitor=-1.{sig}",
                        "sohbet_visitor=9{id}.{sig}", "sohbet_visitor={good}x", "sohbet_visitor=\"{good}\"", "sohbet_visitor=" + "9".repeat(40) + ".x",
                        ";;;; ; =; sohbet_visitor", "sohbet_visitor={good}; sohbet_visitor=x", "sohbet_visitor=x; sohbet_visitor={good}",
                        "sohbet_visitor={good}\u00e7", "={good}", "a=b; c; sohbet_admin=zz; sohbet_visitor=0.0"),
                Arbitraries.strings().ascii().excludeChars(';', '\r', '\n').ofMaxLength(8000).map(s -> "sohbet_visitor=" + s));
    }

    @Provide
    Arbitrary<String> cookieTargets() {
        return Arbitraries.of("POST /messages", "GET /", "GET /events?last_event_id=1");
    }

    @Provide
    Arbitrary<String> absurdIds() {
        return Arbitraries.oneOf(Arbitraries.of("-1", "99999999999999999999999999", Long.toString(Long.MAX_VALUE), Long.toString(Long.MIN_VALUE),
                "1e9", "0x1F", " 1 ", "", "١٢", "NaN", "1,2,3", "+3", "00000000000000000000000000001", "%", "%zz"),
                Arbitraries.strings().ascii().ofMaxLength(200), Arbitraries.integers().between(0, 1000).map(String::valueOf));
    }

    @Provide
    Arbitrary<String> origins() {
        return Arbitraries.of("", "Origin: null\r\n", "Origin: http://evil.example\r\n", "Origin: //:80\r\n", "Origin: http://:80\r\n",
                "Origin: ::::\r\n", "Origin: http://127.0.0.1\r\n");
    }

    @Provide
    Arbitrary<String> requestLines() {
        Arbitrary<String> parts = Combinators.combine(
                Arbitraries.of("GET", "POST", "get", "G\u00c9T", "", "FOO", "GET GET", "X".repeat(300), "CONNECT", "TRACE", "PRI", "(", "\u0001"),
                Arbitraries.of("/", "*", "http://evil.example/", "//", "/../../etc/passwd", "/%", "/%zz", "/%00", "/%C0%AF", "/?last_event_id=%",
                        "/" + "a".repeat(9000), "/" + "b".repeat(70000), "", "/ /", "/\u0000", "/messages?" + "q=1&".repeat(2000), "/\u00e7"),
                Arbitraries.of("HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/9.9", "HTTP/1.1 extra", "", "http/1.1", "HTTP/1.", "HTTP/1.1\u0000"))
                .as((m, t, v) -> m + " " + t + " " + v);
        return Arbitraries.frequencyOf(Tuple.of(5, parts),
                Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMinLength(1).ofMaxLength(200)));
    }

    @Provide
    Arbitrary<String> headers() {
        return Arbitraries.oneOf(Arbitraries.of("X-Many: 1\r\n".repeat(600), "Accept-Language: tr;q=abc, en;q=-1, *;q=1e99, " + "x".repeat(200) + "\r\n",
                        "Host: evil.example\r\n", "X-Ctl: a\u0000b\u0007c\u007f\r\n", "X-Latin: çğış\u00ff\r\n", "Sec-Fetch-Site: cross-site\r\n",
                        "Bad Header\r\n", "X-Fold: a\r\n b\r\n", "X-Big: " + "v".repeat(100_000) + "\r\n"),
                Arbitraries.strings().ascii().ofMaxLength(3000).map(s -> "X-Big: " + s.replaceAll("[\r\n]", "") + "\r\n"),
                Combinators.combine(Arbitraries.of("Accept-Language", "HX-Request", "HX-Target", "HX-Current-URL", "X-Forwarded-For",
                        "Forwarded", "Referer", "User-Agent", "If-None-Match", "Range", "Origin"), Arbitraries.strings().ascii().ofMaxLength(300))
                        .as((name, value) -> name + ": " + value.replaceAll("[\r\n]", "") + "\r\n"));
    }

    @Provide
    Arbitrary<String> framings() {
        return Arbitraries.of("Content-Length: -1\r\n\r\n{form}", "Content-Length: 99999999999999999999\r\n\r\n{form}",
                "Content-Length: abc\r\n\r\n{form}", "Content-Length: {len}\r\nContent-Length: 3\r\n\r\n{form}",
                "Content-Length: 9{len}\r\n\r\n{form}", "Transfer-Encoding: chunked\r\n\r\nzz\r\n{form}\r\n0\r\n\r\n",
                "Transfer-Encoding: chunked\r\n\r\n{hex}\r\n{form}\r\n", "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n{hex}\r\n{form}\r\n0\r\n\r\n",
                "Transfer-Encoding: gzip, zork\r\n\r\n{form}", "Expect: 100-continue\r\nContent-Length: {len}\r\n\r\n{form}",
                "Transfer-Encoding: chunked\r\n\r\n{hex}\r\n{form}\r\n0\r\n\r\n", "Content-Length: {len}\r\n\r\n{form}");
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> known = Arbitraries.of("/", "/messages", "/name", "/typing", "/email", "/events", "/health", "/admin", "/admin/login",
                "/admin/logout", "/admin/search", "/uploads", "/media/", "/static/", "/static/app.css", "/admin/threads/", "/admin/threads/{thread}",
                "/admin/threads/{thread}/messages", "/admin/threads/{thread}/typing");
        Arbitrary<String> junk = Arbitraries.strings().withChars("abcXYZ019-._~!$&'()*+,;=:@/%").ofMaxLength(40);
        Arbitrary<String> ids = Arbitraries.of("-1", "99999999999999999999", "abc", "1?v=x", "0", "999999", "%zz");
        return Arbitraries.oneOf(known, Combinators.combine(known, junk).as((k, j) -> k + j),
                junk.map(j -> "/" + j), Combinators.combine(known, junk, junk).as((k, a, b) -> k + "?" + a + "=" + b),
                Arbitraries.just("/static/..%2F..%2F..%2Fetc%2Fpasswd"), ids.map(i -> "/media/" + i),
                ids.map(i -> "/admin/threads/" + i + "/messages"), Arbitraries.strings().ascii().excludeChars(' ').ofMaxLength(30)
                        .map(q -> "/admin/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)));
    }

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(100);
    }

    /** The Content-Type, a blank line, then the body; {b} is the boundary. */
    @Provide
    Arbitrary<String> multiparts() {
        String png = "\u0089PNG\r\n\u001a\n";
        Arbitrary<String> files = Arbitraries.oneOf(Arbitraries.of("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
                "<html><script>alert(1)</script></html>"), Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(500)
                .map(s -> Math.abs(s.hashCode()) % 3 == 0 ? png + s : Math.abs(s.hashCode()) % 3 == 1 ? "\u00ff\u00d8\u00ff\u00e0" + s : s));
        return Combinators.combine(files, Arbitraries.of("../../x.png", "a.jpg", "x".repeat(50_000)), Arbitraries.integers().between(0, 6))
                .as((file, name, shape) -> {
                    String part = "--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\nContent-Type: image/png\r\n\r\n"
                            + file + "\r\n";
                    String caption = "--{b}\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nbaşlık\r\n";
                    return switch (shape) {
                        case 0 -> "multipart/form-data\n\n" + part + "--{b}--\r\n";
                        case 1 -> "multipart/form-data; boundary=other\n\n" + part + "--{b}--\r\n";
                        case 2 -> "multipart/form-data; boundary={b}\n\n" + caption + part;
                        case 3 -> "multipart/form-data; boundary={b}\n\n--{b}\r\nX-Nothing: 1\r\n\r\nabc\r\n--{b}--\r\n";
                        case 4 -> "multipart/form-data; boundary=\"{b}\"\n\n" + caption + part + "--{b}--\r\n";
                        case 5 -> "multipart/form-data; boundary={b}\n\n" + file;
                        default -> "multipart/form-data; boundary=" + "z".repeat(5000) + "\n\n" + caption;
                    };
                });
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%7Bn%7D", "{n}");
    }
}
