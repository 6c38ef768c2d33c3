package sohbet.visitor;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import sohbet.core.ChatService;
import sohbet.core.ChatThread;
import sohbet.web.Http;
import sohbet.web.I18n;
import sohbet.web.Ids;
import sohbet.web.PageHead;

/** The visitor's chat page, full or in the compact layout of the frame on an allowed site. */
final class ChatPages {
    private final VisitorRoutes.Needs n;

    ChatPages(VisitorRoutes.Needs needs) {
        this.n = needs;
    }

    /** The page with the latest messages. */
    void send(ServerRequest req, ServerResponse res, int status, ChatThread thread, String clientId, String draft, String error) {
        send(req, res, status, thread, n.chat().historyPage(thread.id(), 0), clientId, draft, error);
    }

    void send(ServerRequest req, ServerResponse res, int status, ChatThread thread, ChatService.HistoryPage history, String clientId,
              String draft, String error) {
        I18n t = I18n.of(req);
        var messages = history.messages();
        long lastId = messages.isEmpty() ? 0 : messages.getLast().id();
        var away = n.away();
        ChatPage page = new ChatPage(head(req, t, thread), t, thread.visitorName(), n.views().views(messages, ChatViews.Viewer.VISITOR, t, null),
                lastId, ChatViews.adminPresence(t, n.presence().adminOnline()),
                new ComposeForm(t, Ids.ROUTE_MESSAGES, clientId, draft, error, null, false),
                n.chat().seenByAdmin(thread, messages), away.away(),
                away.hours().text().isEmpty() ? "" : t.t("away.hours", n.views().time().zone().getId(), away.hours().text()),
                n.chat().email(thread.id()).orElse(""), ChatViews.olderUrl(history, thread.id(), ChatViews.Viewer.VISITOR), n.privacyUrl());
        n.templates().sendCompressed(req, res, status, "visitor/page.jte", page);
    }

    private PageHead head(ServerRequest req, I18n t, ChatThread thread) {
        if (!n.embed().embedded(req)) {
            return new PageHead(t, n.assets(), t.t("page.chat"), true, "visitor", null);
        }
        return new PageHead(t, n.assets(), t.t("page.chat"), true, "visitor embedded", null, new PageHead.Embed(n.embed().frameAncestors(),
                thread.id() > 0 ? n.cookie().token(thread.id()) : ""));
    }

    /** Back to the chat page after a script-free post: inside the frame, back to the embedded page. */
    void redirectHome(ServerRequest req, ServerResponse res) {
        Http.seeOther(res, n.embed().embedded(req) ? Ids.ROUTE_EMBED : Ids.ROUTE_HOME);
    }
}
