package sohbet.telegram;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sohbet.app.AppConfig;
import sohbet.app.Sohbet;
import sohbet.support.Eventually;
import sohbet.support.FakeBotApi;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static sohbet.support.Web.form;

/** The admin signs in with the password and the code the bot sends to the admin's chat (a fake Bot API). */
class SignInOverTelegramTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private TestDatabase db;
    private FakeBotApi fake;
    private Sohbet app;

    @BeforeEach
    void start() {
        db = TestDatabase.create(TestDatabase.Kind.SQLITE);
        fake = new FakeBotApi();
        app = start(FakeBotApi.ADMIN_CHAT);
    }

    private Sohbet start(long deskChat) {
        Map<String, String> env = new HashMap<>(db.env());
        env.put("ADMIN_OTP", "on");
        env.put("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN);
        env.put("TELEGRAM_CHAT_ID", String.valueOf(deskChat));
        env.put("TELEGRAM_API_URL", fake.url());
        return new Sohbet(AppConfig.from(env), Clock.systemUTC(), new Sohbet.Timing(Duration.ofSeconds(1), Duration.ofMillis(200), 64)
                .withTelegram(BridgeHarness.FAST)).start();
    }

    private String codeFrom(FakeBotApi.Call call) {
        Matcher m = Pattern.compile("Kodu: (\\d{6})").matcher(call.text());
        assertThat(call.text(), m.find(), org.hamcrest.Matchers.is(true));
        return m.group(1);
    }

    @Test
    void inAGroupDeskTheCodeGoesOnlyToAdminsPrivatelyProtectedAndIsDeletedOnceUsed() {
        app.close();
        app = start(FakeBotApi.GROUP);
        Web w = new Web(URI.create("http://127.0.0.1:" + app.port()));
        String csrf = Web.field(w.get("/admin/login").body(), "_csrf");
        assertEquals(303, w.post("/admin/login", form("_csrf", csrf, "username", "admin", "password", "test-password")).statusCode());

        // The owner started the bot; the other admin did not, so Telegram lets the bot reach the owner only.
        Eventually.until("the code message", WAIT, () -> fake.deliveredTo(FakeBotApi.OWNER).size() == 1);
        FakeBotApi.Call sent = fake.deliveredTo(FakeBotApi.OWNER).getFirst();
        assertThat("forwarding and saving blocked", sent.params().path("protect_content").asBoolean(), org.hamcrest.Matchers.is(true));
        assertThat("never into the group", fake.deliveredTo(FakeBotApi.GROUP), org.hamcrest.Matchers.empty());
        assertThat(fake.deliveredTo(FakeBotApi.MEMBER), org.hamcrest.Matchers.empty());

        String page = w.get("/admin/login/code").body();
        assertEquals(303, w.post("/admin/login/code", form("_csrf", Web.field(page, "_csrf"), "code", codeFrom(sent))).statusCode());
        Eventually.until("the used code deleted", WAIT, () -> fake.calls("deleteMessage").size() == 1);
        assertThat(fake.calls("deleteMessage").getFirst().chatId(), org.hamcrest.Matchers.is(String.valueOf(FakeBotApi.OWNER)));
    }

    @Test
    void whenNoAdminCanBeReachedTheSignInPageSaysHowToFixIt() {
        app.close();
        app = start(FakeBotApi.GROUP);
        fake.block(FakeBotApi.OWNER);
        Web w = new Web(URI.create("http://127.0.0.1:" + app.port()));
        String csrf = Web.field(w.get("/admin/login").body(), "_csrf");
        HttpResponse<String> res = w.post("/admin/login", form("_csrf", csrf, "username", "admin", "password", "test-password"));
        assertEquals(503, res.statusCode());
        assertThat(res.body(), containsString("/start"));
    }

    @AfterEach
    void stop() {
        app.close();
        fake.close();
        db.close();
    }

    @Test
    void theCodeArrivesInTheAdminChatAndOpensThePanelOnce() {
        Web w = new Web(URI.create("http://127.0.0.1:" + app.port()));
        String csrf = Web.field(w.get("/admin/login").body(), "_csrf");
        HttpResponse<String> step1 = w.post("/admin/login", form("_csrf", csrf, "username", "admin", "password", "test-password"));
        assertEquals(303, step1.statusCode());
        Eventually.until("the code message", WAIT, () -> fake.deliveredTo(FakeBotApi.ADMIN_CHAT).stream()
                .anyMatch(c -> c.text() != null && c.text().contains("Admin OTP Kodu")));
        String text = fake.deliveredTo(FakeBotApi.ADMIN_CHAT).stream().map(FakeBotApi.Call::text)
                .filter(t -> t != null && t.contains("Admin OTP Kodu")).findFirst().orElseThrow();
        assertThat(text, containsString("⏰ 5 dakika geçerli"));
        Matcher m = Pattern.compile("Kodu: (\\d{6})").matcher(text);
        m.find();
        String code = m.group(1);

        String page = w.get("/admin/login/code").body();
        assertThat("the code is never shown on the page", page, org.hamcrest.Matchers.not(containsString(code)));
        HttpResponse<String> ok = w.post("/admin/login/code", form("_csrf", Web.field(page, "_csrf"), "code", code));
        assertEquals(303, ok.statusCode());
        assertEquals(200, w.get("/admin").statusCode());
    }
}
