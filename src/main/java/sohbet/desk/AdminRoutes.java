package sohbet.desk;

import sohbet.desk.auth.AdminGuard;
import sohbet.desk.auth.AdminSessions;
import sohbet.desk.auth.CodePage;
import sohbet.desk.auth.Credentials;
import sohbet.desk.auth.LoginGuard;
import sohbet.desk.auth.LoginPage;
import sohbet.desk.auth.SignInCodes;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.helidon.http.HeaderNames;
import io.helidon.http.SetCookie;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import sohbet.core.ChatException;
import sohbet.core.ChatService;
import sohbet.core.ChatThread;
import sohbet.visitor.ChatViews;
import sohbet.visitor.ComposeForm;
import sohbet.core.Message;
import sohbet.visitor.Replay;
import sohbet.live.EventSink;
import sohbet.live.LiveEvent;
import sohbet.live.LiveHub;
import sohbet.live.SseStream;
import sohbet.live.Subscriber;
import sohbet.core.Presence;
import sohbet.store.ThreadStore;
import sohbet.web.Assets;
import sohbet.core.BadRequest;
import sohbet.web.ClientAddress;
import sohbet.web.Forms;
import sohbet.web.Htmx;
import sohbet.web.I18n;
import sohbet.web.Ids;
import sohbet.web.PageHead;
import sohbet.web.Signer;
import sohbet.web.Templates;

/** The admin's doors: sign-in, the panel, replies, and the panel's live stream. */
public final class AdminRoutes implements HttpService {
    private static final int MAX_FORM_BYTES = 64 * 1024;
    private static final String LOGIN_COOKIE = "sohbet_login";
    /** The panel's thread list is re-sent at most this often, however many events change it. */
    private static final long LIST_EVERY_NANOS = 500_000_000L;

    private static final String PENDING_COOKIE = "sohbet_pending";

    private final AdminSessions sessions;
    private final CannedReplies canned;
    private final SignInCodes codes;
    private final boolean otp;
    private final ClientAddress addresses;
    private final Credentials credentials;
    private final LoginGuard guard;
    private final Signer signer;
    private final ChatService chat;
    private final ChatViews views;
    private final AdminViews admin;
    private final Replay replay;
    private final LiveHub hub;
    private final ThreadLists lists;
    private final SseStream streams;
    private final Presence presence;
    private final Templates templates;
    private final Assets assets;
    private final boolean secure;

    public AdminRoutes(AdminSessions sessions, SignInCodes codes, boolean otp, ClientAddress addresses, Credentials credentials,
                       LoginGuard guard, Signer signer, ChatService chat, ChatViews views, AdminViews admin, LiveHub hub,
                       SseStream streams, Presence presence, Templates templates, Assets assets, boolean secure, CannedReplies canned) {
        this.canned = canned;
        this.sessions = sessions;
        this.codes = codes;
        this.otp = otp;
        this.addresses = addresses;
        this.credentials = credentials;
        this.guard = guard;
        this.signer = signer;
        this.chat = chat;
        this.views = views;
        this.admin = admin;
        this.replay = new Replay(chat, views);
        this.hub = hub;
        this.lists = new ThreadLists(admin, hub);
        this.streams = streams;
        this.presence = presence;
        this.templates = templates;
        this.assets = assets;
        this.secure = secure;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(Ids.ROUTE_ADMIN_LOGIN, this::loginPage)
                .post(Ids.ROUTE_ADMIN_LOGIN, this::login)
                .get(Ids.ROUTE_ADMIN_LOGIN_CODE, this::codePage)
                .post(Ids.ROUTE_ADMIN_LOGIN_CODE, this::code)
                .post(Ids.ROUTE_ADMIN_LOGIN_RESEND, this::resend)
                .post(Ids.ROUTE_ADMIN_LOGOUT, this::logout)
                .get(Ids.ROUTE_ADMIN, this::panel)
                .get(Ids.ROUTE_ADMIN_THREADS + "{id}", this::thread)
                .post(Ids.ROUTE_ADMIN_THREADS + "{id}/messages", this::reply)
                .post(Ids.ROUTE_ADMIN_THREADS + "{id}/typing", this::typing)
                .get(Ids.ROUTE_ADMIN_THREADS + "{id}/older", this::older)
                .get(Ids.ROUTE_ADMIN_EVENTS, this::events);
    }

    // ---- sign-in ---------------------------------------------------------------------------

    private void loginPage(ServerRequest req, ServerResponse res) {
        if (sessions.current(req).isPresent()) {
            redirect(res, Ids.ROUTE_ADMIN);
            return;
        }
        sendLogin(req, res, 200, "", null);
    }

    private void login(ServerRequest req, ServerResponse res) {
        I18n t = I18n.of(req);
        Map<String, String> form = Forms.read(req, MAX_FORM_BYTES);
        requireLoginNonce(req, form);
        String address = addresses.of(req);
        String username = form.getOrDefault("username", "");
        if (!guard.tryAcquire(address)) {
            sendLogin(req, res, 429, username, tooMany(t, res, address));
            return;
        }
        if (!credentials.matches(username, form.get("password"))) {
            guard.failed(address);
            sendLogin(req, res, 401, username, t.t("login.wrong"));
            return;
        }
        if (!otp) {
            guard.succeeded(address);
            sessions.start(res);
            redirect(res, Ids.ROUTE_ADMIN);
            return;
        }
        guard.release(address);
        Optional<String> attempt = codes.begin();
        if (attempt.isEmpty()) {
            sendLogin(req, res, 503, username, t.t("code.notSent"));
            return;
        }
        res.headers().addCookie(SetCookie.builder(PENDING_COOKIE, signer.sign("pending", attempt.get())).path(Ids.ROUTE_ADMIN_LOGIN)
                .httpOnly(true).secure(secure).sameSite(SetCookie.SameSite.STRICT).maxAge(SignInCodes.LIFETIME.plusMinutes(1)).build());
        redirect(res, Ids.ROUTE_ADMIN_LOGIN_CODE);
    }

    /** Says how long this address must wait, and sets Retry-After to the same. */
    private String tooMany(I18n t, ServerResponse res, String address) {
        long seconds = Math.max(1, guard.waitFor(address).toSeconds());
        res.header(HeaderNames.RETRY_AFTER, Long.toString(seconds));
        return seconds < 60 ? t.t("login.wait", seconds) : t.t("login.tooMany", (seconds + 59) / 60);
    }

    private void codePage(ServerRequest req, ServerResponse res) {
        if (pendingAttempt(req).isEmpty()) {
            redirect(res, Ids.ROUTE_ADMIN_LOGIN);
            return;
        }
        // Without a bot (development) the code is in the server's log: the page says so instead of pointing at Telegram.
        sendCode(req, res, 200, null, I18n.of(req).t(codes.delivered() ? "code.sent" : "code.sentToLog"));
    }

    private void code(ServerRequest req, ServerResponse res) {
        I18n t = I18n.of(req);
        Map<String, String> form = Forms.read(req, MAX_FORM_BYTES);
        requireLoginNonce(req, form);
        Optional<String> attempt = pendingAttempt(req);
        String address = addresses.of(req);
        if (attempt.isEmpty()) {
            sendLogin(req, res, 401, "", t.t("code.expired"));
            return;
        }
        if (!guard.tryAcquire(address)) {
            sendCode(req, res, 429, tooMany(t, res, address), null);
            return;
        }
        SignInCodes.Verdict v = codes.check(attempt.get(), form.get("code"));
        switch (v.outcome()) {
            case OK -> {
                guard.succeeded(address);
                clearPending(res);
                sessions.start(res);
                redirect(res, Ids.ROUTE_ADMIN);
            }
            case WRONG -> {
                guard.failed(address);
                sendCode(req, res, 401, t.t("code.wrong", v.triesLeft()), null);
            }
            case VOID -> {
                guard.failed(address);
                clearPending(res);
                sendLogin(req, res, 401, "", t.t("code.void"));
            }
            default -> {
                guard.release(address);
                clearPending(res);
                sendLogin(req, res, 401, "", t.t("code.expired"));
            }
        }
    }

    private void resend(ServerRequest req, ServerResponse res) {
        I18n t = I18n.of(req);
        Map<String, String> form = Forms.read(req, MAX_FORM_BYTES);
        requireLoginNonce(req, form);
        Optional<String> attempt = pendingAttempt(req);
        if (attempt.isEmpty()) {
            sendLogin(req, res, 401, "", t.t("code.expired"));
            return;
        }
        SignInCodes.Resend r = codes.resend(attempt.get());
        if (r.unknown()) {
            clearPending(res);
            sendLogin(req, res, 401, "", t.t("code.expired"));
        } else if (r.waitSeconds() > 0) {
            sendCode(req, res, 429, t.t("code.tooSoon", r.waitSeconds()), null);
        } else if (!r.sent()) {
            sendCode(req, res, 503, t.t("code.notSent"), null);
        } else {
            sendCode(req, res, 200, null, t.t("code.resent"));
        }
    }

    private Optional<String> pendingAttempt(ServerRequest req) {
        return req.headers().cookies().first(PENDING_COOKIE).asOptional().flatMap(v -> signer.verify("pending", v));
    }

    private void clearPending(ServerResponse res) {
        res.headers().addCookie(SetCookie.builder(PENDING_COOKIE, "").path(Ids.ROUTE_ADMIN_LOGIN).httpOnly(true).secure(secure)
                .maxAge(java.time.Duration.ZERO).build());
    }

    /** Sign-in forms carry a nonce that must match the signed one in their cookie (no session exists yet). */
    private void requireLoginNonce(ServerRequest req, Map<String, String> form) {
        Optional<String> nonce = req.headers().cookies().first(LOGIN_COOKIE).asOptional().flatMap(v -> signer.verify("login", v));
        if (nonce.isEmpty() || !nonce.get().equals(form.get("_csrf"))) {
            throw new BadRequest("error.csrf", 403);
        }
    }

    private String freshLoginNonce(ServerResponse res) {
        String nonce = java.util.UUID.randomUUID().toString();
        res.headers().addCookie(SetCookie.builder(LOGIN_COOKIE, signer.sign("login", nonce)).path(Ids.ROUTE_ADMIN_LOGIN)
                .httpOnly(true).secure(secure).sameSite(SetCookie.SameSite.STRICT).build());
        return nonce;
    }

    private void sendLogin(ServerRequest req, ServerResponse res, int status, String username, String error) {
        I18n t = I18n.of(req);
        String nonce = freshLoginNonce(res);
        PageHead head = new PageHead(t, assets, t.t("page.login"), false, "login", null);
        templates.send(res, status, "desk/login.jte", new LoginPage(head, username, error, nonce));
    }

    private void sendCode(ServerRequest req, ServerResponse res, int status, String error, String notice) {
        I18n t = I18n.of(req);
        String nonce = freshLoginNonce(res);
        PageHead head = new PageHead(t, assets, t.t("page.login"), false, "login", null);
        templates.send(res, status, "desk/code.jte", new CodePage(head, error, notice, nonce));
    }

    private void logout(ServerRequest req, ServerResponse res) {
        Optional<AdminSessions.Session> s = sessions.current(req);
        if (s.isPresent()) {
            Map<String, String> form = Forms.read(req, MAX_FORM_BYTES);
            requireCsrf(req, s.get(), form);
            sessions.end(s.get(), res);
        }
        redirect(res, Ids.ROUTE_ADMIN_LOGIN);
    }

    // ---- panel -----------------------------------------------------------------------------

    private void panel(ServerRequest req, ServerResponse res) {
        Optional<AdminSessions.Session> s = requireSession(req, res);
        if (s.isPresent()) {
            sendPanel(req, res, 200, s.get(), null, ChatViews.newClientId(), "", null);
        }
    }

    private void thread(ServerRequest req, ServerResponse res) {
        Optional<AdminSessions.Session> s = requireSession(req, res);
        if (s.isEmpty()) {
            return;
        }
        ChatThread thread = threadFrom(req);
        chat.markRead(thread.id());
        // ?canned=<id> starts the reply with a saved answer (a plain link, so it works without script too).
        String draft = req.query().first("canned").asOptional().flatMap(AdminGuard::parseId).flatMap(canned::byId)
                .map(r -> r.body()).orElse("");
        sendPanel(req, res, 200, s.get(), thread, ChatViews.newClientId(), draft, null);
    }

    private void reply(ServerRequest req, ServerResponse res) {
        Optional<AdminSessions.Session> s = requireSession(req, res);
        if (s.isEmpty()) {
            return;
        }
        Map<String, String> form = Forms.read(req, MAX_FORM_BYTES);
        requireCsrf(req, s.get(), form);
        ChatThread thread = threadFrom(req);
        I18n t = I18n.of(req);
        String body = form.getOrDefault("body", "");
        String clientId = form.get("client_id");
        Message stored;
        try {
            stored = chat.postText(thread.id(), Message.Sender.ADMIN, Message.Channel.WEB, body, clientId);
        } catch (ChatException e) {
            String cid = clientId == null || clientId.isBlank() || e.key().equals("error.badClientId") ? ChatViews.newClientId() : clientId;
            if (Htmx.isHtmx(req)) {
                Htmx.retarget(res, "#" + Ids.DOM_COMPOSE, "outerHTML");
                Templates.sendHtml(res, e.status(), views.composeHtml(
                        new ComposeForm(t, AdminViews.replyAction(thread.id()), cid, body, t.t(e.key()), s.get().csrf(), false)));
            } else {
                sendPanel(req, res, e.status(), s.get(), thread, cid, body, t.t(e.key()));
            }
            return;
        }
        chat.markRead(thread.id());
        if (Htmx.isHtmx(req)) {
            String fresh = views.composeHtml(new ComposeForm(t, AdminViews.replyAction(thread.id()), ChatViews.newClientId(), "", null,
                    s.get().csrf(), true));
            Templates.sendHtml(res, 200, views.messageHtml(stored, ChatViews.Viewer.ADMIN, t, thread.visitorName()) + fresh);
        } else {
            redirect(res, Ids.adminThread(thread.id()));
        }
    }

    /** Older messages of the open thread, for htmx; without script the panel opens at the thread. */
    private void older(ServerRequest req, ServerResponse res) {
        if (requireSession(req, res).isEmpty()) {
            return;
        }
        ChatThread thread = threadFrom(req);
        long before = req.query().first("before").asOptional().flatMap(AdminGuard::parseId).orElse(0L);
        if (!Htmx.isHtmx(req)) {
            redirect(res, Ids.adminThread(thread.id()));
            return;
        }
        Templates.sendHtml(res, 200, views.olderHtml(chat.historyPage(thread.id(), before), thread.id(), ChatViews.Viewer.ADMIN,
                I18n.of(req), thread.visitorName()));
    }

    /** The admin is typing a reply: the visitor sees it. Needs the session and its CSRF header like any post. */
    private void typing(ServerRequest req, ServerResponse res) {
        Optional<AdminSessions.Session> s = requireSession(req, res);
        if (s.isEmpty()) {
            return;
        }
        requireCsrf(req, s.get(), Forms.read(req, MAX_FORM_BYTES));
        hub.typing(threadFrom(req).id(), false);
        res.status(Status.NO_CONTENT_204).send();
    }

    private void sendPanel(ServerRequest req, ServerResponse res, int status, AdminSessions.Session s, ChatThread thread,
                           String clientId, String draft, String error) {
        I18n t = I18n.of(req);
        long selectedId = thread == null ? 0 : thread.id();
        SelectedThread selected = thread == null ? null : admin.selected(thread, t, s.csrf(), clientId, draft, error);
        ThreadStore.Filter filter = AdminViews.filter(req.query().first("filter").orElse(null));
        String filterName = filter.name().toLowerCase(java.util.Locale.ROOT);
        int listPage = AdminViews.page(req.query().first("page").orElse(null));
        String events = Ids.ROUTE_ADMIN_EVENTS + "?filter=" + filterName + "&page=" + listPage
                + (thread == null ? "" : "&thread=" + thread.id() + "&last_event_id=" + selected.lastId());
        PageHead head = new PageHead(t, assets, t.t("page.admin"), false, "admin-page", s.csrf());
        templates.send(res, status, "desk/panel.jte", new AdminPage(head, admin.list(t, selectedId, filter, listPage), selected, events, s.csrf(), filterName,
                canned.all(), admin.botBanner(t)));
    }

    // ---- live stream -------------------------------------------------------------------------

    private void events(ServerRequest req, ServerResponse res) {
        if (sessions.current(req).isEmpty()) {
            res.status(Status.UNAUTHORIZED_401).send();
            return;
        }
        I18n t = I18n.of(req);
        Optional<ChatThread> selected = req.query().first("thread").asOptional().flatMap(AdminRoutes::parseId).flatMap(chat::thread);
        long selectedId = selected.map(ChatThread::id).orElse(0L);
        String name = selected.map(ChatThread::visitorName).orElse(null);
        OptionalLong lastId = Replay.lastEventId(req);
        ThreadStore.Filter filter = AdminViews.filter(req.query().first("filter").orElse(null));
        int listPage = AdminViews.page(req.query().first("page").orElse(null));
        Subscriber sub = hub.subscribeAdmin(selectedId);
        presence.adminConnected();
        try {
            streams.run(res, sub, new SseStream.Handler() {
                long delivered;
                boolean listDirty;
                long listSentAt = System.nanoTime() - LIST_EVERY_NANOS;
                /** The list version this tab must show at least: read when it learns of a change. */
                long wantedVersion;

                @Override
                public void open(EventSink sink) {
                    sink.emit(SseStream.event(Ids.EVENT_THREADS, admin.listHtml(t, selectedId, filter, listPage)));
                    if (selectedId > 0) {
                        sink.emit(SseStream.event(Ids.EVENT_PRESENCE, admin.visitorPresenceHtml(t, presence.visitorOnline(selectedId))));
                        delivered = replay.catchUp(sink, selectedId, lastId, ChatViews.Viewer.ADMIN, t, name);
                    }
                }

                @Override
                public void event(EventSink sink, LiveEvent e) {
                    switch (e) {
                        case LiveEvent.NewMessage nm -> {
                            Message m = nm.message();
                            if (m.threadId() == selectedId) {
                                if (m.id() > delivered) {
                                    if (m.fromVisitor()) {
                                        // Several tabs may show this thread: one read mark per message is enough.
                                        nm.memo().once("read", () -> {
                                            chat.markRead(selectedId);
                                            return "";
                                        });
                                    }
                                    delivered = replay.deliver(sink, selectedId, delivered, nm, ChatViews.Viewer.ADMIN, t, name);
                                }
                                if (m.fromVisitor()) {
                                    sink.emit(SseStream.event(Ids.EVENT_TYPING, ""));
                                }
                            } else if (m.fromVisitor()) {
                                // Looked up and rendered once per message and language, not once per open tab.
                                String toast = nm.memo().once("toast|" + t.lang(),
                                        () -> chat.thread(m.threadId()).map(th -> admin.toastHtml(t, th)).orElse(""));
                                if (!toast.isEmpty()) {
                                    sink.emit(SseStream.event(Ids.EVENT_TOAST, toast));
                                }
                            }
                            listChanged();
                        }
                        case LiveEvent.Typing ty -> {
                            if (ty.threadId() == selectedId) {
                                sink.emit(SseStream.event(Ids.EVENT_TYPING, views.typingHtml(t.t("typing.visitor", name))));
                            }
                        }
                        case LiveEvent.VisitorPresence vp -> {
                            if (vp.threadId() == selectedId) {
                                sink.emit(SseStream.event(Ids.EVENT_PRESENCE, admin.visitorPresenceHtml(t, vp.online())));
                            }
                            listChanged();
                        }
                        case LiveEvent.ThreadChanged tc -> listChanged();
                        case LiveEvent.CatchUp cu -> {
                            if (selectedId > 0) {
                                delivered = replay.forward(sink, selectedId, delivered, ChatViews.Viewer.ADMIN, t, name);
                            }
                            listChanged();
                        }
                        default -> {
                        }
                    }
                }

                void listChanged() {
                    listDirty = true;
                    wantedVersion = hub.listVersion();
                }

                @Override
                public void idle(EventSink sink) {
                    // The list is a whole re-render (two queries, a page of rows): at most a few times a second.
                    if (listDirty && System.nanoTime() - listSentAt >= LIST_EVERY_NANOS) {
                        listDirty = false;
                        listSentAt = System.nanoTime();
                        sink.emit(SseStream.event(Ids.EVENT_THREADS, lists.html(t, selectedId, filter, listPage, wantedVersion)));
                    }
                }

                @Override
                public long wakeInMillis() {
                    return listDirty ? Math.max(1, (LIST_EVERY_NANOS - (System.nanoTime() - listSentAt)) / 1_000_000) : Long.MAX_VALUE;
                }
            });
        } finally {
            presence.adminDisconnected();
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private Optional<AdminSessions.Session> requireSession(ServerRequest req, ServerResponse res) {
        return guard().requireSession(req, res);
    }

    private static void requireCsrf(ServerRequest req, AdminSessions.Session s, Map<String, String> form) {
        AdminGuard.requireCsrf(req, s, form);
    }

    private ChatThread threadFrom(ServerRequest req) {
        return guard().threadFrom(req);
    }

    private static Optional<Long> parseId(String s) {
        return AdminGuard.parseId(s);
    }

    private static void redirect(ServerResponse res, String location) {
        AdminGuard.redirect(res, location);
    }

    private AdminGuard guard() {
        return new AdminGuard(sessions, chat);
    }
}
