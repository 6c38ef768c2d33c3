package sohbet.media;

import sohbet.core.ClientIds;

import java.util.Optional;
import java.util.function.LongPredicate;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import sohbet.core.ChatException;
import sohbet.core.ChatService;
import sohbet.core.ChatThread;
import sohbet.core.Message;
import sohbet.desk.auth.AdminFilter;
import sohbet.desk.auth.AdminSessions;
import sohbet.visitor.ChatViews;
import sohbet.visitor.VisitorCookie;
import sohbet.web.Assets;
import sohbet.web.ErrorPage;
import sohbet.web.Htmx;
import sohbet.web.Http;
import sohbet.web.I18n;
import sohbet.web.Ids;
import sohbet.web.PageHead;
import sohbet.web.Templates;

/**
 * Uploading photos and voice notes ({@code POST /uploads} for the visitor, {@code POST
 * /admin/threads/{id}/uploads} for the admin) and serving them back ({@code GET /media/{id}}, see
 * {@link MediaServing}). Uploads answer like text posts: the message fragment plus a fresh form for
 * htmx, 303 without it, and a clear 4xx (form with the error for htmx, an error page without) when
 * refused. The body is read by {@link UploadReader}.
 */
public final class MediaRoutes implements HttpService {
    private final MediaService media;
    private final ChatService chat;
    private final ChatViews views;
    private final VisitorCookie cookie;
    private final AdminSessions sessions;
    private final Templates templates;
    private final Assets assets;
    private final LongPredicate visitorMayUpload;
    private final UploadReader reader;
    private final MediaServing serving;

    /** Where one upload came from: the visitor's page, or the admin's page of one thread. */
    private record Door(String action, String back, String csrf, boolean byAdmin) {
        static Door of(ChatThread thread, AdminSessions.Session admin) {
            return admin == null
                    ? new Door(MediaIds.ROUTE_UPLOADS, Ids.ROUTE_HOME, null, false)
                    : new Door(MediaIds.adminUploads(thread.id()), Ids.adminThread(thread.id()), admin.csrf(), true);
        }
    }

    public MediaRoutes(MediaService media, ChatService chat, ChatViews views, VisitorCookie cookie, AdminSessions sessions,
                       Templates templates, Assets assets) {
        this(media, chat, views, cookie, sessions, templates, assets, threadId -> true);
    }

    /** @param visitorMayUpload a rate limit by thread id (LIMIT_UPLOADS_PER_HOUR); false answers 429 */
    public MediaRoutes(MediaService media, ChatService chat, ChatViews views, VisitorCookie cookie, AdminSessions sessions,
                       Templates templates, Assets assets, LongPredicate visitorMayUpload) {
        this.media = media;
        this.chat = chat;
        this.views = views;
        this.cookie = cookie;
        this.sessions = sessions;
        this.templates = templates;
        this.assets = assets;
        this.visitorMayUpload = visitorMayUpload;
        this.reader = new UploadReader(media);
        this.serving = new MediaServing(media, cookie, sessions);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(MediaIds.ROUTE_UPLOADS, this::visitorUpload)
                .post(Ids.ROUTE_ADMIN_THREADS + "{id}/uploads", this::adminUpload)
                .get(MediaIds.ROUTE_MEDIA + "{id}", serving::serve);
    }

    private void visitorUpload(ServerRequest req, ServerResponse res) {
        I18n t = I18n.of(req);
        Optional<ChatThread> thread = cookie.threadId(req).flatMap(chat::thread);
        UploadForm form = new UploadForm(t, MediaIds.ROUTE_UPLOADS, ClientIds.fresh(), null, "", null, false);
        if (thread.isEmpty()) {
            refuse(req, res, t, 403, t.t("error.noSession"), Ids.ROUTE_HOME, form);
        } else if (!visitorMayUpload.test(thread.get().id())) {
            refuse(req, res, t, 429, t.t("error.tooMany"), Ids.ROUTE_HOME, form);
        } else {
            upload(req, res, t, thread.get(), null);
        }
    }

    private void adminUpload(ServerRequest req, ServerResponse res) {
        // The admin filter let this request through only with a session.
        AdminSessions.Session admin = AdminFilter.session(req);
        ChatThread thread = Http.positiveId(req.path().pathParameters().get("id")).flatMap(chat::thread)
                .orElseThrow(() -> new ChatException("error.noThread", 404));
        upload(req, res, I18n.of(req), thread, admin);
    }

    private void upload(ServerRequest req, ServerResponse res, I18n t, ChatThread thread, AdminSessions.Session admin) {
        Door door = Door.of(thread, admin);
        Upload u = new Upload();
        Message stored;
        try {
            reader.read(req, admin, u);
            stored = media.post(thread.id(), door.byAdmin() ? Message.Sender.ADMIN : Message.Sender.VISITOR, Message.Channel.WEB,
                    u.file, u.caption, u.clientId);
        } catch (MediaException | ChatException e) {
            u.close();
            String message = message(t, e);
            refuse(req, res, t, status(e), message, door.back(), u.form(t, door.action(), door.csrf(), message));
            return;
        } finally {
            u.close(); // the spooled copy goes before the answer does
        }
        accepted(req, res, t, thread, door, stored);
    }

    private void accepted(ServerRequest req, ServerResponse res, I18n t, ChatThread thread, Door door, Message stored) {
        if (door.byAdmin()) {
            chat.markRead(thread.id());
        }
        if (Htmx.isHtmx(req)) {
            String fresh = templates.render("visitor/upload.jte",
                    new UploadForm(t, door.action(), ClientIds.fresh(), door.csrf(), "", null, true));
            ChatViews.Viewer viewer = door.byAdmin() ? ChatViews.Viewer.ADMIN : ChatViews.Viewer.VISITOR;
            Templates.sendHtml(res, 200, views.messageHtml(stored, viewer, t, door.byAdmin() ? thread.visitorName() : null) + fresh);
        } else {
            Http.seeOther(res, door.back());
        }
    }

    private static String message(I18n t, RuntimeException e) {
        if (e instanceof MediaException me) {
            return me.args().length == 0 ? t.t(me.key()) : t.t(me.key(), me.args());
        }
        return t.t(((ChatException) e).key());
    }

    private static int status(RuntimeException e) {
        return e instanceof MediaException me ? me.status() : ((ChatException) e).status();
    }

    private void refuse(ServerRequest req, ServerResponse res, I18n t, int status, String message, String back, UploadForm form) {
        if (res.isSent()) {
            return;
        }
        if (Htmx.isHtmx(req)) {
            Htmx.retarget(res, "#" + MediaIds.DOM_UPLOAD, "outerHTML");
            Templates.sendHtml(res, status, templates.render("visitor/upload.jte", form));
        } else {
            PageHead head = new PageHead(t, assets, t.t("page.error"), false, "error", null);
            templates.send(res, status, "error.jte", new ErrorPage(head, message, back));
        }
    }
}
