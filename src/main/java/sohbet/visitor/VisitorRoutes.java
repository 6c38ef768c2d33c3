package sohbet.visitor;

import sohbet.core.AwayMode;
import sohbet.core.ChatException;
import sohbet.core.ChatService;
import sohbet.core.ChatThread;
import sohbet.core.Message;

import java.util.Map;
import java.util.OptionalLong;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import sohbet.live.Admission;
import sohbet.live.EventSink;
import sohbet.live.LiveEvent;
import sohbet.live.LiveHub;
import sohbet.live.SseStream;
import sohbet.live.Subscriber;
import sohbet.core.Presence;
import sohbet.web.Assets;
import sohbet.core.BadRequest;
import sohbet.web.ClientAddress;
import sohbet.web.EmbedPolicy;
import sohbet.web.Origins;
import sohbet.web.RateLimits;
import sohbet.web.Forms;
import sohbet.web.Htmx;
import sohbet.web.Http;
import sohbet.web.I18n;
import sohbet.web.Ids;
import sohbet.web.PageHead;
import sohbet.web.Templates;

/** The visitor's doors: the chat page, posting, renaming, and the live stream. */
public final class VisitorRoutes implements HttpService {
    private static final int MAX_FORM_BYTES = 64 * 1024;
    /** More streams than this for one visitor and the oldest makes room (each holds a socket and memory). */
    static final int MAX_STREAMS_PER_VISITOR = 5;
    /** How often the scripts-off conversation frame reloads itself. */
    static final int NOSCRIPT_REFRESH_SECONDS = 15;

    private final ChatService chat;
    private final ChatViews views;
    private final Replay replay;
    private final VisitorCookie cookie;
    private final LiveHub hub;
    private final SseStream streams;
    private final Presence presence;
    private final Templates templates;
    private final Assets assets;
    private final RateLimits limits;
    private final ClientAddress addresses;
    private final Admission admission;
    private final AwayMode away;
    private String privacyUrl;
    private EmbedPolicy embed = EmbedPolicy.off();

    public VisitorRoutes(ChatService chat, ChatViews views, VisitorCookie cookie, LiveHub hub, SseStream streams, Presence presence,
                         Templates templates, Assets assets, RateLimits limits, ClientAddress addresses, Admission admission, AwayMode away) {
        this.away = away;
        this.limits = limits;
        this.addresses = addresses;
        this.admission = admission;
        this.chat = chat;
        this.views = views;
        this.replay = new Replay(chat, views);
        this.cookie = cookie;
        this.hub = hub;
        this.streams = streams;
        this.presence = presence;
        this.templates = templates;
        this.assets = assets;
    }

    /** PRIVACY_URL: the privacy note the page's footer links to (none: no link). */
    public VisitorRoutes privacyUrl(String url) {
        this.privacyUrl = url;
        return this;
    }

    /** Turns on the embedded chat page for the sites EMBED_ORIGINS allows (off by default). */
    public VisitorRoutes embedding(EmbedPolicy embed) {
        this.embed = embed;
        return this;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(Ids.ROUTE_EMBED, this::embedPage)
                .post(Ids.ROUTE_EMBED_PAGE, this::hostPage)
                .post(Ids.ROUTE_EMBED_START, this::startFromFrame)
                .get(Ids.ROUTE_EMBED_SCRIPT, (req, res) -> {
                    if (!embed.enabled()) {
                        throw new BadRequest("error.notFound", 404);
                    }
                    assets.serve("embed.js", req, res);
                });
        rules.get(Ids.ROUTE_HOME, this::page)
                .post(Ids.ROUTE_MESSAGES, this::post)
                .post(Ids.ROUTE_NAME, this::rename)
                .post(Ids.ROUTE_TYPING, this::typing)
                .post(Ids.ROUTE_EMAIL, this::email)
                .get(Ids.ROUTE_OLDER, this::older)
                .get(Ids.ROUTE_TRANSCRIPT, this::transcript)
                .get(Ids.ROUTE_EVENTS, this::events);
    }

    private void page(ServerRequest req, ServerResponse res) {
        I18n t = I18n.of(req);
        ChatThread thread = currentOrNew(req, res);
        away.visitorSpeaks(thread.id(), t.lang());
        sendPage(req, res, 200, t, thread, ChatViews.newClientId(), "", null);
    }

    /**
     * The chat in a frame on an allowed site: the same page in a compact layout. A look starts no
     * thread (the frame may load on every page of that site): the first message does.
     */
    private void embedPage(ServerRequest req, ServerResponse res) {
        if (!embed.enabled()) {
            throw new BadRequest("error.notFound", 404);
        }
        I18n t = I18n.of(req);
        ChatThread thread = cookie.threadId(req).flatMap(chat::thread).orElseGet(() -> unstarted(t));
        long before = req.query().first("before").asOptional().map(VisitorRoutes::parseLong).orElse(0L);
        sendPage(req, res, 200, t, thread, chat.historyPage(thread.id(), before), ChatViews.newClientId(), "", null);
    }

    /** A visitor who has not written yet: shown like an empty thread, stored nowhere. */
    private static ChatThread unstarted(I18n t) {
        java.time.Instant now = java.time.Instant.now();
        return new ChatThread(0, t.t("embed.visitor"), now, now, now, true, 0, null, null, null);
    }

    /**
     * The frame's script starts the conversation before a first message that is not text (a photo
     * posted first goes to the upload route, which needs a thread); the answer hands out the token.
     */
    private void startFromFrame(ServerRequest req, ServerResponse res) {
        if (!embed.enabled()) {
            throw new BadRequest("error.notFound", 404);
        }
        long id = currentOrNew(req, res).id();
        res.header(HeaderNames.create(VisitorCookie.TOKEN_HEADER), cookie.token(id));
        res.status(Status.NO_CONTENT_204).send();
    }

    /** The embedded chat's script reports which page of the owner's site the visitor is on. */
    private void hostPage(ServerRequest req, ServerResponse res) {
        Map<String, String> form = Forms.read(req, MAX_FORM_BYTES);
        var thread = cookie.threadId(req).flatMap(chat::thread);
        String url = form.getOrDefault("url", "");
        if (!embed.allows(EmbedPolicy.originOf(url))) {
            throw new BadRequest("error.badPage", 422);
        }
        if (thread.isPresent()) {
            try {
                chat.visitorPage(thread.get().id(), url, form.get("title"));
            } catch (ChatException e) {
                throw new BadRequest(e.key(), e.status());
            }
        }
        // Before the first message there is no thread to note it on; the script reports again once there is.
        res.status(Status.NO_CONTENT_204).send();
    }

    private void post(ServerRequest req, ServerResponse res) {
        I18n t = I18n.of(req);
        Map<String, String> form = Forms.read(req, MAX_FORM_BYTES);
        ChatThread thread = currentOrNew(req, res);
        String body = form.getOrDefault("body", "");
        String clientId = form.get("client_id");
        away.visitorSpeaks(thread.id(), t.lang());
        Message stored;
        try {
            if (!limits.allow(limits.rules().messagesPerVisitor(), Long.toString(thread.id()))) {
                throw new ChatException("error.tooMany", 429);
            }
            stored = chat.postText(thread.id(), Message.Sender.VISITOR, Message.Channel.WEB, body, clientId);
        } catch (ChatException e) {
            refused(req, res, t, thread, clientId, body, e);
            return;
        }
        if (Htmx.isHtmx(req)) {
            String fresh = views.composeHtml(new ComposeForm(t, Ids.ROUTE_MESSAGES, ChatViews.newClientId(), "", null, null, true));
            Templates.sendHtml(res, 200, views.messageHtml(stored, ChatViews.Viewer.VISITOR, t, null) + fresh);
        } else {
            redirectHome(req, res);
        }
    }

    private void refused(ServerRequest req, ServerResponse res, I18n t, ChatThread thread, String clientId, String body, ChatException e) {
        String cid = clientId == null || clientId.isBlank() || e.key().equals("error.badClientId") ? ChatViews.newClientId() : clientId;
        if (Htmx.isHtmx(req)) {
            Htmx.retarget(res, "#" + Ids.DOM_COMPOSE, "outerHTML");
            Templates.sendHtml(res, e.status(), views.composeHtml(new ComposeForm(t, Ids.ROUTE_MESSAGES, cid, body, t.t(e.key()), null, false)));
        } else {
            sendPage(req, res, e.status(), t, thread, cid, body, t.t(e.key()));
        }
    }

    private void rename(ServerRequest req, ServerResponse res) {
        Map<String, String> form = Forms.read(req, MAX_FORM_BYTES);
        ChatThread thread = currentOrNew(req, res);
        chat.rename(thread.id(), form.get("name"));
        redirectHome(req, res);
    }

    /** Older messages: a fragment for htmx, or (without script) the page starting at that point. */
    private void older(ServerRequest req, ServerResponse res) {
        I18n t = I18n.of(req);
        ChatThread thread = currentOrNew(req, res);
        long before = req.query().first("before").asOptional().map(VisitorRoutes::parseLong).orElse(0L);
        ChatService.HistoryPage page = chat.historyPage(thread.id(), before);
        if (Htmx.isHtmx(req)) {
            Templates.sendHtml(res, 200, views.olderHtml(page, thread.id(), ChatViews.Viewer.VISITOR, t, null));
        } else {
            sendPage(req, res, 200, t, thread, page, ChatViews.newClientId(), "", null);
        }
    }

    private static long parseLong(String s) {
        try {
            return Math.max(0, Long.parseLong(s));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The visitor leaves an email address for a follow-up while the desk is away. */
    private void email(ServerRequest req, ServerResponse res) {
        Map<String, String> form = Forms.read(req, MAX_FORM_BYTES);
        ChatThread thread = currentOrNew(req, res);
        chat.leaveEmail(thread.id(), form.get("email"));
        redirectHome(req, res);
    }

    /** The conversation alone for the scripts-off frame; never starts a thread (the page around it did). */
    private void transcript(ServerRequest req, ServerResponse res) {
        I18n t = I18n.of(req);
        var thread = cookie.threadId(req).flatMap(chat::thread);
        var messages = thread.map(th -> chat.historyPage(th.id(), 0).messages()).orElse(java.util.List.of());
        boolean seen = thread.map(th -> chat.seenByAdmin(th, messages)).orElse(false);
        PageHead head = new PageHead(t, assets, t.t("page.chat"), false, "transcript", null);
        sohbet.web.SecurityHeaders.allowFramingByOwnPages(res, embed);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        templates.sendCompressed(req, res, 200, "visitor/transcript.jte", new TranscriptPage(head,
                views.views(messages, ChatViews.Viewer.VISITOR, t, null), seen, t.t("chat.seen"), t.t("chat.empty"), NOSCRIPT_REFRESH_SECONDS));
    }

    /** The visitor is typing; htmx throttles these to one every few seconds. Nothing is stored. */
    private void typing(ServerRequest req, ServerResponse res) {
        cookie.threadId(req).ifPresent(id -> hub.typing(id, true));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void events(ServerRequest req, ServerResponse res) {
        var threadId = cookie.threadId(req).filter(id -> chat.thread(id).isPresent());
        if (threadId.isEmpty()) {
            // Nothing to stream without a thread; 204 tells EventSource not to retry right away.
            res.status(Status.NO_CONTENT_204).send();
            return;
        }
        long id = threadId.get();
        if (!Origins.sameSite(req)) {
            throw new BadRequest("error.crossSite", 403);
        }
        refuseWhenFull();
        if (hub.visitorStreams(id) >= MAX_STREAMS_PER_VISITOR) {
            hub.dropOldestVisitorStream(id);
        }
        I18n t = I18n.of(req);
        OptionalLong lastId = Replay.lastEventId(req);
        Subscriber sub = hub.subscribeVisitor(id);
        presence.visitorConnected(id);
        try {
            streams.run(res, sub, new SseStream.Handler() {
                long delivered;

                @Override
                public void open(EventSink sink) {
                    sink.emit(SseStream.event(Ids.EVENT_PRESENCE, adminPresenceHtml(t, presence.adminOnline())));
                    delivered = replay.catchUp(sink, id, lastId, ChatViews.Viewer.VISITOR, t, null);
                }

                @Override
                public void event(EventSink sink, LiveEvent e) {
                    switch (e) {
                        case LiveEvent.NewMessage nm -> {
                            delivered = replay.deliver(sink, id, delivered, nm, ChatViews.Viewer.VISITOR, t, null);
                            // A new message ends the other side's typing, and the visitor's own is not seen yet.
                            sink.emit(SseStream.event(nm.message().fromVisitor() ? Ids.EVENT_SEEN : Ids.EVENT_TYPING, ""));
                        }
                        case LiveEvent.CatchUp cu -> delivered = replay.forward(sink, id, delivered, ChatViews.Viewer.VISITOR, t, null);
                        case LiveEvent.AdminPresence ap -> sink.emit(SseStream.event(Ids.EVENT_PRESENCE, adminPresenceHtml(t, ap.online())));
                        case LiveEvent.Typing ty -> sink.emit(SseStream.event(Ids.EVENT_TYPING, views.typingHtml(t.t("typing.admin"))));
                        case LiveEvent.ThreadRead tr -> sink.emit(SseStream.event(Ids.EVENT_SEEN, views.seenHtml(t)));
                        default -> {
                        }
                    }
                }
            });
        } finally {
            presence.visitorDisconnected(id);
        }
    }

    private void refuseWhenFull() {
        if (!admission.admits(hub.subscriberCount())) {
            throw new BadRequest("error.busy", 503, Admission.RETRY_AFTER_SECONDS);
        }
    }

    private String adminPresenceHtml(I18n t, boolean online) {
        return templates.render("visitor/presence.jte", adminPresence(t, online));
    }

    private static PresenceView adminPresence(I18n t, boolean online) {
        return new PresenceView(online, t.t(online ? "presence.adminOnline" : "presence.adminOffline"));
    }

    private ChatThread currentOrNew(ServerRequest req, ServerResponse res) {
        return cookie.threadId(req).flatMap(chat::thread).orElseGet(() -> {
            // A new visitor would open a stream next: when none fits, say so now, before a thread is made.
            refuseWhenFull();
            if (!limits.allow(limits.rules().newThreadsPerAddress(), addresses.of(req))) {
                throw new BadRequest("error.tooManyThreads", 429);
            }
            boolean embedded = embed.embedded(req);
            // Inside the frame the Referer is the frame's own address; the script reports the owner's page instead.
            ChatThread created = chat.startThread(req.headers().first(HeaderNames.USER_AGENT).orElse(null),
                    embedded ? null : req.headers().first(HeaderNames.REFERER).orElse(null), I18n.of(req).t("visitor.defaultName"));
            if (embedded) {
                cookie.setEmbedded(res, created.id());
            } else {
                cookie.set(res, created.id());
            }
            return created;
        });
    }

    private void sendPage(ServerRequest req, ServerResponse res, int status, I18n t, ChatThread thread, String clientId, String draft,
                          String error) {
        sendPage(req, res, status, t, thread, chat.historyPage(thread.id(), 0), clientId, draft, error);
    }

    private void sendPage(ServerRequest req, ServerResponse res, int status, I18n t, ChatThread thread, ChatService.HistoryPage history,
                          String clientId,
                          String draft, String error) {
        var messages = history.messages();
        long lastId = messages.isEmpty() ? 0 : messages.getLast().id();
        boolean embedded = embed.embedded(req);
        PageHead head = embedded
                ? new PageHead(t, assets, t.t("page.chat"), true, "visitor embedded", null, new PageHead.Embed(embed.frameAncestors(),
                        thread.id() > 0 ? cookie.token(thread.id()) : ""))
                : new PageHead(t, assets, t.t("page.chat"), true, "visitor", null);
        ChatPage page = new ChatPage(head, t, thread.visitorName(), views.views(messages, ChatViews.Viewer.VISITOR, t, null), lastId,
                adminPresence(t, presence.adminOnline()), new ComposeForm(t, Ids.ROUTE_MESSAGES, clientId, draft, error, null, false),
                chat.seenByAdmin(thread, messages), away.away(),
                away.hours().text().isEmpty() ? "" : t.t("away.hours", views.time().zone().getId(), away.hours().text()),
                chat.email(thread.id()).orElse(""), ChatViews.olderUrl(history, thread.id(), ChatViews.Viewer.VISITOR), privacyUrl);
        templates.sendCompressed(req, res, status, "visitor/page.jte", page);
    }

    /** Back to the chat page after a script-free post: inside the frame, back to the embedded page. */
    private void redirectHome(ServerRequest req, ServerResponse res) {
        Http.seeOther(res, embed.embedded(req) ? Ids.ROUTE_EMBED : Ids.ROUTE_HOME);
    }
}
