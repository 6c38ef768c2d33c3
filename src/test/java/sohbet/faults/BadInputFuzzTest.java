package sohbet.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sohbet.support.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input, fuzzed: seeded random and malformed HTTP requests over raw sockets against the
 * running app (bad request lines, huge and broken headers, bad percent-encoding, invalid UTF-8,
 * random bytes as form bodies, broken multipart, malformed and foreign cookies, absurd
 * Last-Event-IDs, random paths and methods, admin forms without or with a wrong CSRF token).
 * Never a 5xx, never a connection left hanging, the exact 4xx where the rules say which, and
 * nothing stored that was not acknowledged. Form posts are checked against {@link FormOracle},
 * which predicts status and stored text from the rules alone.
 *
 * <p>A failure names its seed; {@code -Dsohbet.faults.seed=N} replays the same inputs.
 */
class BadInputFuzzTest {
    private static final int CASES = Integer.getInteger("sohbet.faults.fuzzCases", 2000);
    private static final Duration TIMEOUT = Duration.ofSeconds(6);
    private static final Pattern MESSAGE_ID = Pattern.compile("id=\"m-(\\d+)\"");

    /** How to read the answer: whole, or only its head (streams never end by themselves). */
    enum Read { WHOLE, HEAD }

    /**
     * One input. {@code status}: the exact answer the rules predict, or 0 for "any answer below 500"
     * ({@code refuse}: and it must be a 4xx). {@code mayClose}: input so broken the server may close
     * without a word. {@code halfClose}: end the sending side so a server waiting for more sees the end.
     * {@code store}: what is stored if (and only if) the answer acknowledges it.
     */
    record Case(String category, String label, byte[] request, Read read, int status, boolean refuse, boolean mayClose,
                boolean halfClose, Expected store, String knownBug) {
        Case(String category, String label, byte[] request, Read read, int status, boolean refuse, boolean mayClose, boolean halfClose,
             Expected store) {
            this(category, label, request, read, status, refuse, mayClose, halfClose, store, null);
        }

        Case withKnownBug(String id) {
            return new Case(category, label, request, read, status, refuse, mayClose, halfClose, store, id);
        }
    }

    /** A message the input would create if acknowledged; {@code threadId} 0 means a new thread. */
    /** A post without a client id gets one from the server ("srv-…"), so that retries cannot double it. */
    static boolean sameClientId(String stored, String expected) {
        return expected == null ? stored == null || stored.startsWith("srv-") : expected.equals(stored);
    }

    record Expected(String body, String clientId, long threadId, String input) {
        Expected(String body, String clientId, long threadId) {
            this(body, clientId, threadId, "");
        }
    }

    private record Acked(Expected expected, long id) {
    }

    /** Whether a logged server fault is one of the known bugs this run does not enforce. */
    private static boolean excused(String report) {
        if (report.contains("InsufficientDataAvailableException") || report.contains("readNextChunk")) {
            return !KnownBugs.enforced(KnownBugs.BODY_READ_500);
        }
        return false;
    }

    private static String httpVersion(byte[] request) {
        String head = new String(request, 0, Math.min(request.length, 400), StandardCharsets.ISO_8859_1);
        int eol = head.indexOf('\n');
        String line = (eol < 0 ? head : head.substring(0, eol)).strip();
        int sp = line.lastIndexOf(' ');
        return sp < 0 ? "" : line.substring(sp + 1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void malformedInputGetsAClear4xxNeverA5xxNorAHangAndStoresNothingUnacknowledged(TestDatabase.Kind kind) throws Exception {
        long seed = Long.getLong("sohbet.faults.seed", System.nanoTime());
        Instant began = Instant.now();
        try (TestDatabase db = TestDatabase.create(kind);
             AppProcess app = new AppProcess("fuzz-" + kind.name().toLowerCase(), db.env(), db.folder()).start()) {
            Client visitor = new Client(app::port);
            long thread = visitor.openChat(Duration.ofSeconds(20));
            for (int i = 0; i < 2; i++) {
                assertEquals(303, visitor.post("/messages", Client.form("body", "önce " + i, "client_id", "setup-" + i)).status());
            }
            Client admin = new Client(app::port);
            String csrf = admin.signIn("admin", "test-password");
            Gen gen = new Gen(new Random(seed), app.port(), visitor, thread, admin, csrf);

            Map<String, Integer> tried = new TreeMap<>();
            Map<String, Integer> answers = new TreeMap<>();
            Map<String, Integer> knownHits = new TreeMap<>();
            List<String> problems = new ArrayList<>();
            List<Acked> acked = new ArrayList<>();
            List<Expected> refused = new ArrayList<>();
            for (int i = 0; i < CASES; i++) {
                Case c = gen.next(i);
                tried.merge(c.category(), 1, Integer::sum);
                String what = "#" + i + " " + c.category() + " " + c.label();
                try {
                    int status;
                    String body = "";
                    if (c.read() == Read.HEAD) {
                        status = RawHttp.exchangeHead(app.port(), c.request(), TIMEOUT).status();
                    } else {
                        RawHttp.Response r = RawHttp.exchange(app.port(), c.request(), TIMEOUT, c.halfClose());
                        status = r.status();
                        body = r.text();
                    }
                    answers.merge(Integer.toString(status), 1, Integer::sum);
                    if (status == 505 && httpVersion(c.request()).equals("HTTP/1.0")) {
                        // Helidon 4 speaks HTTP/1.1 only and says so with 505 (RFC 9110 15.6.6): an answer, not a fault.
                        answers.merge("505 for HTTP/1.0", 1, Integer::sum);
                    } else if (status >= 500 && c.knownBug() != null) {
                        knownHits.merge(c.knownBug(), 1, Integer::sum);
                        if (KnownBugs.enforced(c.knownBug())) {
                            problems.add(what + ": answered " + status + " (" + c.knownBug() + ") " + Ledger.snippet(body));
                        }
                    } else if (status >= 500) {
                        problems.add(what + ": answered " + status + " " + Ledger.snippet(body));
                    } else if (c.status() != 0 && status != c.status()) {
                        problems.add(what + ": answered " + status + ", the rules say " + c.status() + " " + Ledger.snippet(body));
                    } else if (c.refuse() && (status < 400 || status >= 500)) {
                        problems.add(what + ": answered " + status + ", must be refused with a 4xx");
                    }
                    if (body.contains("Exception") || body.contains("\tat ") || body.contains("at sohbet.") || body.contains("at io.helidon")) {
                        problems.add(what + ": leaked a stack trace " + Ledger.snippet(body));
                    }
                    if (c.store() != null) {
                        boolean ack = status == 303 || (status == 200 && MESSAGE_ID.matcher(body).find());
                        if (ack) {
                            Matcher m = MESSAGE_ID.matcher(body);
                            acked.add(new Acked(c.store(), m.find() ? Long.parseLong(m.group(1)) : 0));
                        } else {
                            refused.add(c.store());
                            gen.notStored(c.store());
                        }
                    }
                } catch (RawHttp.Hung e) {
                    answers.merge("hung", 1, Integer::sum);
                    problems.add(what + ": hung (" + e.getMessage() + ")");
                } catch (IOException e) {
                    answers.merge("closed", 1, Integer::sum);
                    if (!c.mayClose()) {
                        problems.add(what + ": closed without answering (" + e.getMessage() + ")");
                    }
                    if (c.store() != null) {
                        refused.add(c.store());
                        gen.notStored(c.store());
                    }
                }
                if (problems.size() > 60) {
                    break;
                }
            }

            // HTTP/1.0 is still HTTP: it gets an answer (200, or 505 from a server that will not speak it), not a silent close.
            String http10;
            try {
                http10 = Integer.toString(RawHttp.exchange(app.port(), ("GET /health HTTP/1.0\r\nHost: 127.0.0.1:" + app.port() + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1), TIMEOUT, false).status());
            } catch (IOException e) {
                http10 = "closed";
                knownHits.merge(KnownBugs.HTTP10_NO_ANSWER, 1, Integer::sum);
                if (KnownBugs.enforced(KnownBugs.HTTP10_NO_ANSWER)) {
                    problems.add("GET /health HTTP/1.0 got no answer: " + e.getMessage());
                }
            }
            answers.merge("HTTP/1.0 probe " + http10, 1, Integer::sum);

            // Still serving, and still storing what it should.
            assertEquals(200, new Client(app::port).get("/health").status(), "healthy after the fuzzing");
            assertEquals(303, visitor.post("/messages", Client.form("body", "sonra", "client_id", "after-fuzz")).status());

            // The store holds exactly the acknowledged inputs, once each, and nothing refused.
            List<StoredMessages.Row> rows = StoredMessages.all(db);
            Map<String, List<StoredMessages.Row>> byBody = new HashMap<>();
            for (StoredMessages.Row r : rows) {
                byBody.computeIfAbsent(r.body(), k -> new ArrayList<>()).add(r);
            }
            int matched = 0;
            java.util.Set<Long> explained = new java.util.HashSet<>();
            rows.stream().filter(r -> r.clientId() != null && (r.clientId().startsWith("setup-") || r.clientId().equals("after-fuzz")))
                    .forEach(r -> explained.add(r.id()));
            for (Acked a : acked) {
                List<StoredMessages.Row> found = byBody.getOrDefault(a.expected().body(), List.of()).stream()
                        .filter(r -> sameClientId(r.clientId(), a.expected().clientId()))
                        .filter(r -> a.expected().threadId() == 0 ? r.threadId() != thread : r.threadId() == a.expected().threadId())
                        .toList();
                if (found.size() != 1) {
                    problems.add("acknowledged but stored " + found.size() + " times: " + a.expected());
                } else {
                    matched++;
                    explained.add(found.getFirst().id());
                    if (a.id() != 0 && a.id() != found.getFirst().id()) {
                        problems.add("acknowledged as m-" + a.id() + " but stored as " + found.getFirst().id());
                    }
                }
            }
            // A repeated client_id is acknowledged with the first message: it explains that row, not a new one.
            for (StoredMessages.Row r : rows) {
                if (!explained.contains(r.id())) {
                    problems.add("stored without being acknowledged: " + r);
                }
            }
            for (Expected e : refused) {
                boolean stored = byBody.getOrDefault(e.body(), List.of()).stream()
                        .anyMatch(r -> sameClientId(r.clientId(), e.clientId()));
                boolean ackedElsewhere = acked.stream().anyMatch(a -> a.expected().body().equals(e.body()));
                if (stored && !ackedElsewhere) {
                    problems.add("refused but stored: " + e);
                }
            }

            Figures.record("fuzz/" + kind.name().toLowerCase(), tried.values().stream().mapToInt(Integer::intValue).sum()
                    + " inputs " + tried + ", answers " + answers + ", " + acked.size() + " acknowledged and " + matched
                    + " found stored once, " + rows.size() + " rows checked, known bugs hit " + knownHits + ", seed " + seed + ", "
                    + Duration.between(began, Instant.now()).toSeconds() + " s");
            assertEquals(List.of(), problems, "seed " + seed + " (replay with -Dsohbet.faults.seed=" + seed + ")");
            // The log's server faults, less those of the known bugs above while they await their fix.
            List<String> faults = app.errorReports().stream().filter(r -> !excused(r)).toList();
            assertEquals(List.of(), faults, "server faults in " + app.log());
            assertTrue(acked.size() > CASES / 20, "enough valid inputs among the bad ones: " + acked.size());
        }
    }

    /** The seeded generator of inputs. */
    static final class Gen {
        private final Random rnd;
        private final int port;
        private final Client visitor;
        private final long thread;
        private final Client admin;
        private final String csrf;
        private final List<Client> pool = new ArrayList<>();
        private final List<String> usedClientIds = new ArrayList<>();
        private int poolNext;
        private int n;

        Gen(Random rnd, int port, Client visitor, long thread, Client admin, String csrf) {
            this.rnd = rnd;
            this.port = port;
            this.visitor = visitor;
            this.thread = thread;
            this.admin = admin;
            this.csrf = csrf;
        }

        /** The input was refused: its client_id names no stored message, so a later use of it stores one. */
        void notStored(Expected e) {
            if (e.clientId() != null && e.threadId() == thread) {
                usedClientIds.remove(e.clientId());
            }
        }

        Case next(int i) {
            n = i;
            int k = rnd.nextInt(100);
            if (k < 34) {
                return visitorForm();
            } else if (k < 42) {
                return adminForm();
            } else if (k < 51) {
                return cookies();
            } else if (k < 60) {
                return streams();
            } else if (k < 68) {
                return requestLine();
            } else if (k < 76) {
                return headers();
            } else if (k < 81) {
                return framing();
            } else if (k < 89) {
                return paths();
            } else if (k < 95) {
                return multipart();
            } else if (k < 97) {
                return otherForms();
            }
            return adminPaths();
        }

        // ---- forms --------------------------------------------------------------------------

        private Case visitorForm() {
            boolean htmx = rnd.nextBoolean();
            String type = contentType();
            byte[] body = formBody();
            FormOracle.Prediction p = FormOracle.predict(type, body, htmx);
            List<String> h = new ArrayList<>(List.of("Cookie", visitor.cookieHeader()));
            if (type != null) {
                h.addAll(List.of("Content-Type", type));
            }
            if (htmx) {
                h.addAll(List.of("HX-Request", "true"));
            }
            int status = p.status();
            Expected store = p.stores() ? new Expected(p.storedBody(), p.clientId(), thread) : null;
            if (p.stores() && p.clientId() != null) {
                if (usedClientIds.contains(p.clientId())) {
                    store = null; // answered with the earlier message, nothing new stored
                } else {
                    usedClientIds.add(p.clientId());
                }
            }
            return new Case("form", "type=" + type + " htmx=" + htmx + " body=" + show(body), request("POST", "/messages", h, body), Read.WHOLE,
                    status, false, false, false, store);
        }

        private Case adminForm() {
            boolean htmx = rnd.nextBoolean();
            int csrfKind = rnd.nextInt(10);
            String token = csrfKind < 7 ? csrf : csrfKind == 7 ? "" : csrfKind == 8 ? csrf.substring(1) : random(rnd.nextInt(80), ASCII);
            boolean withToken = csrfKind != 7 || rnd.nextBoolean();
            byte[] body = formBody();
            if (withToken) {
                body = concat(body, ("&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8)).getBytes(StandardCharsets.ISO_8859_1));
            }
            String type = rnd.nextInt(12) == 0 ? contentType() : "application/x-www-form-urlencoded";
            FormOracle.Prediction p = FormOracle.predict(type, body, htmx);
            int status = p.status();
            Expected store = null;
            boolean parsed = status != 415 && status != 413 && !(status == 400 && !parses(body));
            if (parsed) {
                String given = FormOracle.parse(body).get("_csrf");
                if (given == null || !given.equals(csrf)) {
                    status = 403;
                } else if (p.stores()) {
                    store = new Expected(p.storedBody(), p.clientId(), thread);
                    if (p.clientId() != null) {
                        if (usedClientIds.contains(p.clientId())) {
                            store = null;
                        } else {
                            usedClientIds.add(p.clientId());
                        }
                    }
                }
            }
            List<String> h = new ArrayList<>(List.of("Cookie", admin.cookieHeader()));
            if (type != null) {
                h.addAll(List.of("Content-Type", type));
            }
            if (htmx) {
                h.addAll(List.of("HX-Request", "true"));
            }
            return new Case("admin-form", "csrf=" + csrfKind + " body=" + show(body), request("POST", "/admin/threads/" + thread + "/messages", h, body),
                    Read.WHOLE, status, false, false, false, store);
        }

        private static boolean parses(byte[] body) {
            try {
                FormOracle.parse(body);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        private String contentType() {
            return switch (rnd.nextInt(14)) {
                case 0 -> null;
                case 1 -> "text/plain";
                case 2 -> "multipart/form-data; boundary=x";
                case 3 -> "application/x-www-form-urlencoded; charset=ISO-8859-9";
                case 4 -> "APPLICATION/X-WWW-FORM-URLENCODED";
                case 5 -> "application/x-www-form-urlencoded;;;";
                case 6 -> "application/json";
                default -> "application/x-www-form-urlencoded";
            };
        }

        /** A form body: mostly well-formed pairs with interesting values, sometimes bytes at random. */
        private byte[] formBody() {
            int k = rnd.nextInt(20);
            if (k == 0) {
                return randomBytes(rnd.nextInt(400));
            }
            if (k == 1) {
                return random(rnd.nextInt(300), "%&=+abc019zZ\u00ff").getBytes(StandardCharsets.ISO_8859_1);
            }
            if (k == 2) {
                return concat("body=".getBytes(StandardCharsets.ISO_8859_1), "x".repeat(FormOracle.MAX_FORM).getBytes(StandardCharsets.ISO_8859_1));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<byte[]> pairs = new ArrayList<>();
            pairs.add(concat("body=".getBytes(StandardCharsets.ISO_8859_1), bodyValue()));
            if (rnd.nextInt(8) != 0) {
                pairs.add(concat("client_id=".getBytes(StandardCharsets.ISO_8859_1), clientIdValue()));
            }
            if (rnd.nextInt(6) == 0) {
                pairs.add(("body=" + URLEncoder.encode("ikinci " + n, StandardCharsets.UTF_8)).getBytes(StandardCharsets.ISO_8859_1));
            }
            if (rnd.nextInt(6) == 0) {
                pairs.add(randomBytes(rnd.nextInt(20)));
            }
            if (rnd.nextInt(3) == 0) {
                java.util.Collections.shuffle(pairs, rnd);
            }
            for (int i = 0; i < pairs.size(); i++) {
                if (i > 0) {
                    out.write(rnd.nextInt(15) == 0 ? ';' : '&');
                }
                out.writeBytes(pairs.get(i));
            }
            if (rnd.nextInt(10) == 0) {
                out.writeBytes("&&&=&".getBytes(StandardCharsets.ISO_8859_1));
            }
            return out.toByteArray();
        }

        private byte[] bodyValue() {
            String tag = " #" + n + "-" + Integer.toHexString(rnd.nextInt());
            return switch (rnd.nextInt(24)) {
                case 0 -> enc("merhaba dünya" + tag);
                case 1 -> enc("  \t boşluklu " + tag + "  \n");
                case 2 -> enc("😀🇹🇷 emoji" + tag);
                case 3 -> enc("مرحبا עברית" + tag);
                case 4 -> enc("a\u0000b NUL" + tag);
                case 5 -> enc("kontrol \u0001\u0007\u001b[31m\u007f" + tag);
                case 6 -> ("ham UTF-8 çğış" + tag).replace(' ', '+').replace("#", "%23").getBytes(StandardCharsets.UTF_8);
                case 7 -> "+%20%09%0A%0D".getBytes(StandardCharsets.ISO_8859_1);
                case 8 -> new byte[0];
                case 9 -> enc("x".repeat(FormOracle.MAX_TEXT - tag.length()) + tag);
                case 10 -> enc("y".repeat(FormOracle.MAX_TEXT + 1) + tag);
                case 11 -> enc("😀".repeat(3990) + tag.substring(0, Math.min(tag.length(), 10)));
                case 12 -> ("yüzde" + tag + "%").replace("#", "%23").getBytes(StandardCharsets.UTF_8);
                case 13 -> ("bad%G1" + n).getBytes(StandardCharsets.ISO_8859_1);
                case 14 -> ("trunc%E2%82" + n).getBytes(StandardCharsets.ISO_8859_1);
                case 15 -> ("paren%C3%28" + n).getBytes(StandardCharsets.ISO_8859_1);
                case 16 -> ("surrogate%ED%A0%80" + n).getBytes(StandardCharsets.ISO_8859_1);
                case 17 -> ("overlong%C0%AF" + n).getBytes(StandardCharsets.ISO_8859_1);
                case 18 -> ("beyond%F4%90%80%80" + n).getBytes(StandardCharsets.ISO_8859_1);
                case 19 -> concat(("raw" + n).getBytes(StandardCharsets.ISO_8859_1), new byte[] {(byte) 0xff, (byte) 0xfe});
                case 20 -> enc("<script>alert(1)</script><img src=x onerror=alert(2)>" + tag);
                case 21 -> enc("\u202e\u200b\ufeff yön işaretleri" + tag);
                case 22 -> enc("a\u0301\u0302\u0303 birleşik" + tag);
                default -> enc(random(1 + rnd.nextInt(60), ASCII + "çğıöşüÇĞİÖŞÜ") + tag);
            };
        }

        private byte[] clientIdValue() {
            return switch (rnd.nextInt(14)) {
                case 0 -> new byte[0];
                case 1 -> "%20%20".getBytes(StandardCharsets.ISO_8859_1);
                case 2 -> enc("boş luk");
                case 3 -> enc("ş" + n);
                case 4 -> "x".repeat(65).getBytes(StandardCharsets.ISO_8859_1);
                case 5 -> ("y" + n + "_" + "z".repeat(64)).substring(0, 64).getBytes(StandardCharsets.ISO_8859_1);
                case 6 -> enc("<c" + n + ">");
                case 7 -> ("nul%00" + n).getBytes(StandardCharsets.ISO_8859_1);
                case 8 -> usedClientIds.isEmpty() ? ("f" + n).getBytes(StandardCharsets.ISO_8859_1)
                        : usedClientIds.get(rnd.nextInt(usedClientIds.size())).getBytes(StandardCharsets.ISO_8859_1);
                default -> ("f" + n + "-" + Integer.toHexString(rnd.nextInt())).getBytes(StandardCharsets.ISO_8859_1);
            };
        }

        // ---- cookies and streams --------------------------------------------------------------

        private String badCookie() {
            String good = visitor.cookie("sohbet_visitor");
            return switch (rnd.nextInt(16)) {
                case 0 -> "sohbet_visitor=";
                case 1 -> "sohbet_visitor=abc";
                case 2 -> "sohbet_visitor=1.";
                case 3 -> "sohbet_visitor=-1." + good.substring(good.indexOf('.') + 1);
                case 4 -> "sohbet_visitor=" + (thread + 1) + good.substring(good.indexOf('.'));
                case 5 -> "sohbet_visitor=" + good.substring(0, good.length() - 2);
                case 6 -> "sohbet_visitor=\"" + good + "\"";
                case 7 -> "sohbet_visitor=" + "9".repeat(40) + ".x";
                case 8 -> "sohbet_visitor=" + random(8000, ASCII.replace(";", "").replace(",", ""));
                case 9 -> ";;;; ; =; sohbet_visitor";
                case 10 -> "sohbet_visitor=" + good.replace('.', '%') + "; sohbet_visitor=x";
                case 11 -> "sohbet_visitor=x; sohbet_visitor=" + good.substring(0, good.length() - 1) + "A";
                case 12 -> "sohbet_visitor=" + good + "\u00e7";
                case 13 -> "=" + good;
                case 14 -> "a=b; c; sohbet_admin=" + random(40, ASCII) + "; sohbet_visitor=0.0";
                default -> "sohbet_visitor=" + random(rnd.nextInt(100), ASCII.replace(";", ""));
            };
        }

        private Case cookies() {
            String cookie = badCookie();
            int k = rnd.nextInt(3);
            List<String> h = new ArrayList<>(List.of("Cookie", cookie));
            if (k == 0) {
                String text = "çerez " + n + "-" + Integer.toHexString(rnd.nextInt());
                String cid = "k" + n;
                h.addAll(List.of("Content-Type", "application/x-www-form-urlencoded"));
                byte[] body = ("body=" + URLEncoder.encode(text, StandardCharsets.UTF_8) + "&client_id=" + cid).getBytes(StandardCharsets.ISO_8859_1);
                // A cookie that names no valid thread starts a new one: the message lands there, or the request is refused.
                // A quoted value is the same cookie (RFC 6265 4.1.1): it names the visitor's own thread.
                long where = cookie.equals("sohbet_visitor=\"" + visitor.cookie("sohbet_visitor") + "\"") ? thread : 0;
                return new Case("cookie", "POST " + show(cookie.getBytes(StandardCharsets.ISO_8859_1)), request("POST", "/messages", h, body),
                        Read.WHOLE, 0, false, false, false, new Expected(text, cid, where, cookie));
            }
            if (k == 1) {
                return new Case("cookie", "GET / " + show(cookie.getBytes(StandardCharsets.ISO_8859_1)), request("GET", "/", h, null), Read.WHOLE,
                        0, false, false, false, null);
            }
            return new Case("cookie", "GET /events " + show(cookie.getBytes(StandardCharsets.ISO_8859_1)),
                    request("GET", "/events?last_event_id=" + rnd.nextInt(5), h, null), Read.HEAD, 0, false, false, false, null);
        }

        /** A fresh visitor for streams, so quickly closed streams do not pile up on one visitor. */
        private Client poolVisitor() {
            if (pool.size() < 40) {
                Client c = new Client(() -> port);
                c.openChat(Duration.ofSeconds(10));
                pool.add(c);
                return c;
            }
            return pool.get(poolNext++ % pool.size());
        }

        private String absurdId() {
            return switch (rnd.nextInt(16)) {
                case 0 -> "-1";
                case 1 -> "99999999999999999999999999";
                case 2 -> Long.toString(Long.MAX_VALUE);
                case 3 -> Long.toString(Long.MIN_VALUE);
                case 4 -> "1e9";
                case 5 -> "0x1F";
                case 6 -> " 1 ";
                case 7 -> "";
                case 8 -> "١٢";
                case 9 -> "NaN";
                case 10 -> "1,2,3";
                case 11 -> "+3";
                case 12 -> "00000000000000000000000000001";
                case 13 -> random(200, ASCII);
                default -> Integer.toString(rnd.nextInt(1000));
            };
        }

        private Case streams() {
            String id = absurdId();
            String q = URLEncoder.encode(absurdId(), StandardCharsets.UTF_8);
            if (rnd.nextInt(8) == 0) {
                q = rnd.nextBoolean() ? "%zz" : "%";
            }
            int k = rnd.nextInt(4);
            if (k == 3) {
                String t = rnd.nextBoolean() ? Long.toString(thread) : URLEncoder.encode(absurdId(), StandardCharsets.UTF_8);
                List<String> h = new ArrayList<>(List.of("Cookie", admin.cookieHeader(), "Accept", "text/event-stream"));
                if (rnd.nextBoolean()) {
                    h.addAll(List.of("Last-Event-ID", headerSafe(id)));
                }
                String filter = rnd.nextBoolean() ? "&filter=" + URLEncoder.encode(random(rnd.nextInt(12), ASCII), StandardCharsets.UTF_8) : "";
                return new Case("stream", "admin thread=" + t + " id=" + id, request("GET", "/admin/events?thread=" + t + "&last_event_id=" + q + filter, h, null),
                        Read.HEAD, 0, false, false, false, null);
            }
            Client c = poolVisitor();
            List<String> h = new ArrayList<>(List.of("Cookie", c.cookieHeader(), "Accept", "text/event-stream"));
            if (rnd.nextBoolean()) {
                h.addAll(List.of("Last-Event-ID", headerSafe(id)));
            }
            if (rnd.nextInt(4) == 0) {
                h.addAll(List.of("Origin", switch (rnd.nextInt(7)) {
                    case 0 -> "null";
                    case 1 -> "http://evil.example";
                    case 2 -> "//:80";
                    case 3 -> "http://:80";
                    case 4 -> "http://127.0.0.1:" + port;
                    case 5 -> "::::";
                    default -> random(30, ASCII);
                }));
            }
            return new Case("stream", "visitor id=" + id + " q=" + q, request("GET", "/events?last_event_id=" + q, h, null), Read.HEAD, 0, false,
                    false, false, null);
        }

        // ---- broken HTTP ------------------------------------------------------------------------

        private Case requestLine() {
            String[] methods = {"GET", "POST", "get", "G\u00c9T", "", "FOO", "GET GET", "X".repeat(300), "CONNECT", "TRACE", "PRI"};
            String[] targets = {"/", "*", "http://evil.example/", "//", "/../../etc/passwd", "/%", "/%zz", "/%00", "/%C0%AF", "/?last_event_id=%",
                "/" + "a".repeat(9000), "/" + "b".repeat(70000), "", "/ /", "/\u0000", "/messages?" + "q=1&".repeat(2000), "/\u00e7"};
            String[] versions = {"HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/9.9", "HTTP/1.1 extra", "", "http/1.1", "HTTP/1.", "HTTP/1.1\u0000"};
            byte[] line;
            if (rnd.nextInt(6) == 0) {
                line = randomBytes(1 + rnd.nextInt(200));
            } else {
                line = (methods[rnd.nextInt(methods.length)] + " " + targets[rnd.nextInt(targets.length)] + " " + versions[rnd.nextInt(versions.length)])
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
            String eol = rnd.nextInt(5) == 0 ? "\n" : "\r\n";
            byte[] req = concat(line, (eol + "Host: 127.0.0.1:" + port + eol + "Connection: close" + eol + eol).getBytes(StandardCharsets.ISO_8859_1));
            if (rnd.nextInt(8) == 0) {
                req = line;
            }
            return new Case("request-line", show(line), req, Read.WHOLE, 0, false, true, true, null)
                    .withKnownBug(badMethodToken(line) ? KnownBugs.BAD_METHOD_TOKEN : null);
        }

        /** Whether the request line's method (up to the first space) has a byte outside RFC 9110's tchar. */
        private static boolean badMethodToken(byte[] line) {
            String tchar = "!#$%&'*+-.^_`|~";
            for (byte b : line) {
                if (b == ' ') {
                    return false;
                }
                boolean ok = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || tchar.indexOf(b) >= 0;
                if (!ok) {
                    return true;
                }
            }
            return false;
        }

        private Case headers() {
            List<String> h = new ArrayList<>(List.of("Cookie", visitor.cookieHeader()));
            String label;
            switch (rnd.nextInt(12)) {
                case 0 -> {
                    h.addAll(List.of("X-Big", "v".repeat(20_000 + rnd.nextInt(100_000))));
                    label = "huge header";
                }
                case 1 -> {
                    for (int i = 0; i < 300 + rnd.nextInt(400); i++) {
                        h.addAll(List.of("X-Many-" + i, "1"));
                    }
                    label = "many headers";
                }
                case 2 -> {
                    h.addAll(List.of("Accept-Language", random(rnd.nextInt(300), ASCII)));
                    label = "random Accept-Language";
                }
                case 3 -> {
                    h.addAll(List.of("Accept-Language", "tr;q=abc, en;q=-1, *;q=1e99, " + "x".repeat(200)));
                    label = "absurd Accept-Language";
                }
                case 4 -> {
                    h.addAll(List.of("Host", "evil.example"));
                    label = "second Host";
                }
                case 5 -> {
                    h.addAll(List.of("X-Ctl", "a\u0000b\u0007c\u007f"));
                    label = "control characters";
                }
                case 6 -> {
                    h.addAll(List.of("X-Latin", "çğış\u00ff"));
                    label = "8-bit header value";
                }
                case 7 -> {
                    h.addAll(List.of("HX-Request", random(20, ASCII), "HX-Target", random(50, ASCII), "HX-Current-URL", random(80, ASCII)));
                    label = "htmx headers with junk";
                }
                case 8 -> {
                    h.addAll(List.of("Sec-Fetch-Site", "cross-site"));
                    label = "cross-site";
                }
                case 9 -> {
                    h.addAll(List.of("X-Forwarded-For", random(100, ASCII), "Forwarded", "for=" + random(30, ASCII)));
                    label = "forwarded junk";
                }
                case 10 -> {
                    h.addAll(List.of("Referer", random(rnd.nextInt(3000), ASCII), "User-Agent", random(rnd.nextInt(3000), ASCII)));
                    label = "huge Referer/User-Agent";
                }
                default -> {
                    h.addAll(List.of("If-None-Match", random(30, ASCII), "Range", "bytes=" + random(10, ASCII)));
                    label = "conditional junk";
                }
            }
            boolean post = rnd.nextBoolean();
            String text = "başlık " + n + "-" + Integer.toHexString(rnd.nextInt());
            String cid = "h" + n;
            byte[] body = post ? ("body=" + URLEncoder.encode(text, StandardCharsets.UTF_8) + "&client_id=" + cid).getBytes(StandardCharsets.ISO_8859_1) : null;
            if (post) {
                h.addAll(List.of("Content-Type", "application/x-www-form-urlencoded"));
            }
            String[] paths = {"/", "/health", "/admin/login", "/static/app.css"};
            return new Case("headers", label + (post ? " POST" : " GET"),
                    request(post ? "POST" : "GET", post ? "/messages" : paths[rnd.nextInt(paths.length)], h, body), Read.WHOLE, 0, false, true, true,
                    post ? new Expected(text, cid, thread) : null);
        }

        private Case framing() {
            String cookie = visitor.cookieHeader();
            String text = "çerçeve " + n + "-" + Integer.toHexString(rnd.nextInt());
            String cid = "r" + n;
            String form = "body=" + URLEncoder.encode(text, StandardCharsets.UTF_8) + "&client_id=" + cid;
            String head = "POST /messages HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nCookie: " + cookie
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n";
            String label;
            if (rnd.nextInt(6) == 0) {
                // A multipart upload whose body ends early (a phone losing its network mid-upload).
                String b = "cut" + n;
                String part = "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n"
                        + new String(randomBytes(2000), StandardCharsets.ISO_8859_1);
                String up = "POST /uploads HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nCookie: " + poolVisitor().cookieHeader()
                        + "\r\nContent-Type: multipart/form-data; boundary=" + b + "\r\nConnection: close\r\nContent-Length: " + (part.length() + 5000)
                        + "\r\n\r\n" + part;
                return new Case("framing", "multipart cut short", up.getBytes(StandardCharsets.ISO_8859_1), Read.WHOLE, 0, true, true, true, null);
            }
            String req = switch (rnd.nextInt(10)) {
                case 0 -> {
                    label = "Content-Length -1";
                    yield head + "Content-Length: -1\r\n\r\n" + form;
                }
                case 1 -> {
                    label = "Content-Length huge";
                    yield head + "Content-Length: 99999999999999999999\r\n\r\n" + form;
                }
                case 2 -> {
                    label = "Content-Length not a number";
                    yield head + "Content-Length: abc\r\n\r\n" + form;
                }
                case 3 -> {
                    label = "two different Content-Length";
                    yield head + "Content-Length: " + form.length() + "\r\nContent-Length: 3\r\n\r\n" + form;
                }
                case 4 -> {
                    label = "Content-Length longer than the body";
                    yield head + "Content-Length: " + (form.length() + 50) + "\r\n\r\n" + form;
                }
                case 5 -> {
                    label = "bad chunk size";
                    yield head + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + form + "\r\n0\r\n\r\n";
                }
                case 6 -> {
                    label = "chunked without end";
                    yield head + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(form.length()) + "\r\n" + form + "\r\n";
                }
                case 7 -> {
                    label = "chunked and Content-Length";
                    yield head + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n" + Integer.toHexString(form.length()) + "\r\n" + form
                            + "\r\n0\r\n\r\n";
                }
                case 8 -> {
                    label = "unknown Transfer-Encoding";
                    yield head + "Transfer-Encoding: gzip, zork\r\n\r\n" + form;
                }
                default -> {
                    label = "Expect: 100-continue";
                    yield head + "Expect: 100-continue\r\nContent-Length: " + form.length() + "\r\n\r\n" + form;
                }
            };
            // What is well framed may be stored; otherwise the request must not be.
            boolean broken = label.equals("bad chunk size") || label.equals("chunked without end") || label.equals("Content-Length longer than the body");
            return new Case("framing", label, req.getBytes(StandardCharsets.ISO_8859_1), Read.WHOLE, 0, false, true, true,
                    new Expected(text, cid, thread)).withKnownBug(broken ? KnownBugs.BODY_READ_500 : null);
        }

        private Case paths() {
            String[] methods = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};
            String[] known = {"/", "/messages", "/name", "/typing", "/email", "/events", "/health", "/admin", "/admin/login", "/admin/logout",
                "/admin/search", "/uploads", "/media/", "/static/", "/static/app.css", "/admin/threads/"};
            String base = known[rnd.nextInt(known.length)];
            String path = switch (rnd.nextInt(6)) {
                case 0 -> base;
                case 1 -> base + pathJunk();
                case 2 -> "/" + pathJunk();
                case 3 -> base + "?" + pathJunk() + "=" + pathJunk();
                case 4 -> "/static/..%2F..%2F..%2Fetc%2Fpasswd";
                default -> "/media/" + absurdIdForPath();
            };
            String method = methods[rnd.nextInt(methods.length)];
            List<String> h = new ArrayList<>(List.of("Cookie", rnd.nextBoolean() ? visitor.cookieHeader() : admin.cookieHeader()));
            byte[] body = null;
            if (!method.equals("GET") && !method.equals("HEAD") && rnd.nextBoolean()) {
                body = randomBytes(rnd.nextInt(100));
                h.addAll(List.of("Content-Type", rnd.nextBoolean() ? "application/x-www-form-urlencoded" : "application/octet-stream"));
            }
            if (path.startsWith("/events") && method.equals("GET")) {
                return new Case("paths", method + " " + path, request(method, path, h, body), Read.HEAD, 0, false, false, false, null);
            }
            return new Case("paths", method + " " + path, request(method, path, h, body), Read.WHOLE, 0, false, false, false, null);
        }

        private String pathJunk() {
            StringBuilder b = new StringBuilder();
            int len = rnd.nextInt(40);
            for (int i = 0; i < len; i++) {
                int k = rnd.nextInt(10);
                if (k == 0) {
                    b.append('%').append(String.format("%02X", rnd.nextInt(256)));
                } else if (k == 1) {
                    b.append(rnd.nextBoolean() ? "%" : "%z");
                } else {
                    b.append(PATH_CHARS.charAt(rnd.nextInt(PATH_CHARS.length())));
                }
            }
            return b.toString();
        }

        private String absurdIdForPath() {
            return switch (rnd.nextInt(6)) {
                case 0 -> "-1";
                case 1 -> "99999999999999999999";
                case 2 -> "abc";
                case 3 -> "1?v=" + random(10, "abc0123");
                case 4 -> "0";
                default -> Integer.toString(rnd.nextInt(100));
            };
        }

        private Case multipart() {
            boolean adminSide = rnd.nextInt(4) == 0;
            String boundary = "b" + Integer.toHexString(rnd.nextInt());
            String type;
            String body;
            String label;
            String png = new String(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, StandardCharsets.ISO_8859_1);
            String file = switch (rnd.nextInt(5)) {
                case 0 -> png + new String(randomBytes(200), StandardCharsets.ISO_8859_1);
                case 1 -> "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>";
                case 2 -> "<html><script>alert(1)</script></html>";
                case 3 -> "\u00ff\u00d8\u00ff\u00e0" + new String(randomBytes(300), StandardCharsets.ISO_8859_1);
                default -> new String(randomBytes(rnd.nextInt(500)), StandardCharsets.ISO_8859_1);
            };
            String part = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + (rnd.nextBoolean() ? "../../x.png" : "a.jpg")
                    + "\"\r\nContent-Type: image/png\r\n\r\n" + file + "\r\n";
            String caption = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\n" + "başlık " + n + "\r\n";
            switch (rnd.nextInt(8)) {
                case 0 -> {
                    type = "multipart/form-data";
                    body = part + "--" + boundary + "--\r\n";
                    label = "no boundary parameter";
                }
                case 1 -> {
                    type = "multipart/form-data; boundary=other";
                    body = part + "--" + boundary + "--\r\n";
                    label = "boundary mismatch";
                }
                case 2 -> {
                    type = "multipart/form-data; boundary=" + boundary;
                    body = caption + part;
                    label = "no closing boundary";
                }
                case 3 -> {
                    type = "multipart/form-data; boundary=" + boundary;
                    body = "--" + boundary + "\r\nX-Nothing: 1\r\n\r\nabc\r\n--" + boundary + "--\r\n";
                    label = "part without Content-Disposition";
                }
                case 4 -> {
                    type = "multipart/form-data; boundary=" + boundary;
                    body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + "x".repeat(50_000) + "\"\r\n\r\nabc\r\n--"
                            + boundary + "--\r\n";
                    label = "huge part header";
                }
                case 5 -> {
                    type = "multipart/form-data; boundary=\"" + boundary + "\"";
                    body = caption + part + "--" + boundary + "--\r\n";
                    label = "not an allowed image";
                }
                case 6 -> {
                    type = "multipart/form-data; boundary=" + boundary;
                    body = new String(randomBytes(rnd.nextInt(600)), StandardCharsets.ISO_8859_1);
                    label = "random bytes";
                }
                default -> {
                    type = "multipart/form-data; boundary=" + "z".repeat(5000);
                    body = caption;
                    label = "absurd boundary";
                }
            }
            String path = adminSide ? "/admin/threads/" + thread + "/uploads" : "/uploads";
            Client c = adminSide ? admin : poolVisitor();
            List<String> h = new ArrayList<>(List.of("Cookie", c.cookieHeader(), "Content-Type", type));
            if (adminSide) {
                h.addAll(List.of("X-CSRF-Token", rnd.nextBoolean() ? csrf : "wrong"));
            }
            if (rnd.nextBoolean()) {
                h.addAll(List.of("HX-Request", "true"));
            }
            return new Case("multipart", label + (adminSide ? " (admin)" : ""), request("POST", path, h, body.getBytes(StandardCharsets.ISO_8859_1)),
                    Read.WHOLE, 0, true, true, false, null);
        }

        private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,185}\\.[^@\\s.]{2,}");

        /** The visitor's name and email forms: the same strict reading, their own length and shape rules. */
        private Case otherForms() {
            boolean email = rnd.nextBoolean();
            String field = email ? "email" : "name";
            String value = switch (rnd.nextInt(9)) {
                case 0 -> "";
                case 1 -> email ? "a\u0000b@örnek.com" : "Ayşe \u0000 NUL";
                case 2 -> "x".repeat(email ? 255 : 51);
                case 3 -> "kişi@örnek.com.tr";
                case 4 -> "a@b.co";
                case 5 -> "   ";
                case 6 -> "😀".repeat(50);
                case 7 -> "Ali\u202e\u200b";
                default -> random(rnd.nextInt(60), ASCII);
            };
            byte[] body = (field + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)).getBytes(StandardCharsets.ISO_8859_1);
            if (rnd.nextInt(5) == 0) {
                body = (field + "=%C3%28" + n).getBytes(StandardCharsets.ISO_8859_1);
            }
            int status;
            if (!parses(body)) {
                status = 400;
            } else {
                String v = FormOracle.parse(body).getOrDefault(field, "").strip();
                boolean ok = email ? v.length() <= 254 && EMAIL.matcher(v).matches()
                        : !v.isEmpty() && v.codePointCount(0, v.length()) <= 50;
                status = ok ? 303 : 422;
            }
            List<String> h = List.of("Cookie", visitor.cookieHeader(), "Content-Type", "application/x-www-form-urlencoded");
            return new Case("name-email", field + "=" + show(body), request("POST", "/" + field, h, body), Read.WHOLE, status, false, false, false, null);
        }

        private Case adminPaths() {
            String t = switch (rnd.nextInt(6)) {
                case 0 -> "abc";
                case 1 -> "-1";
                case 2 -> "99999999999999999999";
                case 3 -> "0";
                case 4 -> "999999";
                default -> "%zz";
            };
            List<String> h = new ArrayList<>(List.of("Cookie", rnd.nextInt(4) == 0 ? visitor.cookieHeader() : admin.cookieHeader()));
            String[] targets = {"/admin/threads/" + t, "/admin/threads/" + t + "/messages", "/admin/threads/" + t + "/typing",
                "/admin/search?q=" + URLEncoder.encode(random(rnd.nextInt(30), ASCII + "%_\\*"), StandardCharsets.UTF_8),
                "/admin?filter=" + URLEncoder.encode(random(rnd.nextInt(20), ASCII), StandardCharsets.UTF_8)};
            String target = targets[rnd.nextInt(targets.length)];
            boolean post = target.endsWith("/messages") || target.endsWith("/typing");
            byte[] body = null;
            if (post) {
                h.addAll(List.of("Content-Type", "application/x-www-form-urlencoded"));
                body = ("_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8) + "&body=yok&client_id=ap" + n).getBytes(StandardCharsets.ISO_8859_1);
            }
            return new Case("admin-paths", (post ? "POST " : "GET ") + target, request(post ? "POST" : "GET", target, h, body), Read.WHOLE, 0, false,
                    false, false, null);
        }

        // ---- helpers -----------------------------------------------------------------------------

        private static final String ASCII;
        private static final String PATH_CHARS = "abcXYZ019-._~!$&'()*+,;=:@/";

        static {
            StringBuilder b = new StringBuilder();
            for (char c = 0x20; c < 0x7f; c++) {
                b.append(c);
            }
            ASCII = b.toString();
        }

        private byte[] request(String method, String target, List<String> headers, byte[] body) {
            StringBuilder b = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
            for (int i = 0; i < headers.size(); i += 2) {
                if (headers.get(i + 1) != null) {
                    b.append(headers.get(i)).append(": ").append(headers.get(i + 1)).append("\r\n");
                }
            }
            if (body != null) {
                b.append("Content-Length: ").append(body.length).append("\r\n");
            }
            b.append("\r\n");
            byte[] head = b.toString().getBytes(StandardCharsets.ISO_8859_1);
            return body == null ? head : concat(head, body);
        }

        private static String headerSafe(String s) {
            return s.replace("\r", "").replace("\n", "");
        }

        private String random(int len, String alphabet) {
            StringBuilder b = new StringBuilder(len);
            for (int i = 0; i < len; i++) {
                b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            return b.toString();
        }

        private byte[] randomBytes(int len) {
            byte[] b = new byte[len];
            rnd.nextBytes(b);
            return b;
        }

        private static byte[] enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8).getBytes(StandardCharsets.ISO_8859_1);
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] out = new byte[a.length + b.length];
            System.arraycopy(a, 0, out, 0, a.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }

        private static String show(byte[] b) {
            String s = new String(b, 0, Math.min(b.length, 120), StandardCharsets.ISO_8859_1);
            StringBuilder out = new StringBuilder();
            for (char c : s.toCharArray()) {
                out.append(c < 0x20 || c >= 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
            }
            return out + (b.length > 120 ? "…(" + b.length + " bytes)" : "");
        }
    }
}
