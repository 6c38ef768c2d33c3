package sohbet.web;

import sohbet.core.BadRequest;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Headers every answer carries. The pages need no inline script or style, so the policy can forbid
 * both; a cross-site form post is refused before any handler runs.
 */
public final class SecurityHeaders {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "media-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private final boolean production;
    private final String csp;
    private final String frameableCsp;
    private final EmbedPolicy embed;

    public SecurityHeaders(boolean production) {
        this(production, java.util.List.of());
    }

    /** @param mediaHosts origins media is loaded from besides this server (Cloudinary's delivery host), for img-src and media-src */
    public SecurityHeaders(boolean production, java.util.List<String> mediaHosts) {
        this(production, mediaHosts, EmbedPolicy.off());
    }

    /** @param embed the sites allowed to frame the embedded chat page (and only that page) */
    public SecurityHeaders(boolean production, java.util.List<String> mediaHosts, EmbedPolicy embed) {
        this.production = production;
        this.embed = embed;
        String extra = mediaHosts.stream().map(h -> " " + h).collect(java.util.stream.Collectors.joining());
        this.csp = extra.isEmpty() ? CSP
                : CSP.replace("img-src 'self' data:;", "img-src 'self' data:" + extra + ";").replace("media-src 'self';", "media-src 'self'" + extra + ";");
        // blob: for pictures and voice notes the frame's script fetched with the token, where no cookie came back.
        this.frameableCsp = csp.replace("frame-ancestors 'none'", "frame-ancestors " + embed.frameAncestors())
                .replace("img-src 'self' data:", "img-src 'self' data: blob:").replace("media-src 'self'", "media-src 'self' blob:");
    }

    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        addTo(res.headers(), embed.frameable(req));
        if (isCrossSitePost(req)) {
            throw new BadRequest("error.crossSite", 403);
        }
        chain.proceed();
    }

    /** The headers of a page no other site may frame (every answer but the embedded chat's). */
    public void addTo(ServerResponseHeaders headers) {
        addTo(headers, false);
    }

    private void addTo(ServerResponseHeaders headers, boolean frameable) {
        headers.set(HeaderNames.create("Content-Security-Policy"), frameable ? frameableCsp : csp);
        headers.set(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        headers.set(HeaderNames.create("Referrer-Policy"), "same-origin");
        if (!frameable) {
            // X-Frame-Options knows no list of sites; frame-ancestors says it for browsers that read both.
            headers.set(HeaderNames.create("X-Frame-Options"), "DENY");
        }
        if (production) {
            headers.set(HeaderNames.STRICT_TRANSPORT_SECURITY, "max-age=31536000");
        }
    }

    /**
     * Helidon's own answers to requests it refuses before routing (a malformed request line, headers
     * or body over the limits, an unsupported HTTP version) carry the same headers as every other.
     */
    public DirectHandlers directHandlers(java.util.function.Function<DirectHandler.EventType, DirectHandler> answers) {
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            DirectHandler answer = answers.apply(type);
            handlers.addHandler(type, (request, eventType, status, headers, message) -> {
                addTo(headers);
                return answer.handle(request, eventType, status, headers, message);
            });
        }
        return handlers.build();
    }

    /**
     * Lets this answer be shown in a frame of our own pages (and nowhere else): the visitor page
     * without scripts shows its conversation in a self-refreshing frame. Inside the embedded chat that
     * frame's ancestors include the owner's site too, so those origins are named as well.
     */
    public static void allowFramingByOwnPages(io.helidon.webserver.http.ServerResponse res, EmbedPolicy embed) {
        io.helidon.http.HeaderName name = HeaderNames.create("Content-Security-Policy");
        String ancestors = embed.enabled() ? "'self' " + embed.frameAncestors() : "'self'";
        res.headers().first(name).ifPresent(v -> res.header(name, v.replace("frame-ancestors 'none'", "frame-ancestors " + ancestors)));
        if (embed.enabled()) {
            // X-Frame-Options cannot name other sites; frame-ancestors, which browsers prefer, says it all.
            res.headers().remove(HeaderNames.create("X-Frame-Options"));
        } else {
            res.header(HeaderNames.create("X-Frame-Options"), "SAMEORIGIN");
        }
    }

    private static boolean isCrossSitePost(RoutingRequest req) {
        if (!"POST".equals(req.prologue().method().text())) {
            return false;
        }
        String site = req.headers().first(HeaderNames.create("Sec-Fetch-Site")).orElse("");
        return site.equals("cross-site");
    }
}
