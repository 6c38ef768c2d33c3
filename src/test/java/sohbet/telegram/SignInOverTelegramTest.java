package sohbet.telegram;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import sohbet.support.Eventually;
import sohbet.support.FakeBotApi;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static sohbet.support.Web.form;

/** The admin signs in with the password and the code the bot sends to the admin's chat (a fake Bot API). */
class SignInOverTelegramTest extends BridgeHarness {

    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.SQLITE;
    }

    @Override
    Map<String, String> env() {
        return Map.of("ADMIN_OTP", "on");
    }

    /** The password step, which has the bot send the code. */
    private static HttpResponse<String> password(Web w) {
        String csrf = Web.field(w.get("/admin/login").body(), "_csrf");
        return w.post("/admin/login", form("_csrf", csrf, "username", "admin", "password", "test-password"));
    }

    private static String codeIn(String text) {
        Matcher m = Pattern.compile("Kodu: (\\d{6})").matcher(text);
        assertThat(text, m.find(), is(true));
        return m.group(1);
    }

    @Test
    void theCodeArrivesInTheAdminChatAndOpensThePanelOnce() {
        Web w = web();
        assertEquals(303, password(w).statusCode());
        Eventually.until("the code message", WAIT, () -> fake.deliveredTo(ADMIN_CHAT).stream()
                .anyMatch(c -> c.text() != null && c.text().contains("Admin OTP Kodu")));
        String text = fake.deliveredTo(ADMIN_CHAT).stream().map(FakeBotApi.Call::text)
                .filter(t -> t != null && t.contains("Admin OTP Kodu")).findFirst().orElseThrow();
        assertThat(text, containsString("⏰ 5 dakika geçerli"));
        String code = codeIn(text);

        String page = w.get("/admin/login/code").body();
        assertThat("the code is never shown on the page", page, not(containsString(code)));
        HttpResponse<String> ok = w.post("/admin/login/code", form("_csrf", Web.field(page, "_csrf"), "code", code));
        assertEquals(303, ok.statusCode());
        assertEquals(200, w.get("/admin").statusCode());
    }

    @Test
    void inAGroupDeskTheCodeGoesOnlyToAdminsPrivatelyProtectedAndIsDeletedOnceUsed() {
        restartApp(Map.of("TELEGRAM_CHAT_ID", String.valueOf(FakeBotApi.GROUP)));
        Web w = web();
        assertEquals(303, password(w).statusCode());

        // The owner started the bot; the other admin did not, so Telegram lets the bot reach the owner only.
        Eventually.until("the code message", WAIT, () -> fake.deliveredTo(FakeBotApi.OWNER).size() == 1);
        FakeBotApi.Call sent = fake.deliveredTo(FakeBotApi.OWNER).getFirst();
        assertThat("forwarding and saving blocked", sent.params().path("protect_content").asBoolean(), is(true));
        assertThat("never into the group", fake.deliveredTo(FakeBotApi.GROUP), empty());
        assertThat(fake.deliveredTo(FakeBotApi.MEMBER), empty());

        String page = w.get("/admin/login/code").body();
        assertEquals(303, w.post("/admin/login/code", form("_csrf", Web.field(page, "_csrf"), "code", codeIn(sent.text()))).statusCode());
        Eventually.until("the used code deleted", WAIT, () -> fake.calls("deleteMessage").size() == 1);
        assertThat(fake.calls("deleteMessage").getFirst().chatId(), is(String.valueOf(FakeBotApi.OWNER)));
    }

    @Test
    void whenNoAdminCanBeReachedTheSignInPageSaysHowToFixIt() {
        restartApp(Map.of("TELEGRAM_CHAT_ID", String.valueOf(FakeBotApi.GROUP)));
        fake.block(FakeBotApi.OWNER);
        HttpResponse<String> res = password(web());
        assertEquals(503, res.statusCode());
        assertThat(res.body(), containsString("/start"));
    }
}
