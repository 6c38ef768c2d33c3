package sohbet.desk.auth;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;

import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sohbet.store.AdminSessionStore;
import sohbet.store.Database;
import sohbet.store.Migrations;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin filter mounted alone in front of stand-in routes: how each kind of request without a
 * session is refused, which admin paths stay open, and that a route behind it finds the session.
 */
class AdminFilterTest {
    private static TestDatabase tdb;
    private static Database db;
    private static WebServer server;
    private static URI base;

    @BeforeAll
    static void start() {
        tdb = TestDatabase.create(TestDatabase.Kind.SQLITE);
        db = Database.sqlite(tdb.folder().resolve("filter.db"));
        Migrations.migrate(db);
        AdminSessions sessions = new AdminSessions(new AdminSessionStore(db), Clock.systemUTC(), false, "tag");
        server = WebServer.builder().port(0).host("127.0.0.1").routing(r -> r
                .addFilter(new AdminFilter(sessions))
                .get("/test/sign-in", (req, res) -> {
                    sessions.start(res);
                    res.send("in");
                })
                .get("/admin", (req, res) -> res.send("csrf=" + AdminFilter.session(req).csrf()))
                .post("/admin/threads/{id}/close", (req, res) -> res.send("closed"))
                .get("/admin/events", (req, res) -> res.send("stream"))
                .get("/admin/login", (req, res) -> res.send("sign-in page"))
                .post("/admin/logout", (req, res) -> res.send("signed out"))
                .get("/administrator", (req, res) -> res.send("not an admin path")))
                .build().start();
        base = URI.create("http://127.0.0.1:" + server.port());
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        db.close();
        tdb.close();
    }

    @Test
    void aPageOrAFormPostWithoutASessionGoesToTheSignInPage() {
        Web w = new Web(base);
        for (HttpResponse<String> r : java.util.List.of(w.get("/admin"), w.post("/admin/threads/1/close", Web.form("_csrf", "x")),
                w.get("/admin/no-such-page"))) {
            assertEquals(303, r.statusCode(), r.uri().toString());
            assertEquals("/admin/login", r.headers().firstValue("Location").orElseThrow());
        }
    }

    @Test
    void htmxWithoutASessionGets401AndIsToldWhereToGo() {
        HttpResponse<String> r = new Web(base).htmxPost("/admin/threads/1/close", Web.form("_csrf", "x"));
        assertEquals(401, r.statusCode());
        assertEquals("/admin/login", r.headers().firstValue("HX-Redirect").orElseThrow());
    }

    @Test
    void theStreamWithoutASessionGetsABare401() {
        HttpResponse<String> r = new Web(base).get("/admin/events", "HX-Request", "true");
        assertEquals(401, r.statusCode());
        assertTrue(r.headers().firstValue("HX-Redirect").isEmpty());
        assertTrue(r.headers().firstValue("Location").isEmpty());
    }

    @Test
    void signingInAndOutAndOtherPathsAreOpen() {
        Web w = new Web(base);
        assertEquals("sign-in page", w.get("/admin/login").body());
        assertEquals("signed out", w.post("/admin/logout", Web.form()).body());
        assertEquals("not an admin path", w.get("/administrator").body());
    }

    @Test
    void aRouteBehindTheFilterFindsTheSession() {
        Web w = new Web(base);
        w.get("/test/sign-in");
        HttpResponse<String> panel = w.get("/admin");
        assertEquals(200, panel.statusCode());
        assertTrue(panel.body().matches("csrf=.{20,}"), panel.body());
        assertEquals("closed", w.post("/admin/threads/1/close", Web.form()).body());
        assertEquals(404, w.get("/admin/no-such-page").statusCode(), "signed in, an unknown admin path is not found");
    }
}
