package sohbet.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import sohbet.support.Eventually;
import sohbet.support.FakeBotApi;
import sohbet.support.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Telegram faults: while visitors post, the Bot API answers 500s, then 429 with retry_after, then
 * slowly, then not at all (the port closed) and the app is killed and restarted during that outage.
 * After recovery every visitor message reaches the admin's chat exactly once, in order per thread.
 */
class TelegramFaultTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void everyVisitorMessageIsForwardedExactlyOnceInOrderAfterOutagesAndARestart() throws Exception {
        try (FakeBotApi telegram = new FakeBotApi();
             TestDatabase db = TestDatabase.create(TestDatabase.Kind.SQLITE)) {
            Map<String, String> env = new HashMap<>(db.env());
            env.put("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN);
            env.put("TELEGRAM_CHAT_ID", Long.toString(FakeBotApi.ADMIN_CHAT));
            env.put("TELEGRAM_API_URL", telegram.url());
            try (AppProcess app = new AppProcess("telegram-faults", env, db.folder()).start();
                 Crowd crowd = new Crowd()) {
                Eventually.until("the bot polling", WAIT, () -> telegram.pollsArrived() > 0);
                for (int i = 0; i < 3; i++) {
                    crowd.posts("v" + i, app.visitor(WAIT), new Ledger.Policy(0, Duration.ofSeconds(60), false), crowd.random(i), 100, 150);
                }

                // Each fault lasts until the outbox has met it at least twice (its back-off decides when it calls again).
                Eventually.until("forwards flowing", WAIT, () -> telegram.delivered().size() >= 5);
                telegram.outage(FakeBotApi.error(500, "Internal Server Error"));
                Eventually.until("two sends answered 500", WAIT, () -> sends(telegram, 500) >= 2);
                telegram.outage(FakeBotApi.Answer.tooManyRequests(1));
                Eventually.until("two sends answered 429", WAIT, () -> sends(telegram, 429) >= 2);
                telegram.outage(null);
                telegram.slowSends(Duration.ofSeconds(2));
                Eventually.until("three slow answers", WAIT, () -> telegram.slowSent() >= 3);
                telegram.slowSends(null);
                // Down only once no answer is on its way: a lost answer to a send Telegram took is a different fault (see the report).
                Eventually.until("slow answers delivered", WAIT, () -> telegram.inFlight() == 0);
                telegram.down();
                Instant outage = Instant.now();
                AppProcess.pauseUntil(outage, 1_500);
                app.kill();
                app.start();
                AppProcess.pauseUntil(outage, 4_000);
                telegram.up();
                int forwardedAtRecovery = telegram.delivered().size();
                Eventually.until("forwards flowing again", Duration.ofSeconds(40), () -> telegram.delivered().size() > forwardedAtRecovery);
                crowd.finish(Duration.ofSeconds(70));

                List<String> failures = new ArrayList<>(crowd.check(app, db, WAIT, true).failures());
                List<StoredMessages.Row> visitorRows = StoredMessages.all(db).stream().filter(r -> r.sender().equals("visitor")).toList();
                // The outbox backs off up to its production pace (1 s doubling): allow for it after the outage.
                Eventually.until("every visitor message reached the admin's chat", Duration.ofSeconds(45),
                        () -> visitorRows.stream().allMatch(r -> !positions(telegram, r.body()).isEmpty()));
                Map<Long, List<Integer>> byThread = new HashMap<>();
                for (StoredMessages.Row r : visitorRows) {
                    List<Integer> at = positions(telegram, r.body());
                    if (at.size() != 1) {
                        failures.add("message " + r.id() + " forwarded " + at.size() + " times: " + r.body());
                    }
                    byThread.computeIfAbsent(r.threadId(), k -> new ArrayList<>()).add(at.getFirst());
                }
                byThread.forEach((thread, order) -> {
                    if (!order.equals(order.stream().sorted().toList())) {
                        failures.add("thread " + thread + " forwarded out of order: " + order);
                    }
                });
                assertEquals(List.of(), failures, "seed " + crowd.seed);
                // telegrambots logs each failed long poll during the outage at SEVERE itself: expected there, not a server fault.
                app.assertNoServerFaults("BotSession: Error received from Telegram GetUpdates Request");
                assertTrue(visitorRows.size() > 50, "enough messages: " + visitorRows.size());
            }
        }
    }

    /** Where the message's text is among the sends Telegram accepted, in order. */
    private static List<Integer> positions(FakeBotApi telegram, String body) {
        List<FakeBotApi.Call> accepted = telegram.delivered();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < accepted.size(); i++) {
            if (accepted.get(i).text().contains("\n" + body + "\n")) {
                at.add(i);
            }
        }
        return at;
    }

    private static int sends(FakeBotApi telegram, int status) {
        return (int) telegram.calls("sendMessage").stream().filter(c -> c.status() == status).count();
    }
}
