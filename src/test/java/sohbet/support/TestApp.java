package sohbet.support;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.helidon.webserver.http.HttpRouting;
import sohbet.app.AppConfig;
import sohbet.app.Sohbet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The app on a fresh {@link TestDatabase}, its environment changed by name, value pairs: started on a
 * free port (several instances may share the database) or served on a test server's routing. Closing
 * stops every instance, then drops the database.
 */
public final class TestApp implements AutoCloseable {
    /** A 300 ms heartbeat and presence grace: streams and presence settle well within a test's wait. */
    public static final Sohbet.Timing FAST = new Sohbet.Timing(Duration.ofMillis(300), Duration.ofMillis(300), 64);

    public final TestDatabase database;
    public final Map<String, String> env;
    private final List<Sohbet> running = new CopyOnWriteArrayList<>();

    public TestApp(TestDatabase.Kind kind, String... pairs) {
        database = TestDatabase.create(kind);
        env = new HashMap<>(database.env());
        set(pairs);
    }

    public TestApp set(String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return this;
    }

    public Sohbet start() {
        return start(Clock.systemUTC(), FAST);
    }

    public Sohbet start(Clock clock, Sohbet.Timing timing) {
        Sohbet app = new Sohbet(AppConfig.from(env), clock, timing);
        running.add(app);
        return app.start();
    }

    /** The routes on a {@code @ServerTest}'s server, which runs no background work. */
    public Sohbet route(HttpRouting.Builder routing) {
        Sohbet app = new Sohbet(AppConfig.from(env), Clock.systemUTC(), FAST);
        running.add(app);
        app.routing(routing);
        return app;
    }

    /** Stops one instance before the rest, as a crash or a redeploy would. */
    public void stop(Sohbet app) {
        running.remove(app);
        app.close();
    }

    public static URI uri(Sohbet app) {
        return URI.create("http://127.0.0.1:" + app.port());
    }

    /** A visitor who opened the chat page: it has a conversation and its cookie. */
    public static Web visitor(URI base) {
        Web w = new Web(base);
        assertEquals(200, w.get("/").statusCode());
        return w;
    }

    /** The admin, signed in through the real form. */
    public static Web admin(URI base) {
        Web w = new Web(base);
        w.signIn("admin", "test-password");
        return w;
    }

    @Override
    public void close() {
        running.forEach(Sohbet::close);
        database.close();
    }
}
