package sohbet;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import sohbet.app.Sohbet;
import sohbet.support.TestApp;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static sohbet.support.Web.form;

/** When the database cannot be reached, answers say so clearly (503), never with a stack trace. */
class HealthAndOutageTest {
    @Test
    void withoutADatabaseHealthIs503AndPostsGetAClearPage() {
        try (TestApp setup = new TestApp(TestDatabase.Kind.SQLITE)) {
            Sohbet app = setup.start(Clock.systemUTC(), new Sohbet.Timing(Duration.ofSeconds(1), Duration.ofMillis(200), 16));
            Web visitor = new Web(TestApp.uri(app));
            visitor.get("/");
            app.database().close();
            HttpResponse<String> health = visitor.get("/health");
            assertEquals(503, health.statusCode());
            assertThat(health.body(), containsString("\"database\":\"DOWN\""));

            HttpResponse<String> post = visitor.post("/messages", form("body", "kayıp olmasın", "client_id", "o-1"));
            assertEquals(503, post.statusCode());
            assertThat(post.body(), allOf(containsString("Mesajınız kaydedilmedi"), not(containsString("Exception"))));
            assertEquals("5", post.headers().firstValue("Retry-After").orElseThrow());
        }
    }
}
