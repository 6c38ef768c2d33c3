package sohbet.mail;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sohbet.app.Sohbet;
import sohbet.core.Message;
import sohbet.store.MailOutboxStore;
import sohbet.support.Eventually;
import sohbet.support.SseClient;
import sohbet.support.TestApp;
import sohbet.support.TestDatabase;
import sohbet.support.Web;
import sohbet.web.Signer;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static sohbet.support.Expect.hasAll;
import static sohbet.support.Web.form;

/**
 * Answers by e-mail end to end, on each database: the real app over a real socket, visitors as HTTP
 * clients with their own cookie jars, and an in-process SMTP server (GreenMail) on a free port. The
 * delay and batch windows are shortened to seconds; nothing sleeps a fixed time. Where a test proves
 * that no mail is sent, a mail to another visitor, answered later, shows the sender has been past.
 */
abstract class EmailAnswersContract {
    static final int DELAY_SECONDS = 2;
    static final int BATCH_SECONDS = 3;
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String SMTP_USER = "sohbet";
    static final String SMTP_PASSWORD = "p@ss:wörd/1 +";
    private static final AtomicInteger VISITORS = new AtomicInteger();

    static TestApp setup;
    static GreenMail smtp;
    static int smtpPort;
    static Sohbet app;
    static URI base;

    static void start(TestDatabase.Kind kind) {
        smtp = startSmtp(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtpPort = smtp.getSmtp().getPort();
        setup = new TestApp(kind, "SMTP_URL", "smtp://" + URLEncoder.encode(SMTP_USER, StandardCharsets.UTF_8) + ":"
                        + URLEncoder.encode(SMTP_PASSWORD, StandardCharsets.UTF_8).replace("+", "%20") + "@127.0.0.1:" + smtpPort,
                "MAIL_FROM", "Destek <destek@example.com>", "SITE_NAME", "Örnek Dükkân",
                "MAIL_DELAY_SECONDS", Integer.toString(DELAY_SECONDS), "MAIL_BATCH_SECONDS", Integer.toString(BATCH_SECONDS));
        startApp();
    }

    static GreenMail startSmtp(ServerSetup at) {
        GreenMail started = new GreenMail(at);
        started.start();
        started.setUser("sohbet@example.com", SMTP_USER, SMTP_PASSWORD);
        return started;
    }

    static void startApp() {
        app = setup.start(Clock.systemUTC(), new Sohbet.Timing(Duration.ofMillis(300), Duration.ofMillis(200), 64));
        base = TestApp.uri(app);
    }

    @AfterAll
    static void stop() {
        setup.close();
        smtp.stop();
    }

    /** A visitor who opened the chat, wrote, left an address and closed the tab. */
    record Visitor(Web web, long threadId, String email) {
    }

    Visitor visitorWithEmail(String language) {
        Web web = new Web(base).language(language);
        assertThat(web.get("/").statusCode(), is(200));
        assertThat(web.post("/messages", form("body", "Kargom nerede?", "client_id", "c" + System.nanoTime())).statusCode(), is(303));
        String email = "visitor" + VISITORS.incrementAndGet() + "-" + System.nanoTime() + "@example.org";
        assertThat(web.post("/email", form("email", email)).statusCode(), is(303));
        assertThat("the page is loaded again after leaving the address", web.get("/").statusCode(), is(200));
        return new Visitor(web, web.threadId(), email);
    }

    Message answer(Visitor v, String text) {
        return app.chat().postText(v.threadId(), Message.Sender.ADMIN, Message.Channel.WEB, text, null);
    }

    static List<MimeMessage> mailsTo(String address) {
        return List.of(smtp.getReceivedMessages()).stream().filter(m -> {
            try {
                return m.getRecipients(RecipientType.TO)[0].toString().equals(address);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    static MimeMessage awaitMail(String address, int count) {
        Eventually.until(count + " mail(s) to " + address, WAIT, () -> mailsTo(address).size() >= count);
        return mailsTo(address).get(count - 1);
    }

    static String part(MimeMessage mail, String type) throws Exception {
        MimeMultipart multipart = (MimeMultipart) mail.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart p = multipart.getBodyPart(i);
            if (p.isMimeType(type)) {
                return (String) p.getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    static String link(String text, String path) {
        Matcher m = Pattern.compile("(https?://\\S+" + Pattern.quote(path) + "\\?t=\\S+)").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + path + " link in:\n" + text);
        }
        return m.group(1);
    }

    MailOutboxStore outbox() {
        return new MailOutboxStore(app.database());
    }

    // ---- the mail and its way back -----------------------------------------------------------

    @Test
    void theAnswerArrivesInBothPartsAndItsLinkRestoresTheThreadOnAnotherDevice() throws Exception {
        Visitor v = visitorWithEmail("tr-TR,tr;q=0.9");
        Web admin = new Web(base);
        String csrf = admin.signIn("admin", "test-password");
        HttpResponse<String> reply = admin.post("/admin/threads/" + v.threadId() + "/messages",
                form("body", "Yarın kargoda <b>olacak</b> & takip no: 42\nİyi günler", "client_id", "panel-1", "_csrf", csrf));
        assertThat("answered in the panel", reply.statusCode(), is(303));

        MimeMessage mail = awaitMail(v.email(), 1);
        assertThat(mail.getSubject(), is("Örnek Dükkân: yeni bir yanıtınız var"));
        assertThat(mail.getFrom()[0].toString(), containsString("destek@example.com"));
        assertThat(mail.isMimeType("multipart/alternative"), is(true));
        String text = part(mail, "text/plain");
        String html = part(mail, "text/html");
        assertThat(text, containsString("Yarın kargoda <b>olacak</b> & takip no: 42"));
        assertThat("the answer's text is escaped in HTML", html, hasAll("Yarın kargoda &lt;b&gt;olacak&lt;/b&gt; &amp; takip no: 42", "lang=\"tr\""));
        assertThat(html, not(containsString("<b>olacak")));
        String unsubscribe = link(text, MailRoutes.UNSUBSCRIBE);
        assertThat(mail.getHeader("List-Unsubscribe")[0], is("<" + unsubscribe + ">"));
        assertThat(mail.getHeader("List-Unsubscribe-Post")[0], is("List-Unsubscribe=One-Click"));

        // Another device: a fresh cookie jar follows the link and finds the conversation.
        String back = link(text, MailRoutes.BACK);
        assertThat("the link is built from the address the visitor used", back, startsWith(base.toString()));
        Web phone = new Web(base);
        HttpResponse<String> asked = phone.get(back);
        assertThat("following the link only asks", asked.statusCode(), is(200));
        assertThat(asked.body(), containsString("Sohbete devam et"));
        assertThat(phone.cookie("sohbet_visitor"), nullValue());
        HttpResponse<String> res = phone.post(back, java.util.Map.of());
        assertThat(res.statusCode(), is(303));
        assertThat(res.headers().firstValue("Location").orElseThrow(), is("/"));
        assertThat(phone.get("/").body(), hasAll("Kargom nerede?", "Yarın kargoda &lt;b&gt;olacak&lt;/b&gt;"));
        assertThat("the same conversation, not a new one", phone.threadId(), is(v.threadId()));
    }

    @Test
    void anEnglishVisitorGetsTheMailInEnglish() throws Exception {
        Visitor v = visitorWithEmail("en-GB,en;q=0.9");
        answer(v, "It ships tomorrow.");

        MimeMessage mail = awaitMail(v.email(), 1);
        assertThat(mail.getSubject(), is("Örnek Dükkân: you have a new answer"));
        assertThat(part(mail, "text/plain"), containsString("Continue the conversation"));
        assertThat(part(mail, "text/html"), containsString("lang=\"en\""));
    }

    @Test
    void aForgedOrDamagedLinkGetsAClearPage() {
        Web web = new Web(base).language("en");
        HttpResponse<String> forged = web.get(MailRoutes.BACK + "?t=1.9999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(forged.statusCode(), is(400));
        assertThat(forged.body(), containsString("This link is not valid"));
        assertThat(web.cookie("sohbet_visitor"), nullValue());
        HttpResponse<String> empty = web.get(MailRoutes.UNSUBSCRIBE);
        assertThat(empty.statusCode(), is(400));
        assertThat(empty.body(), containsString("This link is not valid"));
    }

    @Test
    void anExpiredLinkSaysSoAndSetsNoCookie() {
        Visitor v = visitorWithEmail("en");
        MailLinks eightDaysAgo = new MailLinks(new Signer(setup.env.get("SECRET_KEY")),
                Clock.offset(Clock.systemUTC(), Duration.ofDays(-8)));
        Web phone = new Web(base).language("en");
        HttpResponse<String> res = phone.get(MailRoutes.BACK + "?t=" + eightDaysAgo.backToken(v.threadId()));
        assertThat(res.statusCode(), is(410));
        assertThat(res.body(), containsString("This link has expired"));
        assertThat(phone.cookie("sohbet_visitor"), nullValue());
    }

    // ---- when a mail goes out, and when not --------------------------------------------------

    @Test
    void answersWithinTheBatchWindowGoInOneMailAndTheNextWaitsForTheWindow() throws Exception {
        Visitor v = visitorWithEmail("tr");
        answer(v, "birinci yanıt");
        answer(v, "ikinci yanıt");

        MimeMessage first = awaitMail(v.email(), 1);
        assertThat(part(first, "text/plain"), hasAll("birinci yanıt", "ikinci yanıt"));
        long firstAt = System.currentTimeMillis();

        answer(v, "üçüncü yanıt");
        MimeMessage second = awaitMail(v.email(), 2);
        long waited = System.currentTimeMillis() - firstAt;
        String secondText = part(second, "text/plain");
        assertThat(secondText, containsString("üçüncü yanıt"));
        assertThat("answers already mailed are not repeated", secondText, not(containsString("birinci yanıt")));
        assertThat("at most one mail per batch window", waited, greaterThanOrEqualTo((BATCH_SECONDS - 1) * 1000L));
        assertThat(mailsTo(v.email()), hasSize(2));
    }

    @Test
    void aVisitorWithAnOpenStreamGetsNoMail() throws Exception {
        Visitor online = visitorWithEmail("tr");
        try (SseClient stream = SseClient.open(online.web(), "/events")) {
            assertThat(stream.status(), is(200));
            Eventually.until("the visitor online", WAIT, () -> app.hub().visitorStreams(online.threadId()) == 1);
            answer(online, "canlı yanıt");
            stream.await(e -> e.data().contains("canlı yanıt"), WAIT);

            Visitor away = visitorWithEmail("tr");
            answer(away, "kontrol yanıtı");
            awaitMail(away.email(), 1);
            Eventually.until("the online visitor's answers settled", WAIT,
                    () -> outbox().byThread(online.threadId()).orElseThrow().pendingAt() == null);
            assertThat(mailsTo(online.email()), hasSize(0));
        }
    }

    @Test
    void aVisitorWhoCameBackAndReadTheAnswerGetsNoMail() throws Exception {
        Visitor reader = visitorWithEmail("tr");
        answer(reader, "okunacak yanıt");
        assertThat(reader.web().get("/").body(), containsString("okunacak yanıt"));

        Visitor away = visitorWithEmail("tr");
        answer(away, "kontrol yanıtı");
        awaitMail(away.email(), 1);
        Eventually.until("the read answer settled", WAIT, () -> outbox().byThread(reader.threadId()).orElseThrow().pendingAt() == null);
        assertThat(mailsTo(reader.email()), hasSize(0));
    }

    @Test
    void aVisitorWithoutAnAddressGetsNothingQueued() {
        Web web = new Web(base);
        web.get("/");
        web.post("/messages", form("body", "adres yok", "client_id", "c" + System.nanoTime()));
        long threadId = web.threadId();
        app.chat().postText(threadId, Message.Sender.ADMIN, Message.Channel.WEB, "yanıt", null);
        assertThat(outbox().byThread(threadId).isPresent(), is(false));
    }

    @Test
    void withoutPublicUrlOrAnAddressTheVisitorUsedTheMailWaitsAndSaysWhy() {
        // A conversation that never came through the web (no page load to learn the chat's address from).
        long threadId = app.chat().startThread("test", null).id();
        app.chat().postText(threadId, Message.Sender.VISITOR, Message.Channel.WEB, "soru", null);
        app.chat().leaveEmail(threadId, "adressiz-" + System.nanoTime() + "@example.org");
        app.chat().postText(threadId, Message.Sender.ADMIN, Message.Channel.WEB, "yanıt", null);
        try {
            Eventually.until("the failure recorded", WAIT, () -> outbox().byThread(threadId).orElseThrow().lastError() != null);
            MailOutboxStore.Row row = outbox().byThread(threadId).orElseThrow();
            assertThat(row.lastError(), containsString("PUBLIC_URL"));
            assertThat("kept for a later try", row.pendingAt(), notNullValue());
        } finally {
            app.chat().delete(threadId);
        }
    }

    @Test
    void unsubscribeStopsMailsForThatConversation() throws Exception {
        Visitor v = visitorWithEmail("en");
        answer(v, "first answer");
        String text = part(awaitMail(v.email(), 1), "text/plain");

        Web anywhere = new Web(base).language("en");
        HttpResponse<String> asked = anywhere.get(link(text, MailRoutes.UNSUBSCRIBE));
        assertThat("a scanner opening the link unsubscribes nobody", asked.body(), containsString("Stop e-mails"));
        assertThat(outbox().byThread(v.threadId()).orElseThrow().unsubscribedAt(), nullValue());
        HttpResponse<String> res = anywhere.post(link(text, MailRoutes.UNSUBSCRIBE), java.util.Map.of());
        assertThat(res.statusCode(), is(200));
        assertThat(res.body(), containsString("You will get no more e-mails about this conversation"));
        assertThat(outbox().byThread(v.threadId()).orElseThrow().unsubscribedAt(), notNullValue());

        answer(v, "second answer");
        // Once the second answer would be due (batch window after the first mail), a control mail shows a later pass.
        long dueAt = outbox().byThread(v.threadId()).orElseThrow().lastSentAt().toEpochMilli() + BATCH_SECONDS * 1000L;
        Eventually.until("the second answer's batch window over", WAIT, () -> System.currentTimeMillis() > dueAt);
        Visitor control = visitorWithEmail("tr");
        answer(control, "kontrol yanıtı");
        awaitMail(control.email(), 1);
        assertThat(mailsTo(v.email()), hasSize(1));
    }

    @Test
    void theOneClickPostOfAMailProgramUnsubscribesToo() throws Exception {
        Visitor v = visitorWithEmail("tr");
        answer(v, "yanıt");
        String url = link(part(awaitMail(v.email(), 1), "text/plain"), MailRoutes.UNSUBSCRIBE);

        HttpResponse<String> res = new Web(base).post(url.substring(base.toString().length()), form("List-Unsubscribe", "One-Click"));
        assertThat(res.statusCode(), is(200));
        assertThat(outbox().byThread(v.threadId()).orElseThrow().unsubscribedAt(), notNullValue());
    }

    // ---- nothing is lost ---------------------------------------------------------------------

    @Test
    void anSmtpOutageDelaysTheMailButLosesNothing() throws Exception {
        Visitor v = visitorWithEmail("tr");
        smtp.stop();
        try {
            answer(v, "kesinti sırasında yazılan yanıt");
            Eventually.until("a failed attempt recorded", WAIT, () -> outbox().byThread(v.threadId()).orElseThrow().attempts() >= 1);
            assertThat(outbox().byThread(v.threadId()).orElseThrow().lastError(), notNullValue());
        } finally {
            smtp = startSmtp(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        }
        MimeMessage mail = awaitMail(v.email(), 1);
        assertThat(part(mail, "text/plain"), containsString("kesinti sırasında yazılan yanıt"));
        Eventually.until("the row settled", WAIT, () -> outbox().byThread(v.threadId()).orElseThrow().lastError() == null);
    }

    @Test
    void anAnswerQueuedBeforeARestartIsMailedAfterItWithLinksFromPublicUrl() throws Exception {
        Visitor v = visitorWithEmail("tr");
        answer(v, "yeniden başlatmadan önce");
        // Stopped well before the delay is over: only the database knows of the mail now.
        setup.stop(app);
        assertThat(mailsTo(v.email()), hasSize(0));
        setup.set("PUBLIC_URL", "https://chat.example.com/");
        startApp();
        try {
            String text = part(awaitMail(v.email(), 1), "text/plain");
            assertThat(text, containsString("yeniden başlatmadan önce"));
            assertThat(link(text, MailRoutes.BACK), startsWith("https://chat.example.com" + MailRoutes.BACK + "?t="));
        } finally {
            setup.stop(app);
            setup.env.remove("PUBLIC_URL");
            startApp();
        }
    }
}
