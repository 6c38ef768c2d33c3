package sohbet.app;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.http.DirectHandler;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import sohbet.core.ChatService;
import sohbet.live.LiveHub;
import sohbet.media.MediaService;
import sohbet.store.Database;
import sohbet.store.DatabaseUrl;
import sohbet.store.Dialect;
import sohbet.store.Migrations;
import sohbet.telegram.TelegramTiming;
import sohbet.web.Http1Listeners;
import sohbet.web.UnreadableRequestLine;

/**
 * The application's life: {@link #start()} opens and migrates the database, wires the parts
 * ({@link Parts}, {@link Routes}), starts the web server and then the background work; {@link #close()}
 * stops them in order. Tests start it the same way Main does, or mount {@link #routing} on a test server.
 */
public final class Sohbet implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Sohbet.class.getName());

    /** Tunables that tests shorten; production uses {@link #defaults()}. */
    public record Timing(Duration heartbeat, Duration presenceGrace, int queueCapacity, Duration clusterHeartbeat,
                         TelegramTiming telegram, Duration stalledRequest) {
        /** A request whose headers or body stop arriving for this long is cut; well above the SSE heartbeat. */
        public static final Duration STALLED_REQUEST = Duration.ofSeconds(30);

        public Timing(Duration heartbeat, Duration presenceGrace, int queueCapacity, Duration clusterHeartbeat,
                      TelegramTiming telegram) {
            this(heartbeat, presenceGrace, queueCapacity, clusterHeartbeat, telegram, STALLED_REQUEST);
        }

        public Timing(Duration heartbeat, Duration presenceGrace, int queueCapacity) {
            this(heartbeat, presenceGrace, queueCapacity, Duration.ofSeconds(5));
        }

        public Timing(Duration heartbeat, Duration presenceGrace, int queueCapacity, Duration clusterHeartbeat) {
            this(heartbeat, presenceGrace, queueCapacity, clusterHeartbeat, TelegramTiming.defaults());
        }

        public Timing withTelegram(TelegramTiming telegram) {
            return new Timing(heartbeat, presenceGrace, queueCapacity, clusterHeartbeat, telegram, stalledRequest);
        }

        public Timing withStalledRequest(Duration stalledRequest) {
            return new Timing(heartbeat, presenceGrace, queueCapacity, clusterHeartbeat, telegram, stalledRequest);
        }

        public static Timing defaults() {
            // A closed tab is noticed on the next write: a 10 s heartbeat shows a visitor offline within ~15 s.
            return new Timing(Duration.ofSeconds(10), Duration.ofSeconds(5), 256, Duration.ofSeconds(5));
        }
    }

    /** How long a stop waits for requests in flight; with the rest of the stop, well inside a host's 10 s notice. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final AppConfig config;
    private final Clock clock;
    private final Timing timing;
    private Parts parts;
    private WebServer server;

    public Sohbet(AppConfig config, Clock clock, Timing timing) {
        this.config = config;
        this.clock = clock;
        this.timing = timing;
    }

    /** Opens the database (migrated, the secret key resolved) and wires everything, once. */
    private synchronized Parts parts() {
        if (parts == null) {
            Database db = config.databaseUrl()
                    .map(url -> Database.postgres(DatabaseUrl.parse(url, config.production()), 8))
                    .orElseGet(() -> Database.sqlite(config.sqlitePath()));
            try {
                if (db.dialect() == Dialect.POSTGRESQL) {
                    reachable(db.postgresUrl());
                }
                Migrations.migrate(db);
                parts = new Parts(config, clock, timing, db, SecretKey.resolve(config, db));
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
        }
        return parts;
    }

    /**
     * Mounts the application's routes on {@code routing}: the one {@link #start()} builds, or a test server's
     * (which then runs without the background work: timers, the cluster link, the bot, the mail sender).
     */
    public void routing(HttpRouting.Builder routing) {
        Routes.register(parts(), routing);
    }

    /** One connection outside the pool: a wrong address fails at once with the driver's own reason, not the pool's timeout. */
    private static void reachable(DatabaseUrl url) {
        try (java.sql.Connection ignored = url.connectDirect("sohbet-start")) {
            LOG.fine("database reachable");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot connect to the database", e);
        }
    }

    /** Starts everything; a start that fails stops what it had started and rethrows. */
    public Sohbet start() {
        try {
            return startAll();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private Sohbet startAll() {
        Parts p = parts();
        // Helidon reports a listener that cannot bind with a logged stack trace and goes on; hold that
        // report back and fail the start instead, so the process exits with an error and one clear line.
        Logger serverLog = Logger.getLogger("io.helidon.webserver.LoomServer");
        AtomicReference<Throwable> bindFailure = new AtomicReference<>();
        java.util.logging.Filter previous = serverLog.getFilter();
        serverLog.setFilter(r -> {
            if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
                if (r.getThrown() != null) {
                    bindFailure.compareAndSet(null, r.getThrown());
                }
                return config.debug();
            }
            return previous == null || previous.isLoggable(r);
        });
        try {
            startServer(p);
        } finally {
            serverLog.setFilter(previous);
        }
        if (!server.isRunning() || server.port() < 0) {
            throw new IllegalStateException("The web server did not start", bindFailure.get());
        }
        // Only once the port is ours: a second instance that cannot bind must not start polling the bot.
        p.startBackground();
        LOG.info(() -> "Mode: " + (config.production() ? "production" : "development") + " (" + config.modeReason() + ")");
        LOG.info(() -> "Sohbet listening on http://localhost:" + server.port() + " (bot " + (config.telegram().enabled() ? "on" : "off: no TELEGRAM_BOT_TOKEN/TELEGRAM_CHAT_ID") + ")");
        return this;
    }

    private void startServer(Parts p) {
        UnreadableRequestLine unreadable = new UnreadableRequestLine();
        DirectHandler plain = DirectHandler.defaultHandler();
        server = WebServer.builder()
                // Main's shutdown hook stops the server itself, in order (see close()); Helidon's own hook would race it.
                .shutdownHook(false)
                // On stop, requests already being handled get this long to commit and answer.
                .shutdownGracePeriod(SHUTDOWN_GRACE)
                .port(config.port())
                .host("0.0.0.0")
                // Memory per open stream decides how many chats one box holds: blocking sockets and a small write
                // buffer cut it from about 36 KB to about 26 KB of heap each (bench/README.md, docs/decisions.md).
                .useNio(false)
                .writeBufferSize(512)
                // A body far over the upload limit is cut off before it is read (with an empty 413); up to
                // twice the limit the routes answer themselves, with a message saying what the limit is.
                .maxPayloadSize((2L * config.media().maxUploadMb() + 1) * 1024 * 1024)
                // A connection waiting for its next request, or for the rest of its request line, is closed
                // after the stall timeout; headers and bodies are timed by StalledRequests.
                .idleConnectionTimeout(p.stalled.timeout())
                .idleConnectionPeriod(p.stalled.timeout().dividedBy(6))
                // HTTP/1.1 only, configured here so it can report each request line and header block; with the
                // discovered default as a second candidate, Helidon would no longer answer HTTP/1.0 with its 505.
                .protocolsDiscoverServices(false)
                // Named as Helidon names its own HTTP/1.1 settings: under another name HTTP/1.0 goes unanswered.
                .addProtocol(Http1Config.builder().name("http_1_1")
                        .addReceiveListener(Http1Listeners.of(p.stalled, unreadable.lineListener()))
                        .addSendListener(unreadable.answerListener())
                        .build())
                .directHandlers(p.headers.directHandlers(type -> type == DirectHandler.EventType.INTERNAL_ERROR
                        ? unreadable.internalError(plain) : plain))
                .routing(this::routing)
                .build()
                .start();
    }

    public int port() {
        return server.port();
    }

    // In-process tests seed and observe through the same service every door uses (docs/decisions.md, "Test access").
    public ChatService chat() {
        return parts().chat;
    }

    public LiveHub hub() {
        return parts().hub;
    }

    /** Uploads: keeping files, posting media messages, deleting a thread's files. */
    public MediaService media() {
        return parts().media;
    }

    public Database database() {
        return parts().db;
    }

    /**
     * The stop a redeploy's SIGTERM runs: the bot finishes its current update and stops polling; every
     * open stream ends (browsers reconnect, to the new instance); the server stops accepting and gives
     * requests in flight {@link #SHUTDOWN_GRACE} to commit and answer; only then the database closes.
     */
    @Override
    public void close() {
        long began = System.nanoTime();
        if (parts != null) {
            parts.closeTalkers();
        }
        if (server != null) {
            server.stop();
        }
        if (parts != null) {
            parts.close();
        }
        LOG.info(() -> "Stopped in " + Duration.ofNanos(System.nanoTime() - began).toMillis() + " ms");
    }
}
