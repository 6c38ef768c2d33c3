package sohbet.desk;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import sohbet.core.ChatService;
import sohbet.core.ChatThread;
import sohbet.core.Message;
import sohbet.core.SearchResults;
import sohbet.desk.auth.AdminFilter;
import sohbet.web.Assets;
import sohbet.web.Forms;
import sohbet.web.Http;
import sohbet.web.I18n;
import sohbet.web.Ids;
import sohbet.web.PageHead;
import sohbet.web.Templates;
import sohbet.web.TimeFormat;

/**
 * The support desk's actions on threads: close, reopen, delete (with a confirmation), export, search,
 * and the saved answers. Every path here is behind {@link AdminFilter}, which has checked the session already.
 */
public final class DeskRoutes implements HttpService {
    private static final int MAX_FORM_BYTES = 16 * 1024;
    private static final int MAX_CANNED_FORM_BYTES = 64 * 1024;
    private static final int SEARCH_LIMIT = 50;
    private static final int SNIPPET = 120;

    /** {@code mediaRemover} removes the files of a deleted thread's media messages. */
    public record Needs(ChatService chat, CannedReplies canned, Templates templates, Assets assets, TimeFormat time,
                        Consumer<List<String>> mediaRemover) {
    }

    private final Needs n;

    public DeskRoutes(Needs needs) {
        this.n = needs;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(Ids.ROUTE_ADMIN_THREADS + "{id}/close", (req, res) -> setOpen(req, res, false))
                .post(Ids.ROUTE_ADMIN_THREADS + "{id}/reopen", (req, res) -> setOpen(req, res, true))
                .post(Ids.ROUTE_ADMIN_THREADS + "{id}/delete", this::delete)
                .get(Ids.ROUTE_ADMIN_THREADS + "{id}/export", this::export)
                .get(Ids.ROUTE_ADMIN_SEARCH, this::search)
                .get(Ids.ROUTE_ADMIN_CANNED, this::cannedPage)
                .post(Ids.ROUTE_ADMIN_CANNED, this::saveCanned)
                .post(Ids.ROUTE_ADMIN_CANNED + "/{id}/delete", this::deleteCanned);
    }

    private void setOpen(ServerRequest req, ServerResponse res, boolean open) {
        AdminFilter.requireCsrf(req, Forms.read(req, MAX_FORM_BYTES));
        ChatThread thread = PathThread.of(n.chat(), req);
        n.chat().setOpen(thread.id(), open);
        Http.seeOther(res, Ids.adminThread(thread.id()));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Map<String, String> form = Forms.read(req, MAX_FORM_BYTES);
        AdminFilter.requireCsrf(req, form);
        ChatThread thread = PathThread.of(n.chat(), req);
        if (!"yes".equals(form.get("confirm"))) {
            sendConfirmDelete(req, res, thread);
            return;
        }
        n.mediaRemover().accept(n.chat().delete(thread.id()));
        Http.seeOther(res, Ids.ROUTE_ADMIN);
    }

    private void sendConfirmDelete(ServerRequest req, ServerResponse res, ChatThread thread) {
        I18n t = I18n.of(req);
        String csrf = AdminFilter.session(req).csrf();
        PageHead head = new PageHead(t, n.assets(), t.t("page.admin"), false, "admin-page", csrf);
        n.templates().send(res, 200, "desk/confirm.jte", new ConfirmPage(head, t.t("confirm.deleteThread", thread.visitorName()),
                Ids.adminThread(thread.id()) + "/delete", Ids.adminThread(thread.id()), csrf));
    }

    private void export(ServerRequest req, ServerResponse res) {
        ChatThread thread = PathThread.of(n.chat(), req);
        String text = Transcript.of(thread, n.chat().transcript(thread.id()), n.time().zone(), I18n.of(req));
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"sohbet-" + thread.tag() + ".txt\"");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(text.getBytes(StandardCharsets.UTF_8));
    }

    private void search(ServerRequest req, ServerResponse res) {
        I18n t = I18n.of(req);
        SearchResults found = n.chat().search(req.query().first("q").orElse(""), SEARCH_LIMIT);
        List<SearchPage.Hit> hits = new ArrayList<>();
        for (ChatThread th : found.threads()) {
            hits.add(new SearchPage.Hit(Ids.adminThread(th.id()), th.visitorName(), "#" + th.tag(), n.time().relative(th.lastActivityAt(), t)));
        }
        for (Message m : found.messages()) {
            String name = n.chat().thread(m.threadId()).map(ChatThread::visitorName).orElse("#T" + m.threadId());
            hits.add(new SearchPage.Hit(Ids.adminThread(m.threadId()) + "#" + Ids.messageDomId(m.id()), name, snippet(m.body()),
                    n.time().clock(m.createdAt())));
        }
        PageHead head = new PageHead(t, n.assets(), t.t("page.admin"), false, "admin-page", AdminFilter.session(req).csrf());
        n.templates().send(res, 200, "desk/search.jte", new SearchPage(head, found.query(), hits,
                found.query().codePointCount(0, found.query().length()) < 2));
    }

    private void cannedPage(ServerRequest req, ServerResponse res) {
        I18n t = I18n.of(req);
        String csrf = AdminFilter.session(req).csrf();
        PageHead head = new PageHead(t, n.assets(), t.t("canned.title"), false, "admin-page", csrf);
        n.templates().send(res, 200, "desk/canned.jte", new CannedPage(head, n.canned().all(), csrf));
    }

    private void saveCanned(ServerRequest req, ServerResponse res) {
        Map<String, String> form = Forms.read(req, MAX_CANNED_FORM_BYTES);
        AdminFilter.requireCsrf(req, form);
        n.canned().save(form.get("name"), form.get("body"));
        Http.seeOther(res, Ids.ROUTE_ADMIN_CANNED);
    }

    private void deleteCanned(ServerRequest req, ServerResponse res) {
        AdminFilter.requireCsrf(req, Forms.read(req, MAX_FORM_BYTES));
        Http.positiveId(req.path().pathParameters().get("id")).ifPresent(n.canned()::delete);
        Http.seeOther(res, Ids.ROUTE_ADMIN_CANNED);
    }

    private static String snippet(String body) {
        String one = body.replaceAll("\\s+", " ");
        return one.length() <= SNIPPET ? one : one.substring(0, SNIPPET - 1) + "…";
    }
}
