package sohbet.app;

import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

import sohbet.core.AwayMode;
import sohbet.core.ChatService;
import sohbet.core.MessageListener;
import sohbet.core.Presence;
import sohbet.desk.CannedReplies;
import sohbet.live.LiveHub;
import sohbet.live.cluster.Cluster;
import sohbet.live.cluster.PgLeader;
import sohbet.mail.EmailAnswers;
import sohbet.media.ImageProcessor;
import sohbet.media.MediaService;
import sohbet.media.MediaStorage;
import sohbet.media.storage.CloudinaryStorage;
import sohbet.media.storage.LocalStorage;
import sohbet.ops.Metrics;
import sohbet.store.AdminSessionStore;
import sohbet.store.CannedReplyStore;
import sohbet.store.Database;
import sohbet.store.Dialect;
import sohbet.store.MessageStore;
import sohbet.store.TelegramOutboxStore;
import sohbet.store.ThreadStore;
import sohbet.telegram.TelegramBridge;
import sohbet.web.EmbedPolicy;
import sohbet.web.SecurityHeaders;
import sohbet.web.Signer;
import sohbet.web.StalledRequests;

/**
 * The application's objects, each built once and handed what it needs: wiring only. Nothing here
 * talks to the network or starts a thread until {@link #startBackground()}; the database it is given
 * is already open and migrated.
 */
final class Parts implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Parts.class.getName());

    final AppConfig config;
    final Clock clock;
    final Sohbet.Timing timing;
    final Database db;
    final String secretKey;
    final Signer signer;
    final ThreadStore threads;
    final AdminSessionStore adminSessions;
    final MessageStore messages;
    final LiveHub hub;
    final Presence presence;
    final ChatService chat;
    final Metrics metrics;
    final LocalStorage local;
    final MediaService media;
    final EmbedPolicy embed;
    final SecurityHeaders headers;
    final StalledRequests stalled;
    final AwayMode away;
    final EmailAnswers mail;
    final CannedReplies canned;
    final Housekeeping housekeeping;
    final Cluster cluster;
    final TelegramBridge telegram;
    private PgLeader leader;
    private boolean started;

    Parts(AppConfig config, Clock clock, Sohbet.Timing timing, Database db, String secretKey) {
        this.config = config;
        this.clock = clock;
        this.timing = timing;
        this.db = db;
        this.secretKey = secretKey;
        this.signer = new Signer(secretKey);
        this.threads = new ThreadStore(db);
        this.adminSessions = new AdminSessionStore(db);
        this.messages = new MessageStore(db);
        this.stalled = new StalledRequests(timing.stalledRequest());
        this.hub = new LiveHub(timing.queueCapacity());
        this.presence = new Presence(timing.presenceGrace());
        this.chat = new ChatService(db, threads, messages, hub, clock);
        this.metrics = new Metrics(clock::instant);
        this.local = new LocalStorage(config.media().uploadDir());
        this.media = media(config, chat, messages, local);
        this.embed = new EmbedPolicy(config.embedOrigins());
        this.headers = new SecurityHeaders(config.production(), media.storage().contentHosts(), embed);
        this.away = new AwayMode(config.away().businessHours(), presence, threads, clock, config.timezone(), config.away().message(),
                config.away().messageEn());
        this.mail = new EmailAnswers(new EmailAnswers.Settings(config.mail().smtp(), config.mail().from(),
                config.publicUrl(), config.siteName(), Duration.ofSeconds(config.mail().delaySeconds()),
                Duration.ofSeconds(config.mail().batchSeconds())), db, chat, presence::visitorOnline, signer,
                config.production(), clock);
        this.canned = new CannedReplies(new CannedReplyStore(db), clock);
        this.housekeeping = new Housekeeping(chat, threads, adminSessions, clock,
                Housekeeping.Retention.of(config.retentionDays(), chat, media::deleteFiles));
        this.cluster = db.dialect() == Dialect.POSTGRESQL
                ? new Cluster(db, hub, presence, messages, clock, timing.clusterHeartbeat())
                : null;
        this.telegram = config.telegram().enabled()
                ? TelegramBridge.create(config.telegram().botToken().orElseThrow(), config.telegram().chatId().orElseThrow(),
                        config.telegram().apiUrl(), db, chat, media, canned, clock,
                        config.timezone(), timing.telegram(), config.telegram().topics(), config.telegram().adminIds())
                : null;
        listen();
    }

    /** Who reacts to what: every listener of the application is registered here, in one place. */
    private void listen() {
        presence.listener(new Presence.Listener() {
            @Override
            public void visitorChanged(long threadId, boolean online) {
                hub.visitorPresenceChanged(threadId, online);
                mail.visitorPresence(threadId);
            }

            @Override
            public void adminChanged(boolean online) {
                hub.adminPresenceChanged(online);
            }
        });
        chat.listen(MessageListener.afterCommit(metrics::stored));
        if (config.away().reply()) {
            chat.listen(MessageListener.afterCommit(m -> away.afterMessage(m, chat)));
        }
        chat.listen(mail.answers());
        if (cluster != null) {
            chat.listen(cluster);
            presence.publisher(cluster::presenceChanged);
            hub.relay(cluster);
        }
        if (telegram != null) {
            chat.listen(telegram.forwards());
        }
        TelegramOutboxStore outbox = new TelegramOutboxStore(db);
        metrics.outbox(new Metrics.Outbox() {
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

    /** Uploads on local disk under UPLOAD_DIR, or on Cloudinary when it is configured (spooling stays local). */
    private static MediaService media(AppConfig config, ChatService chat, MessageStore messages, LocalStorage local) {
        ImageProcessor images = ImageProcessor.standard();
        MediaStorage storage = config.media().cloudinary()
                .<MediaStorage>map(c -> new CloudinaryStorage(c.cloudName(), c.apiKey(), c.apiSecret(), c.uploadPrefix(), local,
                        images.previewSide()))
                .orElse(local);
        return new MediaService(chat, storage, images, MediaService.Limits.of(config.media().maxUploadMb()), local.tmpDir());
    }

    /** The timers, the cluster's connection, the bot and the mail sender; once. */
    synchronized void startBackground() {
        if (started) {
            return;
        }
        started = true;
        local.sweepTmp(Duration.ofHours(1));
        LOG.info(() -> "Media stored " + (media.storage() == local ? "on local disk under " + local.root() : "on Cloudinary"));
        housekeeping.start();
        if (cluster != null) {
            cluster.start();
        }
        if (telegram != null) {
            telegram.load();
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
    }

    /** For /health and the panel: OFF without a token, else what {@link TelegramBridge#status()} says. */
    TelegramBridge.Status botState() {
        return telegram == null ? TelegramBridge.Status.OFF : telegram.status();
    }

    /** The bot and the streams stop first; the server is stopped by the caller in between (see Sohbet.close). */
    void closeTalkers() {
        if (leader != null) {
            leader.close();
        }
        if (telegram != null) {
            telegram.close();
        }
        mail.close();
        hub.close();
    }

    @Override
    public void close() {
        stalled.close();
        presence.close();
        housekeeping.close();
        if (cluster != null) {
            cluster.close();
        }
        db.close();
    }
}
