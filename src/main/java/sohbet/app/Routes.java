package sohbet.app;

import java.util.logging.Logger;

import io.helidon.webserver.http.HttpRouting;
import sohbet.desk.AdminViews;
import sohbet.desk.DeskRoutes;
import sohbet.desk.auth.AdminFilter;
import sohbet.desk.auth.SignInRoutes;
import sohbet.desk.PanelRoutes;
import sohbet.desk.PanelStream;
import sohbet.desk.auth.AdminSessions;
import sohbet.desk.auth.CodeSender;
import sohbet.desk.auth.Credentials;
import sohbet.desk.auth.LogCodeSender;
import sohbet.desk.auth.LoginGuard;
import sohbet.desk.auth.SignInCodes;
import sohbet.live.Admission;
import sohbet.live.SseStream;
import sohbet.media.MediaRoutes;
import sohbet.ops.MetricsRoute;
import sohbet.store.LoginCodeStore;
import sohbet.telegram.TelegramBridge;
import sohbet.visitor.ChatViews;
import sohbet.visitor.VisitorCookie;
import sohbet.visitor.VisitorDelete;
import sohbet.visitor.VisitorRoutes;
import sohbet.visitor.VisitorStream;
import sohbet.web.Assets;
import sohbet.web.ClientAddress;
import sohbet.web.Errors;
import sohbet.web.I18n;
import sohbet.web.Ids;
import sohbet.web.RateLimits;
import sohbet.web.Templates;
import sohbet.web.TimeFormat;

/** Every route of the application, mounted on one routing: the filters first, then each feature's routes. */
final class Routes {
    private static final Logger LOG = Logger.getLogger(Routes.class.getName());

    private Routes() {
    }

    static void register(Parts p, HttpRouting.Builder routing) {
        AppConfig config = p.config;
        Templates templates = new Templates();
        RateLimits limits = new RateLimits(config.limits(), p.clock, p.metrics::refused);
        Assets assets = Assets.standard();
        boolean secure = config.production();
        VisitorCookie cookie = new VisitorCookie(p.signer, secure);
        ChatViews views = new ChatViews(templates, new TimeFormat(config.timezone(), p.clock), p.media::view);
        SseStream streams = new SseStream(p.hub, p.timing.heartbeat(), p.metrics.streams());
        Credentials credentials = config.admin().passwordHash()
                .map(hash -> Credentials.hashed(config.admin().username(), hash))
                .orElseGet(() -> Credentials.plain(config.admin().username(), config.admin().password()));
        AdminSessions sessions = new AdminSessions(p.adminSessions, p.clock, secure, credentials.tag());
        SignInCodes codes = new SignInCodes(new LoginCodeStore(p.db), codeSender(p), p.signer, p.clock);
        AdminViews adminViews = new AdminViews(p.chat, views, p.presence, templates, t -> botBanner(p, t));
        ClientAddress addresses = new ClientAddress(config.trustProxy());

        routing.addFilter(p.headers::filter);
        routing.addFilter(p.stalled::filter);
        new Errors(templates, assets, config.media().maxUploadMb()).register(routing);
        routing.get(Ids.ROUTE_HEALTH, new Health(p.db, p.hub, p::botState)::handle);
        new MetricsRoute(p.metrics, config.metricsToken(), req -> sessions.current(req).isPresent()).register(routing);
        assets.register(routing);
        VisitorStream visitorStream = new VisitorStream(new VisitorStream.Needs(p.chat, views, cookie, p.hub, streams,
                p.presence, Admission.forThisJvm(config.maxStreams())));
        routing.register(new VisitorRoutes(new VisitorRoutes.Needs(p.chat, views, cookie, p.hub, visitorStream,
                p.presence, p.away, limits, addresses, p.embed, config.privacyUrl().orElse(null), templates, assets)));
        routing.register(new VisitorDelete(p.chat, cookie, templates, assets, p.media::deleteFiles));
        // One check of the admin's session for everything under /admin (sign-in pages excepted), before any admin route.
        routing.addFilter(new AdminFilter(sessions));
        routing.register(new DeskRoutes(new DeskRoutes.Needs(p.chat, p.canned, templates, assets, views.time(),
                p.media::deleteFiles)));
        routing.register(new SignInRoutes(new SignInRoutes.Needs(sessions, credentials, new LoginGuard(p.clock), codes,
                config.admin().otp(), addresses, p.signer, secure, templates, assets)));
        PanelStream panelStream = new PanelStream(new PanelStream.Needs(p.chat, views, adminViews, p.hub, streams, p.presence));
        routing.register(new PanelRoutes(new PanelRoutes.Needs(p.chat, views, adminViews, p.canned, p.hub, panelStream, templates,
                assets)));
        routing.addFilter((chain, req, res) -> p.mail.filter(chain, req, res, cookie));
        routing.register(p.mail.routes(p.chat, cookie, templates, assets));
        routing.register(new MediaRoutes(p.media, p.chat, views, cookie, sessions, templates, assets,
                threadId -> limits.allow(limits.rules().uploadsPerVisitor(), Long.toString(threadId))));
    }

    /** Where sign-in codes go: the admin's Telegram chat when the bot is configured, else the log (development). */
    private static CodeSender codeSender(Parts p) {
        if (!p.config.admin().otp()) {
            LOG.warning("ADMIN_OTP=off: the admin signs in with the password alone");
        }
        TelegramBridge telegram = p.telegram;
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
    private static String botBanner(Parts p, I18n t) {
        TelegramBridge.Status s = p.botState();
        return s.reason() == null ? null : t.t("bot." + s.state(), s.reason());
    }
}
