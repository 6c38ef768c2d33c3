package sohbet.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import sohbet.core.BadRequest;
import sohbet.core.Message;
import sohbet.desk.auth.AdminSessions;
import sohbet.visitor.VisitorCookie;
import sohbet.web.Http;

/**
 * {@code GET /media/{id}}: a stored photo, its preview ({@code ?v=preview}) or a recording, only to
 * the thread's visitor and the admin (anyone else gets 404 as if it did not exist). Local files are
 * sent with an ETag and byte ranges (audio players seek with them); files kept elsewhere are a redirect.
 */
final class MediaServing {
    private static final int COPY_BUFFER = 64 * 1024;
    private static final HeaderName CSP = HeaderNames.create("Content-Security-Policy");
    /** A served file is never a page: no scripts, no plugins, no same-origin powers even if a browser tried. */
    private static final String MEDIA_CSP = "default-src 'none'; sandbox";
    private static final String CACHE = "private, max-age=31536000, immutable";

    private final MediaService media;
    private final VisitorCookie cookie;
    private final AdminSessions sessions;

    MediaServing(MediaService media, VisitorCookie cookie, AdminSessions sessions) {
        this.media = media;
        this.cookie = cookie;
        this.sessions = sessions;
    }

    void serve(ServerRequest req, ServerResponse res) throws IOException {
        Message m = visibleMedia(req);
        MediaRef ref = MediaRef.parse(m.mediaRef()).orElseThrow(MediaServing::notFound);
        boolean preview = m.kind() == Message.Kind.IMAGE && MediaIds.PREVIEW.equals(req.query().first("v").orElse(""));
        Optional<Path> local = media.storage().localFile(ref, preview);
        if (local.isPresent()) {
            sendFile(req, res, m, local.get(), preview);
        } else {
            redirect(res, ref, preview);
        }
    }

    /** The media message named in the path, when this request's visitor owns its thread or the admin asks. */
    private Message visibleMedia(ServerRequest req) {
        Message m = Http.positiveId(req.path().pathParameters().get("id")).flatMap(media::message)
                .filter(x -> x.kind() != Message.Kind.TEXT)
                .orElseThrow(MediaServing::notFound);
        boolean visitorOwns = cookie.threadId(req).map(id -> id == m.threadId()).orElse(false);
        if (!visitorOwns && sessions.current(req).isEmpty()) {
            throw notFound();
        }
        return m;
    }

    private void redirect(ServerResponse res, MediaRef ref, boolean preview) {
        MediaStorage storage = media.storage();
        String remote = (preview ? storage.previewUrl(ref) : storage.originalUrl(ref)).orElseThrow(MediaServing::notFound);
        res.status(Status.FOUND_302);
        res.headers().set(HeaderNames.CACHE_CONTROL, "private, max-age=3600");
        res.header(HeaderNames.LOCATION, remote);
        res.send();
    }

    private void sendFile(ServerRequest req, ServerResponse res, Message m, Path file, boolean preview) throws IOException {
        long size = Files.size(file);
        String etag = "\"m" + m.id() + (preview ? "p" : "o") + "-" + size + "\"";
        headers(res, m, file, preview, etag);
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
        if (range != null) {
            res.status(Status.PARTIAL_CONTENT_206);
            res.headers().set(HeaderNames.CONTENT_RANGE, "bytes " + range[0] + "-" + range[1] + "/" + size);
            copy(file, range[0], range[1] - range[0] + 1, res);
        } else {
            res.status(Status.OK_200);
            copy(file, 0, size, res);
        }
    }

    /** The type we checked (never the client's), caching by ETag, and a sandbox so that no served file acts as a page. */
    private static void headers(ServerResponse res, Message m, Path file, boolean preview, String etag) {
        FileType type = preview ? FileType.ofPreview(file) : FileType.ofMime(m.mime()).orElse(null);
        String mime = type == null ? "application/octet-stream" : type.mime();
        String extension = type == null ? "bin" : type.extension();
        res.headers().set(HeaderNames.CONTENT_TYPE, mime);
        res.headers().set(HeaderNames.CACHE_CONTROL, CACHE);
        res.headers().set(HeaderNames.ETAG, etag);
        res.headers().set(HeaderNames.ACCEPT_RANGES, "bytes");
        res.headers().set(CSP, MEDIA_CSP);
        res.headers().set(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        String disposition = m.kind() == Message.Kind.FILE || type == null ? "attachment" : "inline";
        res.headers().set(HeaderNames.CONTENT_DISPOSITION,
                disposition + "; filename=\"sohbet-" + m.id() + (preview ? "-preview" : "") + "." + extension + "\"");
    }

    private static void copy(Path file, long start, long length, ServerResponse res) throws IOException {
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
