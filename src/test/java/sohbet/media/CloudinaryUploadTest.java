package sohbet.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sohbet.app.Sohbet;
import sohbet.core.Message;
import sohbet.support.TestApp;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sohbet.support.Expect.hasAll;
import static sohbet.support.Expect.header;

/**
 * Cloudinary storage driven by the real cloudinary-http44 client against a local fake of the
 * upload API (same paths, multipart fields and JSON answers): uploads are signed with the secret,
 * which itself never travels; the returned secure_url is stored and rendered, previews are URL
 * transformations, and the page's CSP lets the browser load them.
 */
class CloudinaryUploadTest {
    private static final String CLOUD = "demo";
    private static final String KEY = "123456789012345";
    private static final String SECRET = "fake-api-secret-not-for-the-wire";

    /** One call the fake received: its path and form fields (the file as its byte length and bytes). */
    record Call(String path, Map<String, String> fields, byte[] file) {
    }

    static final List<Call> calls = new CopyOnWriteArrayList<>();
    static volatile boolean failing;
    static HttpServer fake;
    static TestApp setup;
    static Sohbet app;
    static Path uploads;

    @BeforeAll
    static void start() throws IOException {
        fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/v1_1/" + CLOUD + "/", CloudinaryUploadTest::handle);
        fake.start();
        setup = new TestApp(TestDatabase.Kind.SQLITE, "CLOUDINARY_CLOUD_NAME", CLOUD, "CLOUDINARY_API_KEY", KEY, "CLOUDINARY_API_SECRET", SECRET,
                "CLOUDINARY_UPLOAD_PREFIX", "http://127.0.0.1:" + fake.getAddress().getPort(), "LIMIT_UPLOADS_PER_HOUR", "100000");
        uploads = Path.of(setup.env.get("UPLOAD_DIR"));
        app = setup.start();
    }

    @AfterAll
    static void stop() {
        setup.close();
        fake.stop(0);
    }

    @BeforeEach
    void reset() {
        calls.clear();
        failing = false;
    }

    Web visitor() {
        return TestApp.visitor(TestApp.uri(app));
    }

    @Test
    void aPhotoGoesUpSignedAndItsSecureUrlIsStoredAndRendered() throws Exception {
        Web w = visitor();
        HttpResponse<String> res = Uploads.sample(w, "big-photo.jpg", "client_id", "cl-1", "caption", "bulutta");
        assertEquals(303, res.statusCode(), res.body());

        assertEquals(1, calls.size());
        Call call = calls.getFirst();
        assertEquals("/v1_1/demo/image/upload", call.path());
        assertEquals(KEY, call.fields().get("api_key"));
        assertNotNull(call.fields().get("timestamp"));
        assertEquals(expectedSignature(call.fields()), call.fields().get("signature"), "signed with the API secret");
        assertTrue(call.fields().get("public_id").matches("sohbet/[0-9a-f]{32}"), call.fields().get("public_id"));
        assertTrue(call.fields().values().stream().noneMatch(v -> v.contains(SECRET)), "the secret never travels");
        assertFalse(ImageProcessorTest.contains(call.file(), "Exif"), "what goes up is re-encoded: no EXIF");
        var sent = ImageIO.read(new ByteArrayInputStream(call.file()));
        assertEquals(List.of(1800, 2400), List.of(sent.getWidth(), sent.getHeight()));

        Message m = media(w).getFirst();
        String secureUrl = "https://res.cloudinary.com/demo/image/upload/v1712345678/" + call.fields().get("public_id") + ".jpg";
        assertThat(m.mediaRef(), containsString(secureUrl));
        assertThat(m.mediaRef(), startsWith("cloudinary:image/" + call.fields().get("public_id") + ";1800x2400;"));
        assertEquals("image/jpeg", m.mime());

        HttpResponse<String> page = w.get("/");
        assertThat(page.body(), containsString("href=\"" + secureUrl + "\""));
        assertThat(page.body(), containsString("<img src=\"https://res.cloudinary.com/demo/image/upload/c_limit,f_auto,h_480,q_auto,w_480/v1/"
                + call.fields().get("public_id") + "\" width=\"360\" height=\"480\""));
        assertThat(header(page, "Content-Security-Policy"),
                hasAll("img-src 'self' data: https://res.cloudinary.com;", "media-src 'self' https://res.cloudinary.com;"));

        HttpResponse<byte[]> original = Uploads.get(w, "/media/" + m.id());
        assertEquals(302, original.statusCode());
        assertEquals(secureUrl, header(original, "Location"));
        HttpResponse<byte[]> other = Uploads.get(visitor(), "/media/" + m.id());
        assertEquals(404, other.statusCode(), "the redirect itself is only for the thread's visitor and the admin");
        assertTrue(Uploads.stored(uploads).isEmpty(), "nothing kept on local disk: " + Uploads.stored(uploads));
    }

    @Test
    void audioGoesUpAsAVideoResourceAndPlaysFromItsUrl() {
        Web w = visitor();
        assertEquals(303, Uploads.sample(w, "voice.ogg", "client_id", "cl-2").statusCode());
        Call call = calls.getFirst();
        assertEquals("/v1_1/demo/video/upload", call.path());
        assertEquals(expectedSignature(call.fields()), call.fields().get("signature"));
        assertEquals(Fixtures.bytes("voice.ogg").length, call.file().length);
        Message m = media(w).getFirst();
        assertEquals("audio/ogg", m.mime());
        assertThat(w.get("/").body(), containsString("<audio class=\"media audio\" controls preload=\"none\" src=\"https://res.cloudinary.com/demo/video/upload/"));
    }

    @Test
    void deletingAThreadsFilesDestroysThemOnCloudinary() {
        Web w = visitor();
        assertEquals(303, Uploads.sample(w, "small.png", "client_id", "cl-3").statusCode());
        Message m = media(w).getFirst();
        calls.clear();
        app.media().deleteFiles(m);
        assertEquals(1, calls.size());
        assertEquals("/v1_1/demo/image/destroy", calls.getFirst().path());
        assertEquals(MediaRef.parse(m.mediaRef()).orElseThrow().publicId(), calls.getFirst().fields().get("public_id"));
        assertEquals(expectedSignature(calls.getFirst().fields()), calls.getFirst().fields().get("signature"));
    }

    @Test
    void aCloudinaryOutageIsAClearRefusalAndNothingIsStored() {
        failing = true;
        Web w = visitor();
        HttpResponse<String> res = Uploads.sample(w, "small.png", "client_id", "cl-4");
        assertEquals(503, res.statusCode());
        assertThat(res.body(), allOf(containsString("Dosya şu an kaydedilemedi"), not(containsString(SECRET))));
        assertTrue(media(w).isEmpty());
    }

    // ---- the fake ------------------------------------------------------------------------------

    private static void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            String boundary = Multipart.boundary(ex.getRequestHeaders().getFirst("Content-Type"));
            Map<String, String> fields = new TreeMap<>();
            byte[] file = new byte[0];
            if (boundary != null) {
                Multipart mp = new Multipart(new ByteArrayInputStream(body), boundary, Long.MAX_VALUE, 0);
                for (Multipart.Part p = mp.next(); p != null; p = mp.next()) {
                    if (p.name().equals("file")) {
                        file = mp.content().readAllBytes();
                    } else {
                        fields.put(p.name(), new String(mp.contentBytes(1 << 20), StandardCharsets.UTF_8));
                    }
                }
            } else {
                // destroy is a url-encoded form
                for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        fields.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                                java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    }
                }
            }
            String path = ex.getRequestURI().getPath();
            calls.add(new Call(path, fields, file));
            if (failing) {
                reply(ex, 500, "{\"error\":{\"message\":\"General Error\"}}");
                return;
            }
            String type = path.contains("/video/") ? "video" : "image";
            if (path.endsWith("/destroy")) {
                reply(ex, 200, "{\"result\":\"ok\"}");
                return;
            }
            String publicId = fields.get("public_id");
            String format = type.equals("video") ? "ogg" : "jpg";
            String url = "res.cloudinary.com/" + CLOUD + "/" + type + "/upload/v1712345678/" + publicId + "." + format;
            reply(ex, 200, "{\"asset_id\":\"a1\",\"public_id\":\"" + publicId + "\",\"version\":1712345678,\"format\":\"" + format
                    + "\",\"resource_type\":\"" + type + "\",\"bytes\":" + file.length + ",\"url\":\"http://" + url
                    + "\",\"secure_url\":\"https://" + url + "\"}");
        }
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    /** Cloudinary's rule: the parameters but file, api_key, resource_type and cloud_name, sorted, as k=v joined by '&', then the secret; SHA-1 hex. */
    private static String expectedSignature(Map<String, String> fields) {
        String toSign = new TreeMap<>(fields).entrySet().stream()
                .filter(e -> !List.of("file", "api_key", "resource_type", "cloud_name", "signature").contains(e.getKey()))
                .filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest((toSign + SECRET).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Message> media(Web w) {
        return app.chat().history(w.threadId()).stream().filter(m -> m.mediaRef() != null).toList();
    }
}
