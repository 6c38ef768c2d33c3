package sohbet.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One browser-like client: its own cookie jar, no redirects followed, an Accept-Language of its own. */
public final class Web {
    private final URI base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String language = "tr-TR,tr;q=0.9";
    private Duration timeout = Duration.ofSeconds(20);

    public Web(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public Web language(String acceptLanguage) {
        this.language = acceptLanguage;
        return this;
    }

    /** How long a request may wait for its answer before it counts as hung. */
    public Web timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    public URI base() {
        return base;
    }

    public HttpClient http() {
        return http;
    }

    public CookieManager cookies() {
        return cookies;
    }

    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue)
                .findFirst().orElse(null);
    }

    /** The Cookie header this client would send with a request for {@code path}, or null without cookies: for raw requests. */
    public String cookieHeader(String path) {
        String header = cookies.getCookieStore().get(base).stream()
                .filter(c -> c.getPath() == null || path.startsWith(c.getPath()))
                .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
        return header.isEmpty() ? null : header;
    }

    /** Opens the chat page, retrying while the server is down or busy, and returns the visitor's thread id. */
    public long openChat(Duration within) {
        Eventually.until("a chat opened", within, () -> {
            try {
                return get("/").statusCode() == 200 && cookie("sohbet_visitor") != null;
            } catch (UncheckedIOException e) {
                return false;
            }
        });
        return threadId();
    }

    /** The thread id the signed visitor cookie names. */
    public long threadId() {
        String c = cookie("sohbet_visitor");
        return Long.parseLong(c.substring(0, c.indexOf('.')));
    }

    public void setCookie(String name, String value) {
        HttpCookie c = new HttpCookie(name, value);
        c.setPath("/");
        c.setDomain(base.getHost());
        c.setVersion(0);
        cookies.getCookieStore().add(base, c);
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    public HttpResponse<String> post(String path, Map<String, String> form, String... headers) {
        return postRaw(path, encode(form).getBytes(StandardCharsets.UTF_8), headers);
    }

    public HttpResponse<String> postRaw(String path, byte[] body, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public HttpResponse<String> htmxPost(String path, Map<String, String> form, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "HX-Request";
        all[1] = "true";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return post(path, form, all);
    }

    /** Signs in through the real form and returns the panel's CSRF token. */
    public String signIn(String user, String password) {
        HttpResponse<String> page = get("/admin/login");
        HttpResponse<String> res = post("/admin/login", form("_csrf", field(page.body(), "_csrf"), "username", user, "password", password));
        if (res.statusCode() != 303) {
            throw new AssertionError("sign-in failed: " + res.statusCode() + " " + res.body());
        }
        return field(get("/admin").body(), "_csrf");
    }

    public static Map<String, String> form(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /** The value of a hidden/input field named {@code name} in a rendered page. */
    public static String field(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\"[^>]*value=\"([^\"]*)\"").matcher(html);
        if (!m.find()) {
            throw new AssertionError("no field " + name + " in page");
        }
        return m.group(1);
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).header("Accept-Language", language);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest req) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
