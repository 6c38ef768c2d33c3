package sohbet.browser;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import sohbet.app.AppConfig;
import sohbet.app.Sohbet;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

/** The real application on a free port, on a fresh SQLite file, with short heartbeat and presence grace. */
final class RunningApp implements AutoCloseable {
    static final String ADMIN = "admin";
    static final String PASSWORD = "test-password";

    private final TestDatabase db;
    private final Sohbet app;

    private RunningApp(TestDatabase db, Sohbet app) {
        this.db = db;
        this.app = app;
    }

    static RunningApp start() {
        return start(java.util.Map.of());
    }

    /** The same with more settings (EMBED_ORIGINS, say). */
    static RunningApp start(java.util.Map<String, String> settings) {
        TestDatabase db = TestDatabase.create(TestDatabase.Kind.SQLITE);
        try {
            java.util.Map<String, String> env = new java.util.HashMap<>(db.env());
            env.putAll(settings);
            Sohbet app = new Sohbet(AppConfig.from(env), Clock.systemUTC(),
                    new Sohbet.Timing(Duration.ofSeconds(2), Duration.ofMillis(500), 64)).start();
            return new RunningApp(db, app);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    Sohbet app() {
        return app;
    }

    int port() {
        return app.port();
    }

    String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    /** A signed-in admin speaking plain HTTP straight to the app (not through any browser). */
    AdminClient adminClient() {
        Web web = new Web(URI.create(url("/")));
        String csrf = web.signIn(ADMIN, PASSWORD);
        return new AdminClient(web, csrf);
    }

    record AdminClient(Web web, String csrf) {
        void reply(long threadId, String text) {
            var res = web.post("/admin/threads/" + threadId + "/messages", Web.form("_csrf", csrf, "body", text,
                    "client_id", java.util.UUID.randomUUID().toString()));
            if (res.statusCode() != 303) {
                throw new AssertionError("admin reply refused: " + res.statusCode() + " " + res.body());
            }
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
