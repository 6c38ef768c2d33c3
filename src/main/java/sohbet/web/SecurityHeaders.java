package sohbet.web;

import io.helidon.http.HeaderNames;
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

    public SecurityHeaders(boolean production) {
        this(production, java.util.List.of());
    }

    /** @param mediaHosts origins media is loaded from besides this server (Cloudinary's delivery host), for img-src and media-src */
    public SecurityHeaders(boolean production, java.util.List<String> mediaHosts) {
        this.production = production;
        String extra = mediaHosts.stream().map(h -> " " + h).collect(java.util.stream.Collectors.joining());
        this.csp = extra.isEmpty() ? CSP
                : CSP.replace("img-src 'self' data:;", "img-src 'self' data:" + extra + ";").replace("media-src 'self';", "media-src 'self'" + extra + ";");
    }

    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        res.header(HeaderNames.create("Content-Security-Policy"), csp);
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.header(HeaderNames.create("Referrer-Policy"), "same-origin");
        res.header(HeaderNames.create("X-Frame-Options"), "DENY");
        if (production) {
            res.header(HeaderNames.STRICT_TRANSPORT_SECURITY, "max-age=31536000");
        }
        if (isCrossSitePost(req)) {
            throw new BadRequest("error.crossSite", 403);
        }
        chain.proceed();
    }

    /**
     * Lets this answer be shown in a frame of our own pages (and nowhere else): the visitor page
     * without scripts shows its conversation in a self-refreshing frame.
     */
    public static void allowFramingBySelf(io.helidon.webserver.http.ServerResponse res) {
        io.helidon.http.HeaderName name = HeaderNames.create("Content-Security-Policy");
        res.headers().first(name).ifPresent(v -> res.header(name, v.replace("frame-ancestors 'none'", "frame-ancestors 'self'")));
        res.header(HeaderNames.create("X-Frame-Options"), "SAMEORIGIN");
    }

    private static boolean isCrossSitePost(RoutingRequest req) {
        if (!"POST".equals(req.prologue().method().text())) {
            return false;
        }
        String site = req.headers().first(HeaderNames.create("Sec-Fetch-Site")).orElse("");
        return site.equals("cross-site");
    }
}
