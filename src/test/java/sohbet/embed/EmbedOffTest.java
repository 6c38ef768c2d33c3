package sohbet.embed;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import sohbet.app.AppConfig;
import sohbet.app.Sohbet;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Without EMBED_ORIGINS there is nothing to embed: no embedded page, no launcher script, no page framed. */
@ServerTest
class EmbedOffTest {
    static TestDatabase database;
    static Sohbet app;
    private final URI uri;

    EmbedOffTest(URI uri) {
        this.uri = uri;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        database = TestDatabase.create(TestDatabase.Kind.SQLITE);
        app = new Sohbet(AppConfig.from(database.env()), Clock.systemUTC(), new Sohbet.Timing(Duration.ofMillis(300), Duration.ofMillis(300), 64));
        app.routing(routing);
    }

    @AfterAll
    static void tearDown() {
        app.close();
        database.close();
    }

    @Test
    void embeddingIsOff() {
        Web web = new Web(uri);
        assertEquals(404, web.get("/embed").statusCode());
        assertEquals(404, web.get("/embed.js").statusCode());
        assertEquals(404, web.post("/embed/start", Web.form()).statusCode());
        var framed = web.post("/messages", Web.form("body", "x", "client_id", "c-off-1"), "Sec-Fetch-Dest", "iframe");
        assertEquals("/", framed.headers().firstValue("Location").orElse(""));
        assertThat(framed.headers().firstValue("Content-Security-Policy").orElseThrow(), containsString("frame-ancestors 'none'"));
        assertEquals("DENY", framed.headers().firstValue("X-Frame-Options").orElseThrow());
    }
}
