package sohbet.browser;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import sohbet.app.AppConfig;
import sohbet.app.Sohbet;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

/** The real application on a free port, on a fresh SQLite file, with short heartbeat and presence grace. */
record RunningApp(TestDatabase db, Sohbet app) implements AutoCloseable {
    static final String ADMIN = "admin";
    static final String PASSWORD = "test-password";

    /** With more settings (EMBED_ORIGINS, say) than the database's. */
    static RunningApp start(Map<String, String> settings) {
        TestDatabase db = TestDatabase.create(TestDatabase.Kind.SQLITE);
        try {
            Map<String, String> env = new HashMap<>(db.env());
            env.putAll(settings);
            Sohbet app = new Sohbet(AppConfig.from(env), Clock.systemUTC(),
                    new Sohbet.Timing(Duration.ofSeconds(2), Duration.ofMillis(500), 64)).start();
            return new RunningApp(db, app);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    /** A brand-new visitor speaking plain HTTP straight to the app, its conversation started. */
    Web newVisitorHttp() {
        Web web = new Web(URI.create(url("/")));
        web.get("/");
        return web;
    }

    /** The visitor a browser is, speaking plain HTTP straight to the app (to write while its page looks on). */
    Web visitorHttp(Chrome as) {
        Web web = new Web(URI.create(url("/")));
        web.setCookie("sohbet_visitor", Ui.visitorCookie(as));
        return web;
    }

    /** A visitor's message, sent by plain HTTP. */
    static void say(Web visitor, String text) {
        redirected(visitor.post("/messages", Web.form("body", text, "client_id", UUID.randomUUID().toString())), "message");
    }

    private static void redirected(HttpResponse<String> res, String what) {
        if (res.statusCode() != 303) {
            throw new AssertionError(what + " refused: " + res.statusCode() + " " + res.body());
        }
    }

    /** A signed-in admin speaking plain HTTP straight to the app (not through any browser). */
    AdminClient adminClient() {
        Web web = new Web(URI.create(url("/")));
        String csrf = web.signIn(ADMIN, PASSWORD);
        return new AdminClient(web, csrf);
    }

    record AdminClient(Web web, String csrf) {
        void reply(long threadId, String text) {
            redirected(web.post("/admin/threads/" + threadId + "/messages", Web.form("_csrf", csrf, "body", text,
                    "client_id", UUID.randomUUID().toString())), "admin reply");
        }
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            db.close();
        }
    }
}
