package sohbet.telegram;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import sohbet.app.Sohbet;
import sohbet.support.Eventually;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static sohbet.support.Web.form;

/** Two instances on one PostgreSQL: one runs the bot, the other waits, and takes over when the first dies. */
class TelegramLeaderTest extends BridgeHarness {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }

    /** The bot's own timing as in production; a short cluster heartbeat so a dead leader is noticed quickly. */
    @Override
    Sohbet.Timing timing() {
        return new Sohbet.Timing(Duration.ofSeconds(1), Duration.ofMillis(200), 64, Duration.ofMillis(300));
    }

    private static String bot(Sohbet s) {
        String health = new Web(java.net.URI.create("http://127.0.0.1:" + s.port())).get("/health").body();
        return health.replaceAll(".*\"bot\":\"([A-Z]+)\".*", "$1");
    }

    @Test
    void exactlyOneInstanceRunsTheBotAndAnotherTakesOver() {
        Sohbet a = app;
        Eventually.until("A leads", WAIT, () -> bot(a).equals("ON"));
        Sohbet b = startApp(Map.of());
        try {
            Eventually.until("B waits", WAIT, () -> bot(b).equals("STANDBY"));

            Web visitorOnB = new Web(java.net.URI.create("http://127.0.0.1:" + b.port()));
            visitorOnB.get("/");
            assertEquals(303, visitorOnB.post("/messages", form("body", "B üzerinden", "client_id", "lead-1")).statusCode());
            Eventually.until("the forward", WAIT, () -> fake.deliveredTo(ADMIN_CHAT).size() == 1);

            a.close();
            app = null;
            Eventually.until("B takes over", WAIT, () -> bot(b).equals("ON"));
            assertEquals(303, visitorOnB.post("/messages", form("body", "devralındı", "client_id", "lead-2")).statusCode());
            Eventually.until("the second forward", WAIT, () -> fake.deliveredTo(ADMIN_CHAT).size() == 2);
            assertEquals(1, fake.deliveredTo(ADMIN_CHAT).stream().filter(c -> c.text().contains("B üzerinden")).count(),
                    "forwarded once, not once per instance");
        } finally {
            b.close();
        }
    }
}
