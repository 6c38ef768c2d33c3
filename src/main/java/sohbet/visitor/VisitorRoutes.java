package sohbet.visitor;

import java.util.List;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import sohbet.core.AwayMode;
import sohbet.core.ChatException;
import sohbet.core.ChatService;
import sohbet.core.ChatThread;
import sohbet.core.ClientIds;
import sohbet.core.Message;
import sohbet.core.Presence;
import sohbet.live.LiveHub;
import sohbet.visitor.VisitorStream;
import sohbet.web.Assets;
import sohbet.web.ClientAddress;
import sohbet.web.EmbedPolicy;
import sohbet.web.Forms;
import sohbet.web.Htmx;
import sohbet.web.Http;
import sohbet.web.I18n;
import sohbet.web.Ids;
import sohbet.web.PageHead;
import sohbet.web.RateLimits;
import sohbet.web.SecurityHeaders;
import sohbet.web.Templates;

/** The visitor's doors: the chat page, posting, renaming, the live stream, and (when allowed) the embedded chat. */
public final class VisitorRoutes implements HttpService {
    private static final int MAX_FORM_BYTES = 64 * 1024;
    /** How often the scripts-off conversation frame reloads itself. */
    static final int NOSCRIPT_REFRESH_SECONDS = 15;

    /**
     * What the visitor's side needs. {@code embed} is {@link EmbedPolicy#off()} unless EMBED_ORIGINS allows sites;
     * {@code privacyUrl} (PRIVACY_URL) is the note the footer links to, null for no link.
     */
    public record Needs(ChatService chat, ChatViews views, VisitorCookie cookie, LiveHub hub, VisitorStream stream, Presence presence,
                        AwayMode away, RateLimits limits, ClientAddress addresses, EmbedPolicy embed, String privacyUrl,
                        Templates templates, Assets assets) {
    }

    private final Needs n;
    private final VisitorThreads threads;
    private final ChatPages pages;

    public VisitorRoutes(Needs needs) {
        this.n = needs;
        this.threads = new VisitorThreads(needs);
        this.pages = new ChatPages(needs);
    }

    @Override
    public void routing(HttpRules rules) {
        new EmbedRoutes(n, threads, pages).routing(rules);
        rules.get(Ids.ROUTE_HOME, this::page)
                .post(Ids.ROUTE_MESSAGES, this::post)
                .post(Ids.ROUTE_NAME, this::rename)
                .post(Ids.ROUTE_TYPING, this::typing)
                .post(Ids.ROUTE_EMAIL, this::email)
                .get(Ids.ROUTE_OLDER, this::older)
                .get(Ids.ROUTE_TRANSCRIPT, this::transcript)
                .get(Ids.ROUTE_EVENTS, n.stream());
    }

    private void page(ServerRequest req, ServerResponse res) {
        ChatThread thread = threads.currentOrNew(req, res);
        n.away().visitorSpeaks(thread.id(), I18n.of(req).lang());
        pages.send(req, res, 200, thread, ClientIds.fresh(), "", null);
    }

    private void post(ServerRequest req, ServerResponse res) {
        I18n t = I18n.of(req);
        Map<String, String> form = Forms.read(req, MAX_FORM_BYTES);
        ChatThread thread = threads.currentOrNew(req, res);
        String body = form.getOrDefault("body", "");
        String clientId = form.get("client_id");
        n.away().visitorSpeaks(thread.id(), t.lang());
        Message stored;
        try {
            if (!n.limits().allow(n.limits().rules().messagesPerVisitor(), Long.toString(thread.id()))) {
                throw new ChatException("error.tooMany", 429);
            }
            stored = n.chat().postText(thread.id(), Message.Sender.VISITOR, Message.Channel.WEB, body, clientId);
        } catch (ChatException e) {
            refused(req, res, t, thread, ClientIds.forRetry(clientId), body, e);
            return;
        }
        if (Htmx.isHtmx(req)) {
            String fresh = n.views().composeHtml(new ComposeForm(t, Ids.ROUTE_MESSAGES, ClientIds.fresh(), "", null, null, true));
            Templates.sendHtml(res, 200, n.views().messageHtml(stored, ChatViews.Viewer.VISITOR, t, null) + fresh);
        } else {
            pages.redirectHome(req, res);
        }
    }

    /** The form again with what was typed and why it was refused: the form alone for htmx, else the page. */
    private void refused(ServerRequest req, ServerResponse res, I18n t, ChatThread thread, String clientId, String body, ChatException e) {
        if (Htmx.isHtmx(req)) {
            Htmx.retarget(res, "#" + Ids.DOM_COMPOSE, "outerHTML");
            Templates.sendHtml(res, e.status(), n.views().composeHtml(new ComposeForm(t, Ids.ROUTE_MESSAGES, clientId, body, t.t(e.key()), null, false)));
        } else {
            pages.send(req, res, e.status(), thread, clientId, body, t.t(e.key()));
        }
    }

    private void rename(ServerRequest req, ServerResponse res) {
        Map<String, String> form = Forms.read(req, MAX_FORM_BYTES);
        n.chat().rename(threads.currentOrNew(req, res).id(), form.get("name"));
        pages.redirectHome(req, res);
    }

    /** Older messages: a fragment for htmx, or (without script) the page starting at that point. */
    private void older(ServerRequest req, ServerResponse res) {
        ChatThread thread = threads.currentOrNew(req, res);
        ChatService.HistoryPage page = n.chat().historyPage(thread.id(), before(req));
        if (Htmx.isHtmx(req)) {
            Templates.sendHtml(res, 200, n.views().olderHtml(page, thread.id(), ChatViews.Viewer.VISITOR, I18n.of(req), null));
        } else {
            pages.send(req, res, 200, thread, page, ClientIds.fresh(), "", null);
        }
    }

    /** The {@code before} query value: messages older than this id; 0 (the latest) when missing or not a number. */
    static long before(ServerRequest req) {
        return req.query().first("before").asOptional().flatMap(Http::positiveId).orElse(0L);
    }

    /** The visitor leaves an email address for a follow-up while the desk is away. */
    private void email(ServerRequest req, ServerResponse res) {
        Map<String, String> form = Forms.read(req, MAX_FORM_BYTES);
        n.chat().leaveEmail(threads.currentOrNew(req, res).id(), form.get("email"));
        pages.redirectHome(req, res);
    }

    /** The conversation alone for the scripts-off frame; never starts a thread (the page around it did). */
    private void transcript(ServerRequest req, ServerResponse res) {
        I18n t = I18n.of(req);
        var thread = n.cookie().threadId(req).flatMap(n.chat()::thread);
        List<Message> messages = thread.map(th -> n.chat().historyPage(th.id(), 0).messages()).orElse(List.of());
        boolean seen = thread.map(th -> n.chat().seenByAdmin(th, messages)).orElse(false);
        PageHead head = new PageHead(t, n.assets(), t.t("page.chat"), false, "transcript", null);
        SecurityHeaders.allowFramingByOwnPages(res, n.embed());
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        n.templates().sendCompressed(req, res, 200, "visitor/transcript.jte", new TranscriptPage(head,
                n.views().views(messages, ChatViews.Viewer.VISITOR, t, null), seen, t.t("chat.seen"), t.t("chat.empty"), NOSCRIPT_REFRESH_SECONDS));
    }

    /** The visitor is typing; htmx throttles these to one every few seconds. Nothing is stored. */
    private void typing(ServerRequest req, ServerResponse res) {
        n.cookie().threadId(req).ifPresent(id -> n.hub().typing(id, true));
        res.status(Status.NO_CONTENT_204).send();
    }
}
