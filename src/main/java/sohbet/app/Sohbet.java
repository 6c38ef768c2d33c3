package sohbet.app;

import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import sohbet.admin.AdminRoutes;
import sohbet.admin.AdminSessions;
import sohbet.admin.AdminViews;
import sohbet.admin.Credentials;
import sohbet.admin.LoginGuard;
import sohbet.chat.ChatService;
import sohbet.chat.ChatViews;
import sohbet.chat.VisitorCookie;
import sohbet.chat.VisitorRoutes;
import sohbet.live.Cluster;
import sohbet.live.LiveHub;
import sohbet.live.SseStream;
import sohbet.presence.Presence;
import sohbet.store.AdminSessionStore;
import sohbet.store.Database;
import sohbet.store.Dialect;
import sohbet.store.DatabaseUrl;
import sohbet.store.MessageStore;
import sohbet.store.Migrations;
import sohbet.store.ThreadStore;
import sohbet.web.Assets;
import sohbet.web.Errors;
import sohbet.web.Ids;
import sohbet.web.SecurityHeaders;
import sohbet.web.Signer;
import sohbet.web.Templates;
import sohbet.web.TimeFormat;

/** The whole application, wired from one {@link AppConfig}; tests start it the same way Main does. */
public final class Sohbet implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Sohbet.class.getName());

    /** Tunables that tests shorten; production uses {@link #defaults()}. */
    public record Timing(Duration heartbeat, Duration presenceGrace, int queueCapacity, Duration clusterHeartbeat) {
        public Timing(Duration heartbeat, Duration presenceGrace, int queueCapacity) {
            this(heartbeat, presenceGrace, queueCapacity, Duration.ofSeconds(5));
        }

        public static Timing defaults() {
            return new Timing(Duration.ofSeconds(15), Duration.ofSeconds(5), 256, Duration.ofSeconds(5));
        }
    }

    private final AppConfig config;
    private final Database db;
    private final LiveHub hub;
    private final Presence presence;
    private final ChatService chat;
    private final Clock clock;
    private final Timing timing;
    private final Cluster cluster;
    private final Housekeeping housekeeping;
    private WebServer server;

    public Sohbet(AppConfig config, Clock clock, Timing timing) {
        this.config = config;
        this.clock = clock;
        this.timing = timing;
        this.db = config.databaseUrl()
                .map(url -> Database.postgres(DatabaseUrl.parse(url, config.production()), 8))
                .orElseGet(() -> Database.sqlite(config.sqlitePath()));
        Migrations.migrate(db);
        this.hub = new LiveHub(timing.queueCapacity());
        this.presence = new Presence(timing.presenceGrace());
        presence.listener(new Presence.Listener() {
            @Override
            public void visitorChanged(long threadId, boolean online) {
                hub.visitorPresenceChanged(threadId, online);
            }

            @Override
            public void adminChanged(boolean online) {
                hub.adminPresenceChanged(online);
            }
        });
        MessageStore messages = new MessageStore(db);
        this.chat = new ChatService(db, new ThreadStore(db), messages, hub, clock);
        this.housekeeping = new Housekeeping(new ThreadStore(db), new AdminSessionStore(db), clock).start();
        this.cluster = db.dialect() == Dialect.POSTGRESQL
                ? new Cluster(db, hub, presence, messages, clock, timing.clusterHeartbeat()).start()
                : null;
    }

    public void routing(HttpRouting.Builder routing) {
        Templates templates = new Templates();
        Assets assets = Assets.standard();
        Signer signer = new Signer(config.secretKey());
        boolean secure = config.production();
        ThreadStore threads = new ThreadStore(db);
        ChatViews views = new ChatViews(templates, new TimeFormat(config.timezone(), clock));
        SseStream streams = new SseStream(hub, timing.heartbeat());
        AdminSessions sessions = new AdminSessions(new AdminSessionStore(db), clock, secure);
        AdminViews adminViews = new AdminViews(threads, chat, views, presence, templates);
        SecurityHeaders headers = new SecurityHeaders(config.production());
        Health health = new Health(db, hub, config.telegramEnabled() ? "ON" : "OFF");

        routing.addFilter(headers::filter);
        new Errors(templates, assets).register(routing);
        routing.get(Ids.ROUTE_HEALTH, health::handle);
        assets.register(routing);
        routing.register(new VisitorRoutes(chat, views, new VisitorCookie(signer, secure), hub, streams, presence, templates, assets));
        routing.register(new AdminRoutes(sessions, new Credentials(config.adminUsername(), config.adminPassword()), new LoginGuard(),
                signer, chat, views, adminViews, hub, streams, presence, templates, assets, secure));
    }

    public Sohbet start() {
        server = WebServer.builder()
                .port(config.port())
                .host("0.0.0.0")
                .routing(this::routing)
                .build()
                .start();
        LOG.info(() -> "Sohbet listening on http://localhost:" + server.port() + " (bot " + (config.telegramEnabled() ? "on" : "off: no TELEGRAM_BOT_TOKEN/TELEGRAM_CHAT_ID") + ")");
        return this;
    }

    public int port() {
        return server.port();
    }

    public ChatService chat() {
        return chat;
    }

    public LiveHub hub() {
        return hub;
    }

    public Database database() {
        return db;
    }

    @Override
    public void close() {
        hub.close();
        if (server != null) {
            server.stop();
        }
        presence.close();
        housekeeping.close();
        if (cluster != null) {
            cluster.close();
        }
        db.close();
    }
}
