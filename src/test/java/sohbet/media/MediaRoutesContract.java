package sohbet.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import io.helidon.webserver.http.HttpRouting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sohbet.app.Sohbet;
import sohbet.core.Message;
import sohbet.support.SseClient;
import sohbet.support.TestApp;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sohbet.support.Expect.hasAll;
import static sohbet.support.Expect.hasNone;
import static sohbet.support.Expect.header;
import static sohbet.support.Web.form;

/**
 * Uploads and media serving over a real socket, the same assertions on each database: every sample
 * in src/test/resources/media either round-trips or is refused with the right status, a clear
 * message and nothing stored.
 */
abstract class MediaRoutesContract {
    static final Duration WAIT = Duration.ofSeconds(10);
    static TestApp setup;
    static Sohbet app;
    static Path uploads;
    private URI uri;

    static void setUp(HttpRouting.Builder routing, TestDatabase.Kind kind) {
        setup = new TestApp(kind, "LIMIT_UPLOADS_PER_HOUR", "100000");
        uploads = Path.of(setup.env.get("UPLOAD_DIR"));
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

    /** The thread's messages from the visitor and the admin (automatic system notes left out). */
    static List<Message> history(Web visitor) {
        return app.chat().history(visitor.threadId()).stream().filter(m -> m.sender() != Message.Sender.SYSTEM).toList();
    }

    static BufferedImage image(byte[] bytes) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
        assertNotNull(img, "decodable image");
        return img;
    }

    static void assertMatches(String regex, String actual) {
        assertTrue(actual.matches(regex), "'" + actual + "' should match " + regex);
    }

    /** A refused upload left no message, no stored file and nothing in the spool folder. */
    static void assertNothingKept(Web w, List<Path> before) {
        assertEquals(0, history(w).size());
        assertEquals(before, Uploads.stored(uploads));
        assertTrue(Uploads.spoolEmpty(uploads), "no spooled upload left behind");
    }

    // ---- accepted --------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
            "small.png, IMAGE, image/png", "small.gif, IMAGE, image/gif", "small.webp, IMAGE, image/jpeg",
            "big-photo.jpg, IMAGE, image/jpeg", "gif-with-script.gif, IMAGE, image/gif",
            "voice.ogg, AUDIO, audio/ogg", "recorder.webm, AUDIO, audio/webm", "note.mp3, AUDIO, audio/mpeg",
            "note.m4a, AUDIO, audio/mp4", "short.wav, AUDIO, audio/wav"})
    void eachAcceptedSampleIsStoredAndServedBackWithItsCheckedType(String name, Message.Kind kind, String mime) throws IOException {
        Web w = visitor();
        HttpResponse<String> res = Uploads.sample(w, name, "client_id", "up-" + name.replace('.', '-'));
        assertEquals(303, res.statusCode(), res.body());
        assertEquals("/", header(res, "Location"));

        List<Message> stored = history(w);
        assertEquals(1, stored.size(), stored.toString());
        Message m = stored.getFirst();
        assertEquals(kind, m.kind());
        assertEquals(mime, m.mime());
        assertEquals("", m.body());
        assertMatches("local:(images|audio)/[0-9a-f]{32}\\.[a-z0-9]+;.*", m.mediaRef());

        HttpResponse<byte[]> served = Uploads.get(w, "/media/" + m.id());
        assertEquals(200, served.statusCode());
        assertEquals(mime, header(served, "Content-Type"));
        assertEquals("nosniff", header(served, "X-Content-Type-Options"));
        assertThat(header(served, "Cache-Control"), startsWith("private"));
        assertMatches("inline; filename=\"sohbet-" + m.id() + "\\.[a-z0-9]+\"", header(served, "Content-Disposition"));
        assertThat(header(served, "Content-Security-Policy"), containsString("sandbox"));
        assertEquals(m.size(), (long) served.body().length);

        String page = w.get("/").body();
        if (kind == Message.Kind.IMAGE) {
            image(served.body());
            assertThat(page, hasAll("<img src=\"/media/" + m.id() + "?v=preview\"", "href=\"/media/" + m.id() + "\"", "loading=\"lazy\""));
            HttpResponse<byte[]> preview = Uploads.get(w, "/media/" + m.id() + "?v=preview");
            assertEquals(200, preview.statusCode());
            BufferedImage p = image(preview.body());
            assertThat(Math.max(p.getWidth(), p.getHeight()), lessThanOrEqualTo(480));
        } else {
            assertArrayEquals(Fixtures.bytes(name), served.body(), "audio is kept as sent");
            assertThat(page, containsString("<audio class=\"media audio\" controls preload=\"none\" src=\"/media/" + m.id() + "\">"));
        }
    }

    @Test
    void aRotatedPhotoIsStoredUprightWithoutExifOrGpsAndShownByItsLightPreview() throws IOException {
        Web w = visitor();
        assertEquals(303, Uploads.sample(w, "big-photo.jpg", "client_id", "photo-1", "caption", "Kargo etiketi").statusCode());
        Message m = history(w).getFirst();
        assertEquals("Kargo etiketi", m.body());

        byte[] original = Uploads.get(w, "/media/" + m.id()).body();
        BufferedImage img = image(original);
        assertEquals(List.of(1800, 2400), List.of(img.getWidth(), img.getHeight()));
        assertFalse(ImageProcessorTest.contains(original, "Exif"), "EXIF gone");
        assertFalse(ImageProcessorTest.hasGpsIfd(original), "GPS gone");

        HttpResponse<byte[]> preview = Uploads.get(w, "/media/" + m.id() + "?v=preview");
        assertEquals("image/jpeg", header(preview, "Content-Type"));
        BufferedImage p = image(preview.body());
        assertEquals(List.of(360, 480), List.of(p.getWidth(), p.getHeight()));
        assertThat("tens of KB for a slow phone", preview.body().length, lessThan(100_000));

        assertThat(w.get("/").body(), hasAll("width=\"360\" height=\"480\" loading=\"lazy\"", "Kargo etiketi"));
    }

    @Test
    void aGifWithAScriptAfterItIsServedReencodedAsGif() {
        Web w = visitor();
        assertEquals(303, Uploads.sample(w, "gif-with-script.gif").statusCode());
        Message m = history(w).getFirst();
        HttpResponse<byte[]> served = Uploads.get(w, "/media/" + m.id());
        assertEquals("image/gif", header(served, "Content-Type"));
        assertEquals("nosniff", header(served, "X-Content-Type-Options"));
        assertFalse(ImageProcessorTest.contains(served.body(), "<script"));
        assertFalse(Arrays.equals(Fixtures.bytes("gif-with-script.gif"), served.body()));
    }

    @Test
    void theClientsFileNameIsNeverUsedNorShown() {
        Web w = visitor();
        List<Path> before = Uploads.stored(uploads);
        HttpResponse<String> res = Uploads.upload(w, "/uploads", form("client_id", "name-1"), "../../../x<script>alert(1)</script>.png",
                Fixtures.bytes("small.png"));
        assertEquals(303, res.statusCode());
        List<Path> added = Uploads.stored(uploads).stream().filter(p -> !before.contains(p)).toList();
        assertEquals(2, added.size(), "original and preview: " + added);
        for (Path p : added) {
            assertTrue(p.startsWith(uploads.resolve("images")), p.toString());
            assertMatches("[0-9a-f]{32}(\\.p)?\\.(png|jpg)", p.getFileName().toString());
        }
        assertThat(w.get("/").body(), hasNone("alert(1)", "../"));
    }

    @Test
    void htmxUploadsAnswerTheMessageFragmentAndAFreshForm() {
        Web w = visitor();
        HttpResponse<String> res = Uploads.htmxSample(w, "small.png", form("client_id", "hx-1", "caption", "<b>kalın</b>"));
        assertEquals(200, res.statusCode(), res.body());
        assertThat(res.body(), hasAll("class=\"msg mine kind-image\"", "<img src=\"/media/", "&lt;b&gt;kalın&lt;/b&gt;", "id=\"upload\"",
                "hx-swap-oob=\"true\""));
        assertThat(res.body(), not(containsString("<b>kalın")));
        assertThat("a new client id for the next upload", res.body(), not(containsString("value=\"hx-1\"")));
    }

    @Test
    void theSameClientIdTwiceStoresOneMessageAndOneFile() {
        Web w = visitor();
        List<Path> before = Uploads.stored(uploads);
        assertEquals(303, Uploads.sample(w, "voice.ogg", "client_id", "twice-1").statusCode());
        assertEquals(303, Uploads.sample(w, "voice.ogg", "client_id", "twice-1").statusCode());
        assertEquals(1, history(w).size());
        assertEquals(1, Uploads.stored(uploads).size() - before.size());
    }

    @Test
    void pagesOfferPhotoAndVoiceFormsThatWorkWithoutScript() {
        Web w = visitor();
        assertThat(w.get("/").body(), hasAll("<form id=\"upload\"", "method=\"post\" action=\"/uploads\" enctype=\"multipart/form-data\"",
                "hx-encoding=\"multipart/form-data\"", "<input type=\"file\" name=\"file\" accept=\"image/*\" capture=\"environment\">",
                "<input type=\"file\" name=\"file\" accept=\"audio/*\">"));
        long thread = w.threadId();
        assertThat(admin().get("/admin/threads/" + thread).body(), containsString("action=\"/admin/threads/" + thread + "/uploads\" enctype=\"multipart/form-data\""));
    }

    // ---- refused ---------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
            "truncated.jpg, 400, Resim okunamadı",
            "empty.png, 400, Dosya boş",
            "evil.svg, 415, 'İzin verilenler: JPEG, PNG, GIF, WebP, OGG/Opus, MP3, M4A/AAC, WebM, WAV'",
            "html-as.png, 415, Bu tür bir dosya gönderilemez",
            "html-as.mp3, 415, Bu tür bir dosya gönderilemez",
            "archive-as.ogg, 415, Bu tür bir dosya gönderilemez"})
    void refusedSamplesGetAClearAnswerAndNothingIsStored(String name, int status, String message) {
        Web w = visitor();
        List<Path> before = Uploads.stored(uploads);
        HttpResponse<String> page = Uploads.sample(w, name, "client_id", "bad-1");
        assertEquals(status, page.statusCode());
        assertThat(page.body(), hasAll(message, "<html"));

        HttpResponse<String> fragment = Uploads.htmxSample(w, name, form("client_id", "bad-2", "caption", "altyazı kalır"));
        assertEquals(status, fragment.statusCode());
        assertEquals("#upload", header(fragment, "HX-Retarget"));
        assertEquals("outerHTML", header(fragment, "HX-Reswap"));
        assertThat(fragment.body(), hasAll(message, "value=\"altyazı kalır\""));
        assertNothingKept(w, before);
    }

    @Test
    void aHuge16BitPngIsReadSmallOrRefusedAndTheServerKeepsAnswering() throws IOException {
        // 5119 × 5119 at 16 bits a sample is 210 MB decoded from a 200 KB upload.
        Web w = visitor();
        List<Path> before = Uploads.stored(uploads);
        HttpResponse<String> res = Uploads.upload(w, "/uploads", form("client_id", "big-png"), "big.png", BigPng.attack());
        if (res.statusCode() == 303) {
            Message m = history(w).getFirst();
            BufferedImage img = image(Uploads.get(w, "/media/" + m.id()).body());
            assertThat("read at most at the stored size", Math.max(img.getWidth(), img.getHeight()), lessThanOrEqualTo(2560));
        } else {
            // Too slow on a busy machine, or too big: a clear refusal that keeps nothing.
            assertTrue(res.statusCode() == 413 || res.statusCode() == 422, res.statusCode() + " " + res.body());
            assertThat(res.body(), anyOf(containsString("Resmin işlenmesi çok uzun sürdü"), containsString("Resim işlenemeyecek kadar büyük")));
            assertEquals(0, history(w).size());
            assertEquals(before, Uploads.stored(uploads));
        }
        assertEquals(200, w.get("/health").statusCode());
        assertEquals(303, Uploads.sample(w, "small.png", "client_id", "after-big-png").statusCode());
    }

    @Test
    void theHostile104ByteWebpIsStoredAndTheServerKeepsAnswering() {
        // It once froze a decode permit each: two uploads and /health stopped answering.
        Web w = visitor();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> res = Uploads.upload(w, "/uploads", form("client_id", "junk-webp-" + i), "x.webp", HostileWebp.bytes());
            assertEquals(303, res.statusCode(), res.body());
        }
        assertEquals(3, history(w).size());
        assertEquals(200, w.get("/health").statusCode());
    }

    @Test
    void aNulInACaptionIsRefusedLikeInAFormFieldNever500() {
        Web w = visitor();
        List<Path> before = Uploads.stored(uploads);
        HttpResponse<String> res = Uploads.sample(w, "small.png", "client_id", "nul-1", "caption", "iade\u0000 lütfen");
        assertEquals(400, res.statusCode(), res.body());
        assertThat(res.body(), containsString("Metin geçerli UTF-8 değil"));
        HttpResponse<String> fragment = Uploads.htmxSample(w, "small.png", form("client_id", "nul-2", "caption", "\u0000"));
        assertEquals(400, fragment.statusCode(), fragment.body());
        assertNothingKept(w, before);
    }

    @Test
    void aNulInACaptionFromAnotherDoorIsKeptAsAMark() {
        // Telegram captions reach the chat service without passing a form: the message is kept, the NUL marked.
        Web w = visitor();
        Message m = app.chat().postMedia(w.threadId(), Message.Sender.ADMIN, Message.Channel.TELEGRAM, Message.Kind.IMAGE,
                "local:images/00000000000000000000000000000000.png", "image/png", 10, "iade\u0000 tamam", "nul-door-1");
        assertEquals("iade\uFFFD tamam", m.body());
        assertEquals("iade\uFFFD tamam", history(w).getFirst().body());
    }

    @Test
    void englishBrowsersGetEnglishRefusals() {
        Web w = visitor();
        HttpResponse<String> res = Uploads.upload(w, "/uploads", form(), "evil.svg", Fixtures.bytes("evil.svg"), "Accept-Language", "en-US,en;q=0.9");
        assertEquals(415, res.statusCode());
        assertThat(res.body(), containsString("This kind of file cannot be sent. Allowed: JPEG, PNG, GIF, WebP, OGG/Opus, MP3, M4A/AAC, WebM, WAV."));
    }

    @Test
    void imageAndAudioSizeLimitsAreEnforcedWhileReading() {
        Web w = visitor();
        byte[] fakeJpeg = new byte[6 * 1024 * 1024];
        fakeJpeg[0] = (byte) 0xFF;
        fakeJpeg[1] = (byte) 0xD8;
        fakeJpeg[2] = (byte) 0xFF;
        HttpResponse<String> image = Uploads.upload(w, "/uploads", form("client_id", "big-img"), "big.jpg", fakeJpeg);
        assertEquals(413, image.statusCode());
        assertThat(image.body(), containsString("en fazla 5 MB"));

        byte[] fakeMp3 = new byte[11 * 1024 * 1024];
        System.arraycopy("ID3".getBytes(), 0, fakeMp3, 0, 3);
        fakeMp3[3] = 4;
        HttpResponse<String> audio = Uploads.upload(w, "/uploads", form("client_id", "big-aud"), "big.mp3", fakeMp3);
        assertEquals(413, audio.statusCode());
        assertThat(audio.body(), containsString("en fazla 10 MB"));
        assertEquals(0, history(w).size());
    }

    @Test
    void aTooLongCaptionIsRefusedBeforeAnythingIsKept() {
        Web w = visitor();
        List<Path> before = Uploads.stored(uploads);
        HttpResponse<String> res = Uploads.sample(w, "small.png", "caption", "x".repeat(1001));
        assertEquals(422, res.statusCode());
        assertThat(res.body(), containsString("en fazla 1.000 karakter"));
        assertEquals(before, Uploads.stored(uploads));
    }

    @Test
    void malformedOrMissingMultipartIs400() {
        Web w = visitor();
        HttpResponse<String> notMultipart = w.post("/uploads", form("caption", "x"));
        assertEquals(400, notMultipart.statusCode());
        assertThat(notMultipart.body(), containsString("Yükleme okunamadı"));

        HttpResponse<String> cut = Uploads.post(w, "/uploads", "multipart/form-data; boundary=XYZ",
                "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nabc".getBytes());
        assertEquals(400, cut.statusCode());

        HttpResponse<String> noFile = Uploads.post(w, "/uploads", "multipart/form-data; boundary=XYZ",
                "--XYZ\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nmerhaba\r\n--XYZ--\r\n".getBytes());
        assertEquals(400, noFile.statusCode());
        assertThat(noFile.body(), containsString("bir fotoğraf veya ses kaydı seçin"));
        assertEquals(0, history(w).size());
    }

    @Test
    void anUploadWithoutAChatIsRefused() {
        assertEquals(403, Uploads.sample(new Web(uri), "small.png").statusCode());
    }

    // ---- serving ---------------------------------------------------------------------------------

    @Test
    void onlyTheThreadsVisitorAndTheAdminSeeAMediaFile() {
        Web owner = visitor();
        assertEquals(303, Uploads.sample(owner, "small.png").statusCode());
        long id = history(owner).getFirst().id();

        Web other = visitor();
        assertEquals(404, Uploads.get(other, "/media/" + id).statusCode());
        assertEquals(404, Uploads.get(other, "/media/" + id + "?v=preview").statusCode());
        assertEquals(404, Uploads.get(new Web(uri), "/media/" + id).statusCode());
        Web forged = new Web(uri);
        forged.setCookie("sohbet_visitor", owner.threadId() + ".forgedsignatureforgedsignature12");
        assertEquals(404, Uploads.get(forged, "/media/" + id).statusCode());

        assertEquals(200, Uploads.get(admin(), "/media/" + id).statusCode());
        assertEquals(404, Uploads.get(owner, "/media/999999999").statusCode());
        assertEquals(404, Uploads.get(owner, "/media/abc").statusCode());

        owner.post("/messages", form("body", "metin", "client_id", "t-1"));
        long textId = history(owner).getLast().id();
        assertEquals(404, Uploads.get(owner, "/media/" + textId).statusCode());
    }

    @Test
    void audioAnswersRangeRequests() {
        Web w = visitor();
        assertEquals(303, Uploads.sample(w, "voice.ogg").statusCode());
        long id = history(w).getFirst().id();
        byte[] all = Fixtures.bytes("voice.ogg");

        HttpResponse<byte[]> first = Uploads.get(w, "/media/" + id, "Range", "bytes=0-1");
        assertEquals(206, first.statusCode());
        assertEquals("bytes 0-1/" + all.length, header(first, "Content-Range"));
        assertArrayEquals(new byte[] {'O', 'g'}, first.body());
        assertEquals("bytes", header(first, "Accept-Ranges"));

        HttpResponse<byte[]> middle = Uploads.get(w, "/media/" + id, "Range", "bytes=100-");
        assertEquals(206, middle.statusCode());
        assertArrayEquals(Arrays.copyOfRange(all, 100, all.length), middle.body());

        assertArrayEquals(Arrays.copyOfRange(all, all.length - 10, all.length), Uploads.get(w, "/media/" + id, "Range", "bytes=-10").body());

        HttpResponse<byte[]> beyond = Uploads.get(w, "/media/" + id, "Range", "bytes=" + all.length + "-");
        assertEquals(416, beyond.statusCode());
        assertEquals("bytes */" + all.length, header(beyond, "Content-Range"));

        String etag = header(Uploads.get(w, "/media/" + id), "ETag");
        assertEquals(304, Uploads.get(w, "/media/" + id, "If-None-Match", etag).statusCode());
        assertEquals(200, Uploads.get(w, "/media/" + id, "Range", "bytes=0-1", "If-Range", "\"stale\"").statusCode());
    }

    // ---- admin -----------------------------------------------------------------------------------

    @Test
    void theAdminAnswersWithMediaAndTheVisitorSeesIt() {
        Web v = visitor();
        long thread = v.threadId();
        Web admin = admin();
        String csrf = Web.field(admin.get("/admin/threads/" + thread).body(), "_csrf");
        String path = "/admin/threads/" + thread + "/uploads";

        HttpResponse<String> htmx = Uploads.upload(admin, path, form("client_id", "adm-1"), "note.mp3", Fixtures.bytes("note.mp3"),
                "HX-Request", "true", "X-CSRF-Token", csrf);
        assertEquals(200, htmx.statusCode(), htmx.body());
        assertThat(htmx.body(), hasAll("<audio", "action=\"" + path + "\""));

        HttpResponse<String> plain = Uploads.upload(admin, path, form("_csrf", csrf, "client_id", "adm-2"), "small.png", Fixtures.bytes("small.png"));
        assertEquals(303, plain.statusCode());
        assertEquals("/admin/threads/" + thread, header(plain, "Location"));

        List<Message> stored = history(v);
        assertEquals(2, stored.size());
        assertTrue(stored.stream().allMatch(m -> m.sender() == Message.Sender.ADMIN));
        assertThat(v.get("/").body(), hasAll("<audio", "<img src=\"/media/" + stored.get(1).id() + "?v=preview\""));
        assertEquals(200, Uploads.get(v, "/media/" + stored.get(0).id()).statusCode());
    }

    @Test
    void adminUploadsNeedTheCsrfTokenAndASession() {
        Web v = visitor();
        long thread = v.threadId();
        Web admin = admin();
        String path = "/admin/threads/" + thread + "/uploads";
        List<Path> before = Uploads.stored(uploads);

        byte[] png = Fixtures.bytes("small.png");
        assertEquals(403, Uploads.upload(admin, path, form("client_id", "c-1"), "small.png", png).statusCode());
        assertEquals(403, Uploads.upload(admin, path, form("_csrf", "wrong", "client_id", "c-2"), "small.png", png).statusCode());
        HttpResponse<String> anonymous = Uploads.upload(new Web(uri), path, form("client_id", "c-3"), "small.png", png);
        assertEquals(303, anonymous.statusCode());
        assertEquals("/admin/login", header(anonymous, "Location"));

        assertEquals(0, history(v).size());
        assertEquals(before, Uploads.stored(uploads));
    }

    @Test
    void mediaMessagesArePushedLiveLikeText() {
        Web v = visitor();
        long thread = v.threadId();
        Web admin = admin();
        try (SseClient adminSse = SseClient.open(admin, "/admin/events?thread=" + thread);
             SseClient visitorSse = SseClient.open(v, "/events?last_event_id=0")) {
            adminSse.await("threads", WAIT);
            visitorSse.await("presence", WAIT);
            assertEquals(303, Uploads.sample(v, "small.webp", "client_id", "live-1", "caption", "canlı").statusCode());
            SseClient.Event atAdmin = adminSse.await(e -> e.name().equals("message") && e.data().contains("canlı"), WAIT);
            assertThat(atAdmin.data(), containsString("<img src=\"/media/"));
            SseClient.Event atVisitor = visitorSse.await(e -> e.name().equals("message") && e.data().contains("canlı"), WAIT);
            assertThat(atVisitor.data(), containsString("msg mine kind-image"));
        }
    }

    @Test
    void deletingAThreadDeletesItsFiles() {
        Web v = visitor();
        long thread = v.threadId();
        List<Path> before = Uploads.stored(uploads);
        assertEquals(303, Uploads.sample(v, "small.png", "client_id", "del-1").statusCode());
        assertEquals(303, Uploads.sample(v, "voice.ogg", "client_id", "del-2").statusCode());
        assertEquals(3, Uploads.stored(uploads).size() - before.size(), "png, its preview and the recording");
        long imageId = history(v).getFirst().id();

        Web admin = admin();
        String csrf = Web.field(admin.get("/admin/threads/" + thread).body(), "_csrf");
        HttpResponse<String> deleted = admin.post("/admin/threads/" + thread + "/delete", form("_csrf", csrf, "confirm", "yes"));
        assertEquals(303, deleted.statusCode(), deleted.body());
        assertEquals(before, Uploads.stored(uploads));
        assertEquals(404, Uploads.get(admin, "/media/" + imageId).statusCode());
    }
}
