package sohbet.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Renders the precompiled JTE templates (HTML content type, so every value is escaped). */
public final class Templates {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Renders a template whose only parameter is {@code model}. */
    public String render(String template, Object model) {
        StringOutput out = new StringOutput(1024);
        engine.render(template, model, out);
        return out.toString();
    }

    /** Renders a template with several named parameters (those with defaults may be left out). */
    public String render(String template, java.util.Map<String, Object> params) {
        StringOutput out = new StringOutput(1024);
        engine.render(template, params, out);
        return out.toString();
    }

    public void send(ServerResponse res, int status, String template, Object model) {
        sendHtml(res, status, render(template, model));
    }

    /**
     * Sends a page gzip-compressed when the browser accepts it: the visitor page is what a slow phone
     * loads first. Only for pages without secrets (no CSRF token), so attacker-chosen text compressed
     * beside a secret can never reveal it through the response length (BREACH).
     */
    public void sendCompressed(ServerRequest req, ServerResponse res, int status, String template, Object model) {
        String html = render(template, model);
        boolean gzip = req.headers().first(HeaderNames.ACCEPT_ENCODING).map(v -> v.contains("gzip")).orElse(false);
        if (!gzip) {
            sendHtml(res, status, html);
            return;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(html.length() / 3);
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(html.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        res.status(Status.create(status));
        res.headers().set(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.headers().set(HeaderNames.CACHE_CONTROL, "no-store");
        res.headers().set(HeaderNames.CONTENT_ENCODING, "gzip");
        res.headers().set(HeaderNames.VARY, "Accept-Encoding");
        res.send(out.toByteArray());
    }

    public static void sendHtml(ServerResponse res, int status, String html) {
        res.status(Status.create(status));
        res.headers().set(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.headers().set(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(html);
    }
}
