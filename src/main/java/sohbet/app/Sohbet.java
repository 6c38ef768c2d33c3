package sohbet.app;

import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import sohbet.admin.AdminGuard;
import sohbet.admin.AdminRoutes;
import sohbet.admin.CannedReplies;
import sohbet.admin.DeskRoutes;
import sohbet.admin.AdminSessions;
import sohbet.admin.AdminViews;
import sohbet.admin.CodeSender;
import sohbet.admin.Credentials;
import sohbet.admin.LogCodeSender;
import sohbet.admin.SignInCodes;
import sohbet.admin.LoginGuard;
import sohbet.chat.ChatService;
import sohbet.chat.AwayMode;
import sohbet.chat.ChatViews;
import sohbet.chat.VisitorCookie;
import sohbet.chat.VisitorRoutes;
import sohbet.live.Cluster;
import sohbet.live.LiveHub;
import sohbet.live.SseStream;
import sohbet.media.CloudinaryStorage;
import sohbet.media.ImageProcessor;
import sohbet.media.LocalStorage;
import sohbet.media.MediaRoutes;
import sohbet.media.MediaService;
import sohbet.media.MediaStorage;
import sohbet.presence.Presence;
import sohbet.store.AdminSessionStore;
import sohbet.store.Database;
import sohbet.store.Dialect;
import sohbet.store.DatabaseUrl;
import sohbet.store.MessageStore;
import sohbet.store.LoginCodeStore;
import sohbet.store.CannedReplyStore;
import sohbet.store.Migrations;
import sohbet.store.PgLeader;
import sohbet.store.ThreadStore;
import sohbet.telegram.TelegramBridge;
import sohbet.telegram.TelegramTiming;
import sohbet.web.Assets;
import sohbet.web.ClientAddress;
import sohbet.web.Errors;
import sohbet.web.RateLimits;
import sohbet.web.Ids;
import sohbet.web.SecurityHeaders;
import sohbet.web.Signer;
import sohbet.web.Templates;
import sohbet.web.TimeFormat;

/** The whole application, wired from one {@link AppConfig}; tests start it the same way Main does. */
public final class Sohbet implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Sohbet.class.getName());

    /** Tunables that tests shorten; production uses {@link #defaults()}. */
    public record Timing(Duration heartbeat, Duration presenceGrace, int queueCapacity, Duration clusterHeartbeat,
                         TelegramTiming telegram) {
        public Timing(Duration heartbeat, Duration presenceGrace, int queueCapacity) {
            this(heartbeat, presenceGrace, queueCapacity, Duration.ofSeconds(5));
        }

        public Timing(Duration heartbeat, Duration presenceGrace, int queueCapacity, Duration clusterHeartbeat) {
            this(heartbeat, presenceGrace, queueCapacity, clusterHeartbeat, TelegramTiming.defaults());
        }

        public Timing withTelegram(TelegramTiming telegram) {
            return new Timing(heartbeat, presenceGrace, queueCapacity, clusterHeartbeat, telegram);
        }

        public static Timing defaults() {
            // A closed tab is noticed on the next write: a 10 s heartbeat shows a visitor offline within ~15 s.
            return new Timing(Duration.ofSeconds(10), Duration.ofSeconds(5), 256, Duration.ofSeconds(5));
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
    private final AwayMode away;
    private final TelegramBridge telegram;
    private final MediaService media;
    private WebServer server;
    private volatile PgLeader leader;

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
        this.media = media(config, chat, messages);
        this.away = new AwayMode(config.businessHours(), presence, new ThreadStore(db), clock, config.timezone(), config.awayMessage(),
                config.awayMessageEn());
        if (config.awayReply()) {
            chat.afterStore(m -> away.afterMessage(m, chat));
        }
        this.housekeeping = new Housekeeping(new ThreadStore(db), new AdminSessionStore(db), clock).start();
        this.cluster = db.dialect() == Dialect.POSTGRESQL
                ? new Cluster(db, hub, presence, messages, clock, timing.clusterHeartbeat()).start()
                : null;
        this.telegram = config.telegramEnabled()
                ? TelegramBridge.create(config.telegramBotToken().orElseThrow(), config.telegramChatId().orElseThrow(),
                        config.telegramApiUrl(), db, chat, hub, media, new CannedReplies(new CannedReplyStore(db), clock), clock,
                        config.timezone(), timing.telegram(), config.telegramTopics())
                : null;
    }

    public void routing(HttpRouting.Builder routing) {
        Templates templates = new Templates();
        RateLimits limits = new RateLimits(config.limits(), clock);
        Assets assets = Assets.standard();
        Signer signer = new Signer(config.secretKey());
        boolean secure = config.production();
        ThreadStore threads = new ThreadStore(db);
        ChatViews views = new ChatViews(templates, new TimeFormat(config.timezone(), clock), media::view);
        SseStream streams = new SseStream(hub, timing.heartbeat());
        Credentials credentials = config.adminPasswordHash()
                .map(hash -> Credentials.hashed(config.adminUsername(), hash))
                .orElseGet(() -> Credentials.plain(config.adminUsername(), config.adminPassword()));
        AdminSessions sessions = new AdminSessions(new AdminSessionStore(db), clock, secure, credentials.tag());
        SignInCodes codes = new SignInCodes(new LoginCodeStore(db), codeSender(), signer, clock);
        AdminViews adminViews = new AdminViews(threads, chat, views, presence, templates);
        SecurityHeaders headers = new SecurityHeaders(config.production(), media.storage().contentHosts());
        Health health = new Health(db, hub, this::botState);

        routing.addFilter(headers::filter);
        new Errors(templates, assets, config.maxUploadMb()).register(routing);
        routing.get(Ids.ROUTE_HEALTH, health::handle);
        assets.register(routing);
        ClientAddress addresses = new ClientAddress(config.production());
        routing.register(new VisitorRoutes(chat, views, new VisitorCookie(signer, secure), hub, streams, presence, templates, assets,
                limits, addresses, config.maxStreams(), away));
        CannedReplies canned = new CannedReplies(new CannedReplyStore(db), clock);
        DeskRoutes desk = new DeskRoutes(new AdminGuard(sessions, chat), chat, canned, templates, assets, views.time());
        desk.mediaRemover(refs -> refs.forEach(media::deleteFiles));
        routing.register(desk);
        routing.register(new AdminRoutes(sessions, codes, config.adminOtp(), addresses, credentials,
                new LoginGuard(), signer, chat, views, adminViews, hub, streams, presence, templates, assets, secure, canned));
        routing.register(new MediaRoutes(media, chat, views, new VisitorCookie(signer, secure), sessions, templates, assets,
                threadId -> limits.allow(limits.rules().uploadsPerVisitor(), Long.toString(threadId))));
    }

    /** Uploads on local disk under UPLOAD_DIR, or on Cloudinary when it is configured (spooling stays local). */
    private static MediaService media(AppConfig config, ChatService chat, MessageStore messages) {
        LocalStorage local = new LocalStorage(config.uploadDir());
        local.sweepTmp(Duration.ofHours(1));
        ImageProcessor images = ImageProcessor.standard();
        MediaStorage storage = config.cloudinary()
                .<MediaStorage>map(c -> new CloudinaryStorage(c.cloudName(), c.apiKey(), c.apiSecret(), c.uploadPrefix(), local,
                        images.previewSide()))
                .orElse(local);
        LOG.info(() -> "Media stored " + (storage == local ? "on local disk under " + local.root() : "on Cloudinary"));
        return new MediaService(chat, messages, storage, images, MediaService.Limits.of(config.maxUploadMb()), local.tmpDir());
    }

    /** Where sign-in codes go: the admin's Telegram chat when the bot is configured, else the log (development). */
    private CodeSender codeSender() {
        if (!config.adminOtp()) {
            LOG.warning("ADMIN_OTP=off: the admin signs in with the password alone");
        }
        if (telegram == null) {
            return new LogCodeSender();
        }
        return new CodeSender() {
            @Override
            public boolean send(String text) {
                return telegram.sendToAdmin(text);
            }

            @Override
            public boolean delivers() {
                return true;
            }
        };
    }

    /** For /health: OFF without a token, ON where the bot runs, STANDBY where another instance runs it. */
    private String botState() {
        if (telegram == null) {
            return "OFF";
        }
        return telegram.running() ? "ON" : "STANDBY";
    }

    public Sohbet start() {
        server = WebServer.builder()
                .port(config.port())
                .host("0.0.0.0")
                // A body far over the upload limit is cut off before it is read (with an empty 413); up to
                // twice the limit the routes answer themselves, with a message saying what the limit is.
                .maxPayloadSize((2L * config.maxUploadMb() + 1) * 1024 * 1024)
                .routing(this::routing)
                .build()
                .start();
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

    /** Uploads: keeping files, posting media messages, deleting a thread's files. */
    public MediaService media() {
        return media;
    }

    public Database database() {
        return db;
    }

    @Override
    public void close() {
        if (leader != null) {
            leader.close();
        }
        if (telegram != null) {
            telegram.close();
        }
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
