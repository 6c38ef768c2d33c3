package sohbet.desk;

import sohbet.desk.auth.AdminGuard;
import sohbet.desk.auth.AdminSessions;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import sohbet.web.Forms;
import sohbet.web.I18n;
import sohbet.web.Ids;
import sohbet.web.PageHead;
import sohbet.web.Templates;
import sohbet.web.TimeFormat;
import sohbet.web.Assets;

/** The support desk's actions on threads: close, reopen, delete (with a confirmation), export, search. */
public final class DeskRoutes implements HttpService {
    private static final int MAX_FORM_BYTES = 16 * 1024;
    private static final int SEARCH_LIMIT = 50;
    private static final int SNIPPET = 120;

    private final AdminGuard guard;
    private final ChatService chat;
    private final Templates templates;
    private final Assets assets;
    private final TimeFormat time;
    private final ZoneId zone;
    private volatile Consumer<List<String>> mediaRemover = refs -> { };

    private final CannedReplies canned;

    public DeskRoutes(AdminGuard guard, ChatService chat, CannedReplies canned, Templates templates, Assets assets, TimeFormat time) {
        this.canned = canned;
        this.guard = guard;
        this.chat = chat;
        this.templates = templates;
        this.assets = assets;
        this.time = time;
        this.zone = time.zone();
    }

    /** Removes the files of a deleted thread's media messages. */
    public void mediaRemover(Consumer<List<String>> remover) {
        this.mediaRemover = remover;
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
        Optional<AdminSessions.Session> s = guard.requireSession(req, res);
        if (s.isEmpty()) {
            return;
        }
        AdminGuard.requireCsrf(req, s.get(), Forms.read(req, MAX_FORM_BYTES));
        ChatThread thread = guard.threadFrom(req);
        chat.setOpen(thread.id(), open);
        AdminGuard.redirect(res, Ids.adminThread(thread.id()));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Optional<AdminSessions.Session> s = guard.requireSession(req, res);
        if (s.isEmpty()) {
            return;
        }
        Map<String, String> form = Forms.read(req, MAX_FORM_BYTES);
        AdminGuard.requireCsrf(req, s.get(), form);
        ChatThread thread = guard.threadFrom(req);
        if (!"yes".equals(form.get("confirm"))) {
            I18n t = I18n.of(req);
            PageHead head = new PageHead(t, assets, t.t("page.admin"), false, "admin-page", s.get().csrf());
            templates.send(res, 200, "desk/confirm.jte", new ConfirmPage(head, t.t("confirm.deleteThread", thread.visitorName()),
                    Ids.adminThread(thread.id()) + "/delete", Ids.adminThread(thread.id()), s.get().csrf()));
            return;
        }
        List<String> media = chat.delete(thread.id());
        mediaRemover.accept(media);
        AdminGuard.redirect(res, Ids.ROUTE_ADMIN);
    }

    private void export(ServerRequest req, ServerResponse res) {
        if (guard.requireSession(req, res).isEmpty()) {
            return;
        }
        ChatThread thread = guard.threadFrom(req);
        String text = Transcript.of(thread, chat.transcript(thread.id()), zone, I18n.of(req));
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"sohbet-" + thread.tag() + ".txt\"");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(text.getBytes(StandardCharsets.UTF_8));
    }

    private void search(ServerRequest req, ServerResponse res) {
        Optional<AdminSessions.Session> s = guard.requireSession(req, res);
        if (s.isEmpty()) {
            return;
        }
        I18n t = I18n.of(req);
        String q = req.query().first("q").orElse("");
        SearchResults found = chat.search(q, SEARCH_LIMIT);
        List<SearchPage.Hit> hits = new ArrayList<>();
        for (ChatThread th : found.threads()) {
            hits.add(new SearchPage.Hit(Ids.adminThread(th.id()), th.visitorName(), "#" + th.tag(), time.relative(th.lastActivityAt(), t)));
        }
        for (Message m : found.messages()) {
            String name = chat.thread(m.threadId()).map(ChatThread::visitorName).orElse("#T" + m.threadId());
            hits.add(new SearchPage.Hit(Ids.adminThread(m.threadId()) + "#" + Ids.messageDomId(m.id()), name, snippet(m.body()),
                    time.clock(m.createdAt())));
        }
        PageHead head = new PageHead(t, assets, t.t("page.admin"), false, "admin-page", s.get().csrf());
        templates.send(res, 200, "desk/search.jte", new SearchPage(head, found.query(), hits, found.query().codePointCount(0, found.query().length()) < 2));
    }

    private void cannedPage(ServerRequest req, ServerResponse res) {
        guard.requireSession(req, res).ifPresent(s -> sendCanned(req, res, s));
    }

    private void saveCanned(ServerRequest req, ServerResponse res) {
        Optional<AdminSessions.Session> s = guard.requireSession(req, res);
        if (s.isEmpty()) {
            return;
        }
        Map<String, String> form = Forms.read(req, 64 * 1024);
        AdminGuard.requireCsrf(req, s.get(), form);
        canned.save(form.get("name"), form.get("body"));
        AdminGuard.redirect(res, Ids.ROUTE_ADMIN_CANNED);
    }

    private void deleteCanned(ServerRequest req, ServerResponse res) {
        Optional<AdminSessions.Session> s = guard.requireSession(req, res);
        if (s.isEmpty()) {
            return;
        }
        AdminGuard.requireCsrf(req, s.get(), Forms.read(req, MAX_FORM_BYTES));
        AdminGuard.parseId(req.path().pathParameters().get("id")).ifPresent(canned::delete);
        AdminGuard.redirect(res, Ids.ROUTE_ADMIN_CANNED);
    }

    private void sendCanned(ServerRequest req, ServerResponse res, AdminSessions.Session s) {
        I18n t = I18n.of(req);
        PageHead head = new PageHead(t, assets, t.t("canned.title"), false, "admin-page", s.csrf());
        templates.send(res, 200, "desk/canned.jte", new CannedPage(head, canned.all(), s.csrf()));
    }

    private static String snippet(String body) {
        String one = body.replaceAll("\\s+", " ");
        return one.length() <= SNIPPET ? one : one.substring(0, SNIPPET - 1) + "…";
    }
}
