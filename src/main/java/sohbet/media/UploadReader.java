package sohbet.media;

import sohbet.core.BadRequest;
import sohbet.web.Forms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import sohbet.core.Message;
import sohbet.desk.auth.AdminSessions;
import sohbet.web.Htmx;

/**
 * Reads an upload's multipart body as it arrives: text fields into an {@link Upload}, the file
 * spooled to disk. Every limit holds while bytes arrive: the declared and the actual request size
 * (MAX_UPLOAD_MB), the file's size for its kind once its first bytes tell the kind, and the size
 * of each text field. A file refused by its first bytes or its size is remembered and the body read
 * on (within the request limit), so that the caption comes back with the error.
 */
final class UploadReader {
    private static final int MAX_FIELD_BYTES = 16 * 1024;
    private static final int COPY_BUFFER = 64 * 1024;

    private final MediaService media;

    UploadReader(MediaService media) {
        this.media = media;
    }

    /** Fills {@code u}; a refusal is a {@link MediaException}, with what was read so far left in {@code u}. */
    void read(ServerRequest req, AdminSessions.Session admin, Upload u) {
        String boundary = Multipart.boundary(req.headers().first(HeaderNames.CONTENT_TYPE).orElse(null));
        if (boundary == null) {
            throw new MediaException("error.media.badMultipart", 400);
        }
        MediaService.Limits limits = media.limits();
        if (req.headers().contentLength().orElse(0) > limits.maxRequestBytes()) {
            throw new MediaException("error.media.tooLarge", 413, limits.maxUploadMb());
        }
        // The admin's token comes as a header (htmx) or as a field before the file (the form puts it first).
        // Not AdminFilter.requireCsrf: that reads a whole form, and an upload must be refused before its file is read.
        boolean csrfOk = admin == null || AdminSessions.csrfMatches(admin, req.headers().first(Htmx.CSRF).orElse(null));
        try (InputStream body = req.content().inputStream()) {
            Multipart mp = new Multipart(body, boundary, limits.maxRequestBytes(), limits.maxUploadMb());
            for (Multipart.Part p = mp.next(); p != null; p = mp.next()) {
                switch (p.name()) {
                    case "file" -> {
                        if (!csrfOk) {
                            throw new MediaException("error.csrf", 403);
                        }
                        file(mp, p, u);
                    }
                    case "caption" -> u.caption = text(mp);
                    case "client_id" -> u.clientId = text(mp);
                    case "_csrf" -> {
                        String given = text(mp); // read even when not needed: its encoding and size are checked too
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
        if (u.file == null) {
            throw new MediaException("error.media.noFile", 400);
        }
    }

    private void file(Multipart mp, Multipart.Part p, Upload u) throws IOException {
        if (!p.isFile() || u.refusal != null) {
            return;
        }
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

    /** Copies the part to a spool file, sniffing its first bytes for the kind and checking that kind's size as it grows. */
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
        try {
            return Forms.fieldText(mp.contentBytes(MAX_FIELD_BYTES));
        } catch (BadRequest e) {
            // Refused like every other upload problem: the form comes back with the reason.
            throw new MediaException(e.key(), e.status());
        }
    }
}
