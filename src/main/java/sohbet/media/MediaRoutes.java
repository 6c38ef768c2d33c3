package sohbet.media;


import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongPredicate;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import sohbet.desk.auth.AdminSessions;
import sohbet.core.ChatException;
import sohbet.core.ChatService;
import sohbet.core.ChatThread;
import sohbet.visitor.ChatViews;
import sohbet.core.Message;
import sohbet.visitor.VisitorCookie;
import sohbet.web.Assets;
import sohbet.core.BadRequest;
import sohbet.web.ErrorPage;
import sohbet.web.Htmx;
import sohbet.web.Http;
import sohbet.web.I18n;
import sohbet.web.Ids;
import sohbet.web.PageHead;
import sohbet.web.Templates;

/**
 * Uploading photos and voice notes ({@code POST /uploads} for the visitor, {@code POST
 * /admin/threads/{id}/uploads} for the admin) and serving them back ({@code GET /media/{id}}, only
 * to the thread's visitor and the admin; anyone else gets 404 as if it did not exist).
 * Uploads answer like text posts: the message fragment plus a fresh form for htmx, 303 without it,
 * and a clear 4xx (form with the error for htmx, an error page without) when refused.
 */
public final class MediaRoutes implements HttpService {
    private static final int MAX_FIELD_BYTES = 16 * 1024;
    private static final int COPY_BUFFER = 64 * 1024;
    private static final HeaderName CSP = HeaderNames.create("Content-Security-Policy");
    /** A served file is never a page: no scripts, no plugins, no same-origin powers even if a browser tried. */
    private static final String MEDIA_CSP = "default-src 'none'; sandbox";
    private static final String CACHE = "private, max-age=31536000, immutable";

    private final MediaService media;
    private final ChatService chat;
    private final ChatViews views;
    private final VisitorCookie cookie;
    private final AdminSessions sessions;
    private final Templates templates;
    private final Assets assets;
    private final LongPredicate visitorMayUpload;

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
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(MediaIds.ROUTE_UPLOADS, this::visitorUpload)
                .post(Ids.ROUTE_ADMIN_THREADS + "{id}/uploads", this::adminUpload)
                .get(MediaIds.ROUTE_MEDIA + "{id}", this::serve);
    }

    // ---- uploads -----------------------------------------------------------------------------

    private void visitorUpload(ServerRequest req, ServerResponse res) {
        I18n t = I18n.of(req);
        Optional<ChatThread> thread = cookie.threadId(req).flatMap(chat::thread);
        UploadForm form = new UploadForm(t, MediaIds.ROUTE_UPLOADS, ChatViews.newClientId(), null, "", null, false);
        if (thread.isEmpty()) {
            refuse(req, res, t, 403, t.t("error.noSession"), Ids.ROUTE_HOME, form);
            return;
        }
        if (!visitorMayUpload.test(thread.get().id())) {
            refuse(req, res, t, 429, t.t("error.tooMany"), Ids.ROUTE_HOME, form);
            return;
        }
        upload(req, res, t, thread.get(), null);
    }

    private void adminUpload(ServerRequest req, ServerResponse res) {
        Optional<AdminSessions.Session> s = sessions.current(req);
        if (s.isEmpty()) {
            if (Htmx.isHtmx(req)) {
                res.header(Htmx.HX_REDIRECT, Ids.ROUTE_ADMIN_LOGIN);
                res.status(Status.UNAUTHORIZED_401).send();
            } else {
                Http.seeOther(res, Ids.ROUTE_ADMIN_LOGIN);
            }
            return;
        }
        ChatThread thread = Http.positiveId(req.path().pathParameters().get("id")).flatMap(chat::thread)
                .orElseThrow(() -> new ChatException("error.noThread", 404));
        upload(req, res, I18n.of(req), thread, s.get());
    }

    private void upload(ServerRequest req, ServerResponse res, I18n t, ChatThread thread, AdminSessions.Session admin) {
        boolean byAdmin = admin != null;
        String action = byAdmin ? MediaIds.adminUploads(thread.id()) : MediaIds.ROUTE_UPLOADS;
        String back = byAdmin ? Ids.adminThread(thread.id()) : Ids.ROUTE_HOME;
        String csrf = byAdmin ? admin.csrf() : null;
        Upload u = new Upload();
        Message stored;
        try {
            read(req, admin, u);
            if (u.file == null) {
                throw new MediaException("error.media.noFile", 400);
            }
            stored = media.post(thread.id(), byAdmin ? Message.Sender.ADMIN : Message.Sender.VISITOR, Message.Channel.WEB,
                    u.file, u.caption, u.clientId);
        } catch (MediaException | ChatException e) {
            u.close();
            String message;
            int status;
            if (e instanceof MediaException me) {
                message = me.args().length == 0 ? t.t(me.key()) : t.t(me.key(), me.args());
                status = me.status();
            } else {
                ChatException ce = (ChatException) e;
                message = t.t(ce.key());
                status = ce.status();
            }
            refuse(req, res, t, status, message, back, u.form(t, action, csrf, message));
            return;
        } finally {
            u.close(); // the spooled copy goes before the answer does
        }
        if (byAdmin) {
            chat.markRead(thread.id());
        }
        if (Htmx.isHtmx(req)) {
            String fresh = templates.render("visitor/upload.jte", new UploadForm(t, action, ChatViews.newClientId(), csrf, "", null, true));
            ChatViews.Viewer viewer = byAdmin ? ChatViews.Viewer.ADMIN : ChatViews.Viewer.VISITOR;
            Templates.sendHtml(res, 200, views.messageHtml(stored, viewer, t, byAdmin ? thread.visitorName() : null) + fresh);
        } else {
            Http.seeOther(res, back);
        }
    }

    /** Reads the multipart body: text fields into {@code u}, the file spooled to disk, limits enforced as bytes arrive. */
    private void read(ServerRequest req, AdminSessions.Session admin, Upload u) {
        String boundary = Multipart.boundary(req.headers().first(HeaderNames.CONTENT_TYPE).orElse(null));
        if (boundary == null) {
            throw new MediaException("error.media.badMultipart", 400);
        }
        MediaService.Limits limits = media.limits();
        if (req.headers().contentLength().orElse(0) > limits.maxRequestBytes()) {
            throw new MediaException("error.media.tooLarge", 413, limits.maxUploadMb());
        }
        // The admin's token comes as a header (htmx) or as a field before the file (the form puts it first).
        boolean csrfOk = admin == null || AdminSessions.csrfMatches(admin, req.headers().first(Htmx.CSRF).orElse(null));
        try (InputStream body = req.content().inputStream()) {
            Multipart mp = new Multipart(body, boundary, limits.maxRequestBytes(), limits.maxUploadMb());
            for (Multipart.Part p = mp.next(); p != null; p = mp.next()) {
                switch (p.name()) {
                    case "file" -> {
                        if (!csrfOk) {
                            throw new MediaException("error.csrf", 403);
                        }
                        if (p.isFile() && u.refusal == null) {
                            try {
                                spool(mp, p, u);
                            } catch (MediaException e) {
                                if (e.key().equals("error.media.tooLarge")) {
                                    throw e; // over the request limit: stop reading now
                                }
                                // Refused by its first bytes or its size: read on (within the request limit) so the
                                // caption comes back with the error and the browser gets to read the answer.
                                u.refusal = e;
                            }
                        }
                    }
                    case "caption" -> u.caption = text(mp);
                    case "client_id" -> u.clientId = text(mp);
                    case "_csrf" -> {
                        String given = text(mp);
                        csrfOk = csrfOk || AdminSessions.csrfMatches(admin, given);
                    }
                    default -> {
                        // Unknown fields are skipped (still counted against the limit).
                    }
                }
            }
        } catch (IOException | UncheckedIOException | DataReader.InsufficientDataAvailableException e) {
            // The client went away or sent a body that ends early.
            throw new MediaException("error.media.badMultipart", 400);
        }
        if (!csrfOk) {
            throw new MediaException("error.csrf", 403);
        }
        if (u.refusal != null) {
            throw u.refusal;
        }
    }

    private void spool(Multipart mp, Multipart.Part part, Upload u) throws IOException {
        Path file = media.newSpoolFile();
        long size = 0;
        byte[] head = new byte[Sniffer.HEAD];
        int headLen = 0;
        Message.Kind kind = null;
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                InputStream in = mp.content();
                byte[] buf = new byte[COPY_BUFFER];
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (headLen < head.length) {
                        int take = Math.min(n, head.length - headLen);
                        System.arraycopy(buf, 0, head, headLen, take);
                        headLen += take;
                    }
                    if (kind == null && headLen == head.length) {
                        kind = family(head, headLen);
                    }
                    size += n;
                    if (kind != null) {
                        media.checkSize(kind, size);
                    }
                    out.write(buf, 0, n);
                }
            }
            if (size == 0) {
                Files.deleteIfExists(file);
                if (part.filename().isEmpty()) {
                    return; // a file input left empty
                }
                throw new MediaException("error.media.empty", 400);
            }
            if (kind == null) {
                media.checkSize(family(head, headLen), size);
            }
            if (u.file != null) {
                throw new MediaException("error.media.oneFile", 400);
            }
            u.file = file;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static Message.Kind family(byte[] head, int len) {
        return Sniffer.family(head, len).orElseThrow(MediaService::unsupported);
    }

    private static String text(Multipart mp) throws IOException {
        byte[] bytes = mp.contentBytes(MAX_FIELD_BYTES);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MediaException("error.badEncoding", 400);
        }
        // The same rule as a form field: none of ours holds a NUL, and PostgreSQL text cannot store one.
        if (text.indexOf('\u0000') >= 0) {
            throw new MediaException("error.badEncoding", 400);
        }
        return text;
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

    /** What one upload request carried; its spooled file is deleted when the request is done. */
    private static final class Upload implements AutoCloseable {
        Path file;
        String caption = "";
        String clientId;
        MediaException refusal;

        UploadForm form(I18n t, String action, String csrf, String error) {
            String cid = clientId == null || !clientId.matches("[A-Za-z0-9_-]{1,64}") ? ChatViews.newClientId() : clientId;
            return new UploadForm(t, action, cid, csrf, caption == null ? "" : caption, error, false);
        }

        @Override
        public void close() {
            if (file != null) {
                MediaStorage.deleteQuietly(file);
                file = null;
            }
        }
    }

    // ---- serving -----------------------------------------------------------------------------

    private void serve(ServerRequest req, ServerResponse res) throws IOException {
        Message m = Http.positiveId(req.path().pathParameters().get("id")).flatMap(media::message)
                .filter(x -> x.kind() != Message.Kind.TEXT)
                .orElseThrow(MediaRoutes::notFound);
        boolean visitorOwns = cookie.threadId(req).map(id -> id == m.threadId()).orElse(false);
        if (!visitorOwns && sessions.current(req).isEmpty()) {
            throw notFound();
        }
        MediaRef ref = MediaRef.parse(m.mediaRef()).orElseThrow(MediaRoutes::notFound);
        boolean preview = m.kind() == Message.Kind.IMAGE && MediaIds.PREVIEW.equals(req.query().first("v").orElse(""));
        MediaStorage storage = media.storage();
        Optional<Path> local = storage.localFile(ref, preview);
        if (local.isEmpty()) {
            Optional<String> remote = preview ? storage.previewUrl(ref) : storage.originalUrl(ref);
            if (remote.isEmpty()) {
                throw notFound();
            }
            res.status(Status.FOUND_302);
            res.headers().set(HeaderNames.CACHE_CONTROL, "private, max-age=3600");
            res.header(HeaderNames.LOCATION, remote.get());
            res.send();
            return;
        }
        Path file = local.get();
        FileType type = preview ? FileType.ofPreview(file) : FileType.ofMime(m.mime()).orElse(null);
        String mime = type == null ? "application/octet-stream" : type.mime();
        String extension = type == null ? "bin" : type.extension();
        long size = Files.size(file);
        String etag = "\"m" + m.id() + (preview ? "p" : "o") + "-" + size + "\"";

        res.headers().set(HeaderNames.CONTENT_TYPE, mime);
        res.headers().set(HeaderNames.CACHE_CONTROL, CACHE);
        res.headers().set(HeaderNames.ETAG, etag);
        res.headers().set(HeaderNames.ACCEPT_RANGES, "bytes");
        res.headers().set(CSP, MEDIA_CSP);
        res.headers().set(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        String disposition = m.kind() == Message.Kind.FILE || type == null ? "attachment" : "inline";
        res.headers().set(HeaderNames.CONTENT_DISPOSITION,
                disposition + "; filename=\"sohbet-" + m.id() + (preview ? "-preview" : "") + "." + extension + "\"");

        if (req.headers().first(HeaderNames.IF_NONE_MATCH).map(v -> v.contains(etag)).orElse(false)) {
            res.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        String rangeHeader = req.headers().first(HeaderNames.RANGE).orElse(null);
        boolean rangeApplies = rangeHeader != null
                && req.headers().first(HeaderNames.IF_RANGE).map(etag::equals).orElse(true);
        long[] range = rangeApplies ? Ranges.parse(rangeHeader, size) : null;
        if (range == Ranges.UNSATISFIABLE) {
            res.status(Status.REQUESTED_RANGE_NOT_SATISFIABLE_416);
            res.headers().set(HeaderNames.CONTENT_RANGE, "bytes */" + size);
            res.send();
            return;
        }
        long start = range == null ? 0 : range[0];
        long length = range == null ? size : range[1] - range[0] + 1;
        if (range != null) {
            res.status(Status.PARTIAL_CONTENT_206);
            res.headers().set(HeaderNames.CONTENT_RANGE, "bytes " + range[0] + "-" + range[1] + "/" + size);
        } else {
            res.status(Status.OK_200);
        }
        res.headers().set(HeaderNames.CONTENT_LENGTH, Long.toString(length));
        try (InputStream in = Files.newInputStream(file); OutputStream out = res.outputStream()) {
            in.skipNBytes(start);
            byte[] buf = new byte[COPY_BUFFER];
            long left = length;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
                left -= n;
            }
        }
    }

    private static BadRequest notFound() {
        return new BadRequest("error.media.notFound", 404);
    }
}
