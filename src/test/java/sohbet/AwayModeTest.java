package sohbet;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sohbet.app.AppConfig;
import sohbet.app.Sohbet;
import sohbet.core.Message;
import sohbet.support.SseClient;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static sohbet.support.Web.form;

/** With nobody at the desk, a visitor hears when to expect an answer, once a day, and may leave an email. */
class AwayModeTest {
    private TestDatabase db;
    private Sohbet app;

    @BeforeEach
    void start() {
        db = TestDatabase.create(TestDatabase.Kind.SQLITE);
        Map<String, String> env = new HashMap<>(db.env());
        env.put("AWAY_REPLY", "on");
        env.put("AWAY_MESSAGE", "Şu an kapalıyız, yarın 09:00'da döneceğiz.");
        env.put("AWAY_MESSAGE_EN", "We are closed now, back tomorrow at 09:00.");
        app = new Sohbet(AppConfig.from(env), Clock.systemUTC(), new Sohbet.Timing(Duration.ofMillis(500), Duration.ofMillis(200), 64)).start();
    }

    @AfterEach
    void stop() {
        app.close();
        db.close();
    }

    private Web client() {
        return new Web(URI.create("http://127.0.0.1:" + app.port()));
    }

    private List<Message.Sender> senders(long thread) {
        return app.chat().history(thread).stream().map(Message::sender).toList();
    }

    @Test
    void anAdminOfflineMeansOneAutomaticReplyPerThreadPerDay() {
        Web w = client();
        assertThat(w.get("/").body(), containsString("E-posta adresiniz"));
        long thread = w.threadId();
        w.post("/messages", form("body", "kimse var mı?", "client_id", "aw-1"));
        w.post("/messages", form("body", "merhaba?", "client_id", "aw-2"));
        assertEquals(List.of(Message.Sender.VISITOR, Message.Sender.SYSTEM, Message.Sender.VISITOR), senders(thread));
        assertThat(w.get("/").body(), containsString("yarın 09:00"));
    }

    @Test
    void anEnglishVisitorGetsTheEnglishReplyAndAnEnglishDefaultName() {
        Web w = client().language("en-GB,en;q=0.9");
        w.get("/");
        long thread = w.threadId();
        String name = app.chat().thread(thread).orElseThrow().visitorName();
        org.junit.jupiter.api.Assertions.assertTrue(name.matches("Visitor \\d{4}"), name);
        w.post("/messages", form("body", "anyone there?", "client_id", "aw-en-1"));
        assertEquals(List.of("anyone there?", "We are closed now, back tomorrow at 09:00."),
                app.chat().history(thread).stream().map(Message::body).toList());

        Web tr = client();
        tr.get("/");
        long turkish = tr.threadId();
        String turkishName = app.chat().thread(turkish).orElseThrow().visitorName();
        org.junit.jupiter.api.Assertions.assertTrue(turkishName.matches("Ziyaretçi \\d{4}"), turkishName);
    }

    @Test
    void anAdminAtTheDeskMeansNoAutomaticReply() {
        Web admin = client();
        admin.signIn("admin", "test-password");
        try (SseClient panel = SseClient.open(admin, "/admin/events")) {
            panel.await("threads", Duration.ofSeconds(10));
            Web w = client();
            w.get("/");
            long thread = w.threadId();
            w.post("/messages", form("body", "merhaba", "client_id", "aw-3"));
            assertEquals(List.of(Message.Sender.VISITOR), senders(thread));
        }
    }

    @Test
    void theVisitorMayLeaveAnEmailTheAdminSees() {
        Web w = client();
        w.get("/");
        long thread = w.threadId();
        w.post("/messages", form("body", "dönüş yapın", "client_id", "aw-4"));
        HttpResponse<String> bad = w.post("/email", form("email", "not-an-email"));
        assertEquals(422, bad.statusCode());
        assertThat(bad.body(), containsString("e-posta adresine benzemiyor"));
        assertEquals(303, w.post("/email", form("email", "ayse@example.com")).statusCode());
        assertThat(w.get("/").body(), containsString("ayse@example.com"));
        Web admin = client();
        admin.signIn("admin", "test-password");
        assertThat(admin.get("/admin/threads/" + thread).body(), containsString("ayse@example.com"));
    }
}
