package sohbet;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sohbet.app.AppConfig;
import sohbet.app.Sohbet;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static sohbet.support.Web.form;

/** When the database cannot be reached, answers say so clearly (503), never with a stack trace. */
class HealthAndOutageTest {
    private TestDatabase db;
    private Sohbet app;

    @AfterEach
    void stop() {
        app.close();
        db.close();
    }

    @Test
    void withoutADatabaseHealthIs503AndPostsGetAClearPage() {
        db = TestDatabase.create(TestDatabase.Kind.SQLITE);
        app = new Sohbet(AppConfig.from(db.env()), Clock.systemUTC(), new Sohbet.Timing(Duration.ofSeconds(1), Duration.ofMillis(200), 16)).start();
        Web visitor = new Web(java.net.URI.create("http://127.0.0.1:" + app.port()));
        visitor.get("/");
        app.database().close();

        HttpResponse<String> health = visitor.get("/health");
        assertEquals(503, health.statusCode());
        assertThat(health.body(), containsString("\"database\":\"DOWN\""));

        HttpResponse<String> post = visitor.post("/messages", form("body", "kayıp olmasın", "client_id", "o-1"));
        assertEquals(503, post.statusCode());
        assertThat(post.body(), containsString("Mesajınız kaydedilmedi"));
        assertThat(post.body(), not(containsString("Exception")));
        assertEquals("5", post.headers().firstValue("Retry-After").orElseThrow());
    }
}
