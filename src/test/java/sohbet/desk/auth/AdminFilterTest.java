package sohbet.desk.auth;

import java.time.Clock;
import java.util.List;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import sohbet.store.AdminSessionStore;
import sohbet.store.Database;
import sohbet.store.Migrations;
import sohbet.support.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin filter mounted alone in front of stand-in routes, tested on the routing without a
 * socket: how each kind of request without a session is refused, which admin paths stay open, and
 * that a route behind it finds the session.
 */
@RoutingTest
class AdminFilterTest {
    private static TestDatabase tdb;
    private static Database db;

    private final DirectClient client;

    AdminFilterTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        tdb = TestDatabase.create(TestDatabase.Kind.SQLITE);
        db = Database.sqlite(tdb.folder().resolve("filter.db"));
        Migrations.migrate(db);
        AdminSessions sessions = new AdminSessions(new AdminSessionStore(db), Clock.systemUTC(), false, "tag");
        routing.addFilter(new AdminFilter(sessions))
                .get("/test/sign-in", (req, res) -> {
                    sessions.start(res);
                    res.send("in");
                })
                .get("/admin", (req, res) -> res.send("csrf=" + AdminFilter.session(req).csrf()))
                .post("/admin/threads/{id}/close", (req, res) -> res.send("closed"))
                .get("/admin/events", (req, res) -> res.send("stream"))
                .get("/admin/login", (req, res) -> res.send("sign-in page"))
                .post("/admin/logout", (req, res) -> res.send("signed out"))
                .get("/administrator", (req, res) -> res.send("not an admin path"));
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
        tdb.close();
    }

    @Test
    void aPageOrAFormPostWithoutASessionGoesToTheSignInPage() {
        // The redirect is what is tested: not followed.
        for (HttpClientResponse r : List.of(client.get("/admin").followRedirects(false).request(),
                client.post("/admin/threads/1/close").followRedirects(false).submit("_csrf=x"),
                client.get("/admin/no-such-page").followRedirects(false).request())) {
            try (r) {
                assertEquals(303, r.status().code());
                assertEquals("/admin/login", r.headers().first(HeaderNames.LOCATION).orElseThrow());
            }
        }
    }

    @Test
    void htmxWithoutASessionGets401AndIsToldWhereToGo() {
        try (HttpClientResponse r = client.post("/admin/threads/1/close").header(HeaderNames.create("HX-Request"), "true")
                .submit("_csrf=x")) {
            assertEquals(401, r.status().code());
            assertEquals("/admin/login", r.headers().first(HeaderNames.create("HX-Redirect")).orElseThrow());
        }
    }

    @Test
    void theStreamWithoutASessionGetsABare401() {
        try (HttpClientResponse r = client.get("/admin/events").header(HeaderNames.create("HX-Request"), "true").request()) {
            assertEquals(401, r.status().code());
            assertTrue(r.headers().first(HeaderNames.create("HX-Redirect")).isEmpty());
            assertTrue(r.headers().first(HeaderNames.LOCATION).isEmpty());
        }
    }

    @Test
    void signingInAndOutAndOtherPathsAreOpen() {
        assertEquals("sign-in page", client.get("/admin/login").requestEntity(String.class));
        assertEquals("signed out", client.post("/admin/logout").submit("", String.class).entity());
        assertEquals("not an admin path", client.get("/administrator").requestEntity(String.class));
    }

    @Test
    void aRouteBehindTheFilterFindsTheSession() {
        String cookie;
        try (HttpClientResponse in = client.get("/test/sign-in").request()) {
            cookie = in.headers().first(HeaderNames.SET_COOKIE).orElseThrow().split(";", 2)[0];
        }
        try (HttpClientResponse panel = client.get("/admin").header(HeaderNames.COOKIE, cookie).request()) {
            assertEquals(200, panel.status().code());
            String body = panel.as(String.class);
            assertTrue(body.matches("csrf=.{20,}"), body);
        }
        assertEquals("closed", client.post("/admin/threads/1/close").header(HeaderNames.COOKIE, cookie).submit("", String.class).entity());
        try (HttpClientResponse unknown = client.get("/admin/no-such-page").header(HeaderNames.COOKIE, cookie).request()) {
            assertEquals(404, unknown.status().code(), "signed in, an unknown admin path is not found");
        }
    }
}
