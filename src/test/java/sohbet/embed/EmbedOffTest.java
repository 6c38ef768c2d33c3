package sohbet.embed;

import java.net.URI;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import sohbet.support.TestApp;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static sohbet.support.Expect.header;

/** Without EMBED_ORIGINS there is nothing to embed: no embedded page, no launcher script, no page framed. */
@ServerTest
class EmbedOffTest {
    static final TestApp setup = new TestApp(TestDatabase.Kind.SQLITE);

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        setup.route(routing);
    }

    @AfterAll
    static void tearDown() {
        setup.close();
    }

    @Test
    void embeddingIsOff(URI uri) {
        Web web = new Web(uri);
        assertEquals(404, web.get("/embed").statusCode());
        assertEquals(404, web.get("/embed.js").statusCode());
        assertEquals(404, web.post("/embed/start", Web.form()).statusCode());
        var framed = web.post("/messages", Web.form("body", "x", "client_id", "c-off-1"), "Sec-Fetch-Dest", "iframe");
        assertEquals("/", framed.headers().firstValue("Location").orElse(""));
        assertThat(header(framed, "Content-Security-Policy"), containsString("frame-ancestors 'none'"));
        assertEquals("DENY", header(framed, "X-Frame-Options"));
    }
}
