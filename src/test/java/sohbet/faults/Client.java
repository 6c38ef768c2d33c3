package sohbet.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One browser-like client over {@link RawHttp}: its own cookies, one connection per request, nothing retried behind its back. */
final class Client {
    private static final Pattern FIELD = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]*)\"");

    private final IntSupplier port;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final Duration timeout;

    Client(IntSupplier port, Duration timeout) {
        this.port = port;
        this.timeout = timeout;
    }

    Client(IntSupplier port) {
        this(port, Duration.ofSeconds(20));
    }

    int port() {
        return port.getAsInt();
    }

    synchronized String cookie(String name) {
        return cookies.get(name);
    }

    synchronized void cookie(String name, String value) {
        cookies.put(name, value);
    }

    /** The Cookie header value, or null without cookies. */
    synchronized String cookieHeader() {
        return cookies.isEmpty() ? null
                : cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
    }

    RawHttp.Response get(String path, String... headers) throws IOException {
        return send("GET", path, null, null, headers);
    }

    RawHttp.Response post(String path, String form, String... headers) throws IOException {
        return send("POST", path, "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8), headers);
    }

    RawHttp.Response send(String method, String path, String contentType, byte[] body, String... headers) throws IOException {
        int p = port.getAsInt();
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(RawHttp.HOST).append(':').append(p).append("\r\n")
                .append("Connection: close\r\n")
                .append("Accept-Language: tr-TR,tr;q=0.9\r\n");
        String cookie = cookieHeader();
        if (cookie != null) {
            head.append("Cookie: ").append(cookie).append("\r\n");
        }
        if (body != null) {
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        for (int i = 0; i < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            req.writeBytes(body);
        }
        RawHttp.Response res = RawHttp.exchange(p, req.toByteArray(), timeout, false);
        absorbCookies(res);
        return res;
    }

    synchronized void absorbCookies(RawHttp.Response res) {
        for (String set : res.headers("Set-Cookie")) {
            String pair = set.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            boolean expired = set.toLowerCase(java.util.Locale.ROOT).contains("max-age=0") || value.isEmpty();
            if (expired) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }

    /** Opens the chat page (retrying while the server is down or busy) and returns the visitor's thread id from its cookie. */
    long openChat(Duration within) {
        java.time.Instant deadline = java.time.Instant.now().plus(within);
        String last = "nothing";
        while (java.time.Instant.now().isBefore(deadline)) {
            try {
                RawHttp.Response r = get("/");
                if (r.status() == 200 && cookie("sohbet_visitor") != null) {
                    return threadId();
                }
                last = "status " + r.status();
            } catch (IOException e) {
                last = e.getMessage();
            }
            AppProcess.pause(20);
        }
        throw new AssertionError("could not open a chat within " + within + ": " + last);
    }

    /** The thread id the signed visitor cookie names. */
    long threadId() {
        String c = cookie("sohbet_visitor");
        return Long.parseLong(c.substring(0, c.indexOf('.')));
    }

    /** Signs the admin in through the real form (ADMIN_OTP=off) and returns the panel's CSRF token. */
    String signIn(String user, String password) throws IOException {
        RawHttp.Response page = get("/admin/login");
        RawHttp.Response res = post("/admin/login", form("_csrf", csrf(page.text()), "username", user, "password", password));
        if (res.status() != 303) {
            throw new AssertionError("sign-in failed: " + res.status() + " " + res.text());
        }
        return csrf(get("/admin").text());
    }

    static String csrf(String html) {
        Matcher m = FIELD.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no _csrf field in page");
        }
        return m.group(1);
    }

    static String form(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
