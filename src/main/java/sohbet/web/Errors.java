package sohbet.web;

import sohbet.core.BadRequest;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import sohbet.store.DbFailures;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The one place errors become answers: a message in the page's language, as a fragment for htmx
 * (shown in the page's flash area) or as a page. Server faults log a correlation id, never a trace
 * to the user.
 */
public final class Errors {
    private static final Logger LOG = Logger.getLogger(Errors.class.getName());

    private final Templates templates;
    private final Assets assets;

    private final int maxUploadMb;

    public Errors(Templates templates, Assets assets, int maxUploadMb) {
        this.templates = templates;
        this.assets = assets;
        this.maxUploadMb = maxUploadMb;
    }

    public void register(HttpRouting.Builder routing) {
        routing.error(BadRequest.class, (req, res, e) -> {
            if (e.retryAfterSeconds() > 0) {
                res.header(HeaderNames.RETRY_AFTER, Integer.toString(e.retryAfterSeconds()));
            }
            send(req, res, e.status(), e.key());
        });
        routing.error(HttpException.class, this::http);
        routing.error(Throwable.class, this::unexpected);
    }

    public void send(ServerRequest req, ServerResponse res, int status, String key) {
        I18n t = I18n.fromAcceptLanguage(req.headers().first(HeaderNames.ACCEPT_LANGUAGE).orElse(null));
        sendMessage(req, res, status, t.t(key), t);
    }

    private void sendMessage(ServerRequest req, ServerResponse res, int status, String message, I18n t) {
        if (res.isSent()) {
            return;
        }
        if (Htmx.isHtmx(req)) {
            Htmx.retarget(res, "#" + Ids.DOM_FLASH, "innerHTML");
            Templates.sendHtml(res, status, templates.render("tag/flash.jte", message));
        } else {
            String back = req.path().path().startsWith(Ids.ROUTE_ADMIN) ? Ids.ROUTE_ADMIN : Ids.ROUTE_HOME;
            PageHead head = new PageHead(t, assets, t.t("page.error"), false, "error", null);
            templates.send(res, status, "error.jte", new ErrorPage(head, message, back));
        }
    }

    /** Helidon's own answers (no such route, method not allowed, malformed request) keep their status. */
    private void http(ServerRequest req, ServerResponse res, HttpException e) {
        int status = e.status().code();
        if (status >= 500) {
            unexpected(req, res, e);
            return;
        }
        if (status == 413) {
            // The server cut off a body larger than any upload may be, before a handler saw it.
            I18n t = I18n.of(req);
            sendMessage(req, res, 413, t.t("error.media.tooLarge", maxUploadMb), t);
            return;
        }
        send(req, res, status, status == 404 ? "error.notFound" : "error.badForm");
    }

    private void unexpected(ServerRequest req, ServerResponse res, Throwable e) {
        I18n t = I18n.fromAcceptLanguage(req.headers().first(HeaderNames.ACCEPT_LANGUAGE).orElse(null));
        if (isDatabaseDown(e)) {
            LOG.warning(() -> "Database unavailable for " + req.prologue().method().text() + " " + req.path().path() + ": " + e.getMessage());
            res.header(HeaderNames.RETRY_AFTER, "5");
            sendMessage(req, res, 503, t.t("error.unavailable"), t);
            return;
        }
        String id = UUID.randomUUID().toString().substring(0, 8);
        LOG.log(Level.SEVERE, "Unexpected error " + id + " on " + req.prologue().method().text() + " " + req.path().path(), e);
        sendMessage(req, res, 500, t.t("error.server", id), t);
    }

    static boolean isDatabaseDown(Throwable e) {
        return DbFailures.unavailable(e);
    }
}
