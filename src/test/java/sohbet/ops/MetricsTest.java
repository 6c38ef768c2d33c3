package sohbet.ops;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sohbet.app.AppConfig;
import sohbet.app.Sohbet;
import sohbet.support.Eventually;
import sohbet.support.SseClient;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sohbet.support.Web.form;

/** /metrics in Prometheus text: Sohbet's own meters move with what happens, and only the admin or the scraper's token see them. */
class MetricsTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void aScrapeShowsStreamsMessagesLatencyRefusalsAndTheBridgeAndIsNeverPublic(TestDatabase.Kind kind) {
        try (TestDatabase db = TestDatabase.create(kind)) {
            Map<String, String> env = db.env();
            env.put("METRICS_TOKEN", "scrape-token-0123456789");
            env.put("LIMIT_MESSAGES_PER_MINUTE", "2");
            try (Sohbet app = new Sohbet(AppConfig.from(env), Clock.systemUTC(), new Sohbet.Timing(Duration.ofSeconds(2), Duration.ofMillis(200), 16)).start()) {
                URI base = URI.create("http://127.0.0.1:" + app.port());
                Web visitor = new Web(base);
                visitor.get("/");
                assertEquals(404, visitor.get("/metrics").statusCode(), "not for a visitor");
                assertEquals(404, visitor.get("/metrics", "Authorization", "Bearer wrong-token").statusCode(), "not with a wrong token");

                try (SseClient stream = SseClient.open(visitor, "/events")) {
                    assertEquals(200, stream.status());
                    assertEquals(303, visitor.post("/messages", form("body", "bir", "client_id", "m-1")).statusCode());
                    assertEquals(303, visitor.post("/messages", form("body", "iki", "client_id", "m-2")).statusCode());
                    assertEquals(429, visitor.post("/messages", form("body", "üç", "client_id", "m-3")).statusCode());
                    stream.await(e -> e.data().contains("iki"), Duration.ofSeconds(10));

                    Eventually.until("the delivery is measured", Duration.ofSeconds(5),
                            () -> value(scrape(visitor), "sohbet_delivery_latency_seconds_count") >= 2);
                    String text = scrape(visitor);
                    assertEquals(1, value(text, "sohbet_streams_open{kind=\"visitor\"}"), text);
                    assertEquals(0, value(text, "sohbet_streams_open{kind=\"panel\"}"));
                    assertEquals(2, value(text, "sohbet_messages_stored_total{door=\"web\"}"));
                    assertEquals(0, value(text, "sohbet_messages_stored_total{door=\"telegram\"}"));
                    assertEquals(1, value(text, "sohbet_rate_limit_refusals_total{rule=\"messages\"}"));
                    assertEquals(1, value(text, "sohbet_telegram_bridge{state=\"off\"}"));
                    assertEquals(0, value(text, "sohbet_telegram_outbox_pending"));
                    assertEquals(0, value(text, "sohbet_telegram_outbox_oldest_age_seconds"));
                    assertTrue(text.contains("sohbet_delivery_latency_seconds_bucket{le="), "a latency histogram");
                }
                Eventually.until("the closed stream is counted out", Duration.ofSeconds(10),
                        () -> value(scrape(visitor), "sohbet_streams_open{kind=\"visitor\"}") == 0);

                Web admin = new Web(base);
                admin.signIn("admin", "test-password");
                HttpResponse<String> signedIn = admin.get("/metrics");
                assertEquals(200, signedIn.statusCode(), "the signed-in admin sees them without a token");
                assertTrue(signedIn.body().contains("sohbet_messages_stored_total"));
            }
        }
    }

    private static String scrape(Web web) {
        HttpResponse<String> res = web.get("/metrics", "Authorization", "Bearer scrape-token-0123456789");
        assertEquals(200, res.statusCode());
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        return res.body();
    }

    /** The value of one sample line, e.g. {@code name{label="x"} 2.0}; fails when the sample is missing. */
    private static double value(String text, String sample) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(text);
        assertTrue(m.find(), () -> "no sample " + sample + " in:\n" + text);
        return Double.parseDouble(m.group(1));
    }
}
