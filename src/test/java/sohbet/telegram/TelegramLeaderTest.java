package sohbet.telegram;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sohbet.app.AppConfig;
import sohbet.app.Sohbet;
import sohbet.support.Eventually;
import sohbet.support.FakeBotApi;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static sohbet.support.Web.form;

/** Two instances on one PostgreSQL: one runs the bot, the other waits, and takes over when the first dies. */
class TelegramLeaderTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private final TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL);
    private final FakeBotApi fake = new FakeBotApi();
    private Sohbet a;
    private Sohbet b;

    private Sohbet instance() {
        Map<String, String> env = new HashMap<>(db.env());
        env.put("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN);
        env.put("TELEGRAM_CHAT_ID", String.valueOf(FakeBotApi.ADMIN_CHAT));
        env.put("TELEGRAM_API_URL", fake.url());
        return new Sohbet(AppConfig.from(env), Clock.systemUTC(),
                new Sohbet.Timing(Duration.ofSeconds(1), Duration.ofMillis(200), 64, Duration.ofMillis(300))).start();
    }

    private static String bot(Sohbet s) {
        String health = new Web(URI.create("http://127.0.0.1:" + s.port())).get("/health").body();
        return health.replaceAll(".*\"bot\":\"([A-Z]+)\".*", "$1");
    }

    @AfterEach
    void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        fake.close();
        db.close();
    }

    @Test
    void exactlyOneInstanceRunsTheBotAndAnotherTakesOver() {
        a = instance();
        Eventually.until("A leads", WAIT, () -> bot(a).equals("ON"));
        b = instance();
        Eventually.until("B waits", WAIT, () -> bot(b).equals("STANDBY"));

        Web visitorOnB = new Web(URI.create("http://127.0.0.1:" + b.port()));
        visitorOnB.get("/");
        assertEquals(303, visitorOnB.post("/messages", form("body", "B üzerinden", "client_id", "lead-1")).statusCode());
        Eventually.until("the forward", WAIT, () -> fake.deliveredTo(FakeBotApi.ADMIN_CHAT).size() == 1);

        a.close();
        a = null;
        Eventually.until("B takes over", WAIT, () -> bot(b).equals("ON"));
        assertEquals(303, visitorOnB.post("/messages", form("body", "devralındı", "client_id", "lead-2")).statusCode());
        Eventually.until("the second forward", WAIT, () -> fake.deliveredTo(FakeBotApi.ADMIN_CHAT).size() == 2);
        assertEquals(1, fake.deliveredTo(FakeBotApi.ADMIN_CHAT).stream().filter(c -> c.text().contains("B üzerinden")).count(),
                "forwarded once, not once per instance");
    }
}
