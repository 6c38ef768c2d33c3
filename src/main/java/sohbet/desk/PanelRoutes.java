package sohbet.desk;

import java.util.Locale;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import sohbet.core.Threads;
import sohbet.core.ChatException;
import sohbet.core.ChatService;
import sohbet.core.ChatThread;
import sohbet.core.ClientIds;
import sohbet.core.Message;
import sohbet.desk.auth.AdminFilter;
import sohbet.desk.auth.AdminSessions;
import sohbet.live.LiveHub;
import sohbet.desk.PanelStream;
import sohbet.visitor.ChatViews;
import sohbet.visitor.ComposeForm;
import sohbet.web.Assets;
import sohbet.web.Forms;
import sohbet.web.Htmx;
import sohbet.web.Http;
import sohbet.web.I18n;
import sohbet.web.Ids;
import sohbet.web.PageHead;
import sohbet.web.Templates;

/**
 * The admin panel: the thread list, an open thread, replying, older messages, typing, and its live
 * stream. Every path here is behind {@link AdminFilter}, which has checked the session already.
 */
public final class PanelRoutes implements HttpService {
    private static final int MAX_FORM_BYTES = 64 * 1024;

    public record Needs(ChatService chat, ChatViews views, AdminViews admin, CannedReplies canned, LiveHub hub, PanelStream stream,
                        Templates templates, Assets assets) {
    }

    private final Needs n;

    public PanelRoutes(Needs needs) {
        this.n = needs;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(Ids.ROUTE_ADMIN, this::panel)
                .get(Ids.ROUTE_ADMIN_THREADS + "{id}", this::thread)
                .post(Ids.ROUTE_ADMIN_THREADS + "{id}/messages", this::reply)
                .post(Ids.ROUTE_ADMIN_THREADS + "{id}/typing", this::typing)
                .get(Ids.ROUTE_ADMIN_THREADS + "{id}/older", this::older)
                .get(Ids.ROUTE_ADMIN_EVENTS, n.stream());
    }

    private void panel(ServerRequest req, ServerResponse res) {
        sendPanel(req, res, 200, null, ClientIds.fresh(), "", null);
    }

    private void thread(ServerRequest req, ServerResponse res) {
        ChatThread thread = PathThread.of(n.chat(), req);
        n.chat().markRead(thread.id());
        // ?canned=<id> starts the reply with a saved answer (a plain link, so it works without script too).
        String draft = req.query().first("canned").asOptional().flatMap(Http::positiveId).flatMap(n.canned()::byId)
                .map(r -> r.body()).orElse("");
        sendPanel(req, res, 200, thread, ClientIds.fresh(), draft, null);
    }

    private void reply(ServerRequest req, ServerResponse res) {
        Map<String, String> form = Forms.read(req, MAX_FORM_BYTES);
        AdminFilter.requireCsrf(req, form);
        ChatThread thread = PathThread.of(n.chat(), req);
        String body = form.getOrDefault("body", "");
        String clientId = form.get("client_id");
        Message stored;
        try {
            stored = n.chat().postText(thread.id(), Message.Sender.ADMIN, Message.Channel.WEB, body, clientId);
        } catch (ChatException e) {
            refused(req, res, thread, ClientIds.forRetry(clientId), body, e);
            return;
        }
        n.chat().markRead(thread.id());
        if (Htmx.isHtmx(req)) {
            I18n t = I18n.of(req);
            String fresh = n.views().composeHtml(compose(req, t, thread, ClientIds.fresh(), "", null, true));
            Templates.sendHtml(res, 200, n.views().messageHtml(stored, ChatViews.Viewer.ADMIN, t, thread.visitorName()) + fresh);
        } else {
            Http.seeOther(res, Ids.adminThread(thread.id()));
        }
    }

    /** The reply form again with what was typed and why it was refused: the form alone for htmx, else the panel. */
    private void refused(ServerRequest req, ServerResponse res, ChatThread thread, String clientId, String body, ChatException e) {
        I18n t = I18n.of(req);
        if (Htmx.isHtmx(req)) {
            Htmx.retarget(res, "#" + Ids.DOM_COMPOSE, "outerHTML");
            Templates.sendHtml(res, e.status(), n.views().composeHtml(compose(req, t, thread, clientId, body, t.t(e.key()), false)));
        } else {
            sendPanel(req, res, e.status(), thread, clientId, body, t.t(e.key()));
        }
    }

    private static ComposeForm compose(ServerRequest req, I18n t, ChatThread thread, String clientId, String body, String error,
                                       boolean oob) {
        return new ComposeForm(t, AdminViews.replyAction(thread.id()), clientId, body, error, AdminFilter.session(req).csrf(), oob);
    }

    /** Older messages of the open thread, for htmx; without script the panel opens at the thread. */
    private void older(ServerRequest req, ServerResponse res) {
        ChatThread thread = PathThread.of(n.chat(), req);
        long before = req.query().first("before").asOptional().flatMap(Http::positiveId).orElse(0L);
        if (!Htmx.isHtmx(req)) {
            Http.seeOther(res, Ids.adminThread(thread.id()));
            return;
        }
        Templates.sendHtml(res, 200, n.views().olderHtml(n.chat().historyPage(thread.id(), before), thread.id(), ChatViews.Viewer.ADMIN,
                I18n.of(req), thread.visitorName()));
    }

    /** The admin is typing a reply: the visitor sees it. Needs the CSRF header like any post. */
    private void typing(ServerRequest req, ServerResponse res) {
        AdminFilter.requireCsrf(req, Forms.read(req, MAX_FORM_BYTES));
        n.hub().typing(PathThread.of(n.chat(), req).id(), false);
        res.status(Status.NO_CONTENT_204).send();
    }

    private void sendPanel(ServerRequest req, ServerResponse res, int status, ChatThread thread, String clientId, String draft,
                           String error) {
        I18n t = I18n.of(req);
        AdminSessions.Session s = AdminFilter.session(req);
        long selectedId = thread == null ? 0 : thread.id();
        SelectedThread selected = thread == null ? null : n.admin().selected(thread, t, s.csrf(), clientId, draft, error);
        Threads.Filter filter = AdminViews.filter(req.query().first("filter").orElse(null));
        String filterName = filter.name().toLowerCase(Locale.ROOT);
        int listPage = AdminViews.page(req.query().first("page").orElse(null));
        String events = Ids.ROUTE_ADMIN_EVENTS + "?filter=" + filterName + "&page=" + listPage
                + (thread == null ? "" : "&thread=" + thread.id() + "&last_event_id=" + selected.lastId());
        PageHead head = new PageHead(t, n.assets(), t.t("page.admin"), false, "admin-page", s.csrf());
        n.templates().send(res, status, "desk/panel.jte", new AdminPage(head, n.admin().list(t, selectedId, filter, listPage), selected,
                events, s.csrf(), filterName, n.canned().all(), n.admin().botBanner(t)));
    }
}
