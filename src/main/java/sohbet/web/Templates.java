package sohbet.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
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

    public static void sendHtml(ServerResponse res, int status, String html) {
        res.status(Status.create(status));
        res.headers().set(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.headers().set(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(html);
    }
}
