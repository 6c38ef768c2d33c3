package sohbet.app;

import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import sohbet.desk.auth.AdminGuard;
import sohbet.desk.AdminRoutes;
import sohbet.desk.CannedReplies;
import sohbet.desk.DeskRoutes;
import sohbet.desk.auth.AdminSessions;
import sohbet.desk.AdminViews;
import sohbet.desk.auth.CodeSender;
import sohbet.desk.auth.Credentials;
import sohbet.desk.auth.LogCodeSender;
import sohbet.desk.auth.SignInCodes;
import sohbet.desk.auth.LoginGuard;
import sohbet.core.ChatService;
import sohbet.core.AwayMode;
import sohbet.visitor.ChatViews;
import sohbet.visitor.VisitorCookie;
import sohbet.visitor.VisitorRoutes;
import sohbet.live.Admission;
import sohbet.live.cluster.Cluster;
import sohbet.live.LiveHub;
import sohbet.live.SseStream;
import sohbet.media.storage.CloudinaryStorage;
import sohbet.media.ImageProcessor;
import sohbet.media.storage.LocalStorage;
import sohbet.media.MediaRoutes;
import sohbet.media.MediaService;
import sohbet.media.MediaStorage;
import sohbet.core.Presence;
import sohbet.store.AdminSessionStore;
import sohbet.store.Database;
import sohbet.store.Dialect;
import sohbet.store.DatabaseUrl;
import sohbet.store.MessageStore;
import sohbet.store.LoginCodeStore;
import sohbet.store.CannedReplyStore;
import sohbet.store.Migrations;
import sohbet.live.cluster.PgLeader;
import sohbet.store.ThreadStore;
import sohbet.telegram.TelegramBridge;
import sohbet.telegram.TelegramTiming;
import sohbet.web.Assets;
import sohbet.web.ClientAddress;
import sohbet.web.EmbedPolicy;
import sohbet.web.Errors;
import sohbet.web.RateLimits;
import sohbet.web.Ids;
import sohbet.web.SecurityHeaders;
import sohbet.web.Signer;
import sohbet.web.StalledRequests;
import sohbet.web.Templates;
import sohbet.web.TimeFormat;

/** The whole application, wired from one {@link AppConfig}; tests start it the same way Main does. */
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
    private final Database db;
    private final LiveHub hub;
    private final Presence presence;
    private final ChatService chat;
    private final Clock clock;
    private final Timing timing;
    private final Cluster cluster;
    private final Housekeeping housekeeping;
    private final AwayMode away;
    private final TelegramBridge telegram;
    private final MediaService media;
    private final sohbet.mail.EmailAnswers mail;
    private final String secretKey;
    private final StalledRequests stalled;
    private final EmbedPolicy embed;
    private final SecurityHeaders headers;
    private final sohbet.ops.Metrics metrics;
    private WebServer server;
    private volatile PgLeader leader;

    public Sohbet(AppConfig config, Clock clock, Timing timing) {
        this.config = config;
        this.clock = clock;
        this.timing = timing;
        this.db = config.databaseUrl()
                .map(url -> Database.postgres(DatabaseUrl.parse(url, config.production()), 8))
                .orElseGet(() -> Database.sqlite(config.sqlitePath()));
        if (db.dialect() == Dialect.POSTGRESQL) {
            reachable(db.postgresUrl());
        }
        Migrations.migrate(db);
        this.secretKey = SecretKey.resolve(config, db);
        this.stalled = new StalledRequests(timing.stalledRequest());
        this.hub = new LiveHub(timing.queueCapacity());
        this.presence = new Presence(timing.presenceGrace());
        presence.listener(new Presence.Listener() {
            @Override
            public void visitorChanged(long threadId, boolean online) {
                hub.visitorPresenceChanged(threadId, online);
                if (mail != null) {
                    mail.visitorPresence(threadId);
                }
            }

            @Override
            public void adminChanged(boolean online) {
                hub.adminPresenceChanged(online);
            }
        });
        MessageStore messages = new MessageStore(db);
        this.chat = new ChatService(db, new ThreadStore(db), messages, hub, clock);
        this.metrics = new sohbet.ops.Metrics(clock::instant);
        chat.listen(sohbet.core.MessageListener.afterCommit(metrics::stored));
        this.media = media(config, chat, messages);
        this.embed = new EmbedPolicy(config.embedOrigins());
        this.headers = new SecurityHeaders(config.production(), media.storage().contentHosts(), embed);
        this.away = new AwayMode(config.away().businessHours(), presence, new ThreadStore(db), clock, config.timezone(), config.away().message(),
                config.away().messageEn());
        if (config.away().reply()) {
            chat.listen(sohbet.core.MessageListener.afterCommit(m -> away.afterMessage(m, chat)));
        }
        this.mail = new sohbet.mail.EmailAnswers(new sohbet.mail.EmailAnswers.Settings(config.mail().smtp(), config.mail().from(),
                config.publicUrl(), config.siteName(), Duration.ofSeconds(config.mail().delaySeconds()),
                Duration.ofSeconds(config.mail().batchSeconds())), db, chat, presence::visitorOnline, new Signer(secretKey),
                config.production(), clock);
        chat.listen(mail.answers());
        this.housekeeping = new Housekeeping(new ThreadStore(db), new AdminSessionStore(db), clock,
                Housekeeping.Retention.of(config.retentionDays(), chat, refs -> refs.forEach(media::deleteFiles))).start();
        this.cluster = db.dialect() == Dialect.POSTGRESQL
                ? new Cluster(db, hub, presence, messages, clock, timing.clusterHeartbeat())
                : null;
        if (cluster != null) {
            chat.listen(cluster);
            presence.publisher(cluster::presenceChanged);
            hub.relay(cluster);
            cluster.start();
        }
        this.telegram = config.telegram().enabled()
                ? TelegramBridge.create(config.telegram().botToken().orElseThrow(), config.telegram().chatId().orElseThrow(),
                        config.telegram().apiUrl(), db, chat, media, new CannedReplies(new CannedReplyStore(db), clock), clock,
                        config.timezone(), timing.telegram(), config.telegram().topics(), config.telegram().adminIds())
                : null;
        if (telegram != null) {
            chat.listen(telegram.forwards());
        }
        sohbet.store.TelegramOutboxStore outbox = new sohbet.store.TelegramOutboxStore(db);
        metrics.outbox(new sohbet.ops.Metrics.Outbox() {
            @Override
            public long pending() {
                return outbox.pendingCount();
            }

            @Override
            public java.time.Instant oldestPending() {
                return outbox.oldestPending().orElse(null);
            }
        });
        metrics.telegramState(() -> botState().state());
    }

    public void routing(HttpRouting.Builder routing) {
        Templates templates = new Templates();
        RateLimits limits = new RateLimits(config.limits(), clock, metrics::refused);
        Assets assets = Assets.standard();
        Signer signer = new Signer(secretKey);
        boolean secure = config.production();
        ThreadStore threads = new ThreadStore(db);
        ChatViews views = new ChatViews(templates, new TimeFormat(config.timezone(), clock), media::view);
        SseStream streams = new SseStream(hub, timing.heartbeat(), metrics.streams());
        Credentials credentials = config.admin().passwordHash()
                .map(hash -> Credentials.hashed(config.admin().username(), hash))
                .orElseGet(() -> Credentials.plain(config.admin().username(), config.admin().password()));
        AdminSessions sessions = new AdminSessions(new AdminSessionStore(db), clock, secure, credentials.tag());
        SignInCodes codes = new SignInCodes(new LoginCodeStore(db), codeSender(), signer, clock);
        AdminViews adminViews = new AdminViews(threads, chat, views, presence, templates, this::botBanner);
        Health health = new Health(db, hub, this::botState);

        routing.addFilter(headers::filter);
        routing.addFilter(stalled::filter);
        new Errors(templates, assets, config.media().maxUploadMb()).register(routing);
        routing.get(Ids.ROUTE_HEALTH, health::handle);
        new sohbet.ops.MetricsRoute(metrics, config.metricsToken(), req -> sessions.current(req).isPresent()).register(routing);
        assets.register(routing);
        ClientAddress addresses = new ClientAddress(config.trustProxy());
        routing.register(new VisitorRoutes(chat, views, new VisitorCookie(signer, secure), hub, streams, presence, templates, assets,
                limits, addresses, Admission.forThisJvm(config.maxStreams()), away).privacyUrl(config.privacyUrl().orElse(null))
                .embedding(embed));
        routing.register(new sohbet.visitor.VisitorDelete(chat, new VisitorCookie(signer, secure), templates, assets,
                refs -> refs.forEach(media::deleteFiles)));
        CannedReplies canned = new CannedReplies(new CannedReplyStore(db), clock);
        DeskRoutes desk = new DeskRoutes(new AdminGuard(sessions, chat), chat, canned, templates, assets, views.time());
        desk.mediaRemover(refs -> refs.forEach(media::deleteFiles));
        routing.register(desk);
        routing.register(new AdminRoutes(sessions, codes, config.admin().otp(), addresses, credentials,
                new LoginGuard(clock), signer, chat, views, adminViews, hub, streams, presence, templates, assets, secure, canned));
        VisitorCookie mailCookie = new VisitorCookie(signer, secure);
        routing.addFilter((chain, req, res) -> mail.filter(chain, req, res, mailCookie));
        routing.register(mail.routes(chat, mailCookie, templates, assets));
        routing.register(new MediaRoutes(media, chat, views, new VisitorCookie(signer, secure), sessions, templates, assets,
                threadId -> limits.allow(limits.rules().uploadsPerVisitor(), Long.toString(threadId))));
    }

    /** Uploads on local disk under UPLOAD_DIR, or on Cloudinary when it is configured (spooling stays local). */
    private static MediaService media(AppConfig config, ChatService chat, MessageStore messages) {
        LocalStorage local = new LocalStorage(config.media().uploadDir());
        local.sweepTmp(Duration.ofHours(1));
        ImageProcessor images = ImageProcessor.standard();
        MediaStorage storage = config.media().cloudinary()
                .<MediaStorage>map(c -> new CloudinaryStorage(c.cloudName(), c.apiKey(), c.apiSecret(), c.uploadPrefix(), local,
                        images.previewSide()))
                .orElse(local);
        LOG.info(() -> "Media stored " + (storage == local ? "on local disk under " + local.root() : "on Cloudinary"));
        return new MediaService(chat, messages, storage, images, MediaService.Limits.of(config.media().maxUploadMb()), local.tmpDir());
    }

    /** Where sign-in codes go: the admin's Telegram chat when the bot is configured, else the log (development). */
    private CodeSender codeSender() {
        if (!config.admin().otp()) {
            LOG.warning("ADMIN_OTP=off: the admin signs in with the password alone");
        }
        if (telegram == null) {
            return new LogCodeSender();
        }
        return new CodeSender() {
            @Override
            public boolean send(String text) {
                return false;
            }

            @Override
            public boolean send(String attempt, String text) {
                return telegram.sendSignInCode(attempt, text);
            }

            @Override
            public boolean delivers() {
                return true;
            }
        };
    }

    /** The panel's one-line warning while the bot cannot do its job (Telegram refuses it, or a polling conflict); else null. */
    private String botBanner(sohbet.web.I18n t) {
        TelegramBridge.Status s = botState();
        return s.reason() == null ? null : t.t("bot." + s.state(), s.reason());
    }

    /** For /health and the panel: OFF without a token, else what {@link TelegramBridge#status()} says. */
    private TelegramBridge.Status botState() {
        return telegram == null ? TelegramBridge.Status.OFF : telegram.status();
    }

    /** One connection outside the pool: a wrong address fails at once with the driver's own reason, not the pool's timeout. */
    private static void reachable(DatabaseUrl url) {
        try (java.sql.Connection ignored = url.connectDirect("sohbet-start")) {
            LOG.fine("database reachable");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot connect to the database", e);
        }
    }

    public Sohbet start() {
        // Helidon reports a listener that cannot bind with a logged stack trace and goes on; hold that
        // report back and fail the start instead, so the process exits with an error and one clear line.
        java.util.logging.Logger serverLog = java.util.logging.Logger.getLogger("io.helidon.webserver.LoomServer");
        java.util.concurrent.atomic.AtomicReference<Throwable> bindFailure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.logging.Filter previous = serverLog.getFilter();
        serverLog.setFilter(r -> {
            if (r.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
                if (r.getThrown() != null) {
                    bindFailure.compareAndSet(null, r.getThrown());
                }
                return config.debug();
            }
            return previous == null || previous.isLoggable(r);
        });
        try {
            startServer();
        } finally {
            serverLog.setFilter(previous);
        }
        if (!server.isRunning() || server.port() < 0) {
            throw new IllegalStateException("The web server did not start", bindFailure.get());
        }
        LOG.info(() -> "Mode: " + (config.production() ? "production" : "development") + " (" + config.modeReason() + ")");
        return startRest();
    }

    private void startServer() {
        sohbet.web.UnreadableRequestLine unreadable = new sohbet.web.UnreadableRequestLine();
        io.helidon.http.DirectHandler plain = io.helidon.http.DirectHandler.defaultHandler();
        server = WebServer.builder()
                // Main's shutdown hook stops the server itself, in order (see close()); Helidon's own hook would race it.
                .shutdownHook(false)
                // On stop, requests already being handled get this long to commit and answer.
                .shutdownGracePeriod(SHUTDOWN_GRACE)
                .port(config.port())
                .host("0.0.0.0")
                // A body far over the upload limit is cut off before it is read (with an empty 413); up to
                // twice the limit the routes answer themselves, with a message saying what the limit is.
                .maxPayloadSize((2L * config.media().maxUploadMb() + 1) * 1024 * 1024)
                // A connection waiting for its next request, or for the rest of its request line, is closed
                // after the stall timeout; headers and bodies are timed by StalledRequests.
                .idleConnectionTimeout(stalled.timeout())
                .idleConnectionPeriod(stalled.timeout().dividedBy(6))
                // HTTP/1.1 only, configured here so it can report each request line and header block; with the
                // discovered default as a second candidate, Helidon would no longer answer HTTP/1.0 with its 505.
                .protocolsDiscoverServices(false)
                // Named as Helidon names its own HTTP/1.1 settings: under another name HTTP/1.0 goes unanswered.
                .addProtocol(Http1Config.builder().name("http_1_1")
                        .addReceiveListener(sohbet.web.Http1Listeners.of(stalled, unreadable.lineListener()))
                        .addSendListener(unreadable.answerListener())
                        .build())
                .directHandlers(headers.directHandlers(type -> type == io.helidon.http.DirectHandler.EventType.INTERNAL_ERROR
                        ? unreadable.internalError(plain) : plain))
                .routing(this::routing)
                .build()
                .start();
    }

    private Sohbet startRest() {
        if (telegram != null) {
            if (db.dialect() == Dialect.POSTGRESQL) {
                // Several instances may share this database; only the elected one polls and forwards.
                leader = new PgLeader(db.postgresUrl(), new PgLeader.Duty() {
                    @Override
                    public void start() {
                        telegram.start();
                    }

                    @Override
                    public void stop() {
                        telegram.stop();
                    }
                }, timing.clusterHeartbeat()).start();
            } else {
                telegram.start();
            }
        }
        mail.start();
        LOG.info(() -> "Sohbet listening on http://localhost:" + server.port() + " (bot " + (config.telegram().enabled() ? "on" : "off: no TELEGRAM_BOT_TOKEN/TELEGRAM_CHAT_ID") + ")");
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

    /** Uploads: keeping files, posting media messages, deleting a thread's files. */
    public MediaService media() {
        return media;
    }

    public Database database() {
        return db;
    }

    /**
     * The stop a redeploy's SIGTERM runs: the bot finishes its current update and stops polling; every
     * open stream ends (browsers reconnect, to the new instance); the server stops accepting and gives
     * requests in flight {@link #SHUTDOWN_GRACE} to commit and answer; only then the database closes.
     */
    @Override
    public void close() {
        long began = System.nanoTime();
        if (leader != null) {
            leader.close();
        }
        if (telegram != null) {
            telegram.close();
        }
        mail.close();
        hub.close();
        if (server != null) {
            server.stop();
        }
        stalled.close();
        presence.close();
        housekeeping.close();
        if (cluster != null) {
            cluster.close();
        }
        db.close();
        LOG.info(() -> "Stopped in " + Duration.ofNanos(System.nanoTime() - began).toMillis() + " ms");
    }
}
