package sohbet;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sohbet.app.Sohbet;
import sohbet.core.Message;
import sohbet.support.SseClient;
import sohbet.support.TestApp;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sohbet.support.Web.form;

/** With nobody at the desk, a visitor hears when to expect an answer, once a day, and may leave an email. */
class AwayModeTest {
    private final TestApp setup = new TestApp(TestDatabase.Kind.SQLITE, "AWAY_REPLY", "on",
            "AWAY_MESSAGE", "Şu an kapalıyız, yarın 09:00'da döneceğiz.", "AWAY_MESSAGE_EN", "We are closed now, back tomorrow at 09:00.");
    private final Sohbet app = setup.start(Clock.systemUTC(), new Sohbet.Timing(Duration.ofMillis(500), Duration.ofMillis(200), 64));

    @AfterEach
    void stop() {
        setup.close();
    }

    private Web client() {
        return new Web(TestApp.uri(app));
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
        assertTrue(name.matches("Visitor \\d{4}"), name);
        w.post("/messages", form("body", "anyone there?", "client_id", "aw-en-1"));
        assertEquals(List.of("anyone there?", "We are closed now, back tomorrow at 09:00."),
                app.chat().history(thread).stream().map(Message::body).toList());

        Web tr = client();
        tr.get("/");
        String turkishName = app.chat().thread(tr.threadId()).orElseThrow().visitorName();
        assertTrue(turkishName.matches("Ziyaretçi \\d{4}"), turkishName);
    }

    @Test
    void anAdminAtTheDeskMeansNoAutomaticReply() {
        try (SseClient panel = SseClient.open(TestApp.admin(TestApp.uri(app)), "/admin/events")) {
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
        assertThat(TestApp.admin(TestApp.uri(app)).get("/admin/threads/" + thread).body(), containsString("ayse@example.com"));
    }
}
