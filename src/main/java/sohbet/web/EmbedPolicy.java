package sohbet.web;

import java.net.URI;
import java.util.List;
import java.util.Set;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Which sites may show the visitor's chat in a frame (EMBED_ORIGINS), and whether a request belongs
 * to that framed chat. Only the embedded page, and the visitor's own form posts made from inside it,
 * may be framed, and only by these origins; every other page keeps {@code frame-ancestors 'none'}.
 */
public final class EmbedPolicy {
    /** The embedded chat page's frame script sends this on every request it makes. */
    public static final String EMBED_HEADER = "X-Sohbet-Embed";
    /** Form routes a visitor without script may post to from inside the frame; their answers land in the frame. */
    private static final Set<String> FRAME_FORMS = Set.of(Ids.ROUTE_MESSAGES, Ids.ROUTE_NAME, Ids.ROUTE_EMAIL, Ids.ROUTE_OLDER,
            "/uploads");

    private final List<String> origins;

    public EmbedPolicy(List<String> origins) {
        this.origins = List.copyOf(origins);
    }

    public static EmbedPolicy off() {
        return new EmbedPolicy(List.of());
    }

    public boolean enabled() {
        return !origins.isEmpty();
    }

    public List<String> origins() {
        return origins;
    }

    /** True for an origin listed in EMBED_ORIGINS. */
    public boolean allows(String origin) {
        return origin != null && origins.contains(origin.toLowerCase(java.util.Locale.ROOT));
    }

    /** The origin (scheme://host[:port]) of an http(s) address, or null. */
    public static String originOf(String url) {
        try {
            URI u = URI.create(url);
            if (u.getScheme() == null || u.getHost() == null) {
                return null;
            }
            return (u.getScheme() + "://" + u.getRawAuthority().substring(u.getRawAuthority().lastIndexOf('@') + 1))
                    .toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Whether a request comes from the embedded chat: the page itself, a request its script makes,
     * or a script-free form post inside the frame (the browser says so in Sec-Fetch-Dest, or the
     * Referer, same-origin only, names the embedded page).
     */
    public boolean embedded(ServerRequest req) {
        if (!enabled()) {
            return false;
        }
        String path = req.path().path();
        if (path.equals(Ids.ROUTE_EMBED) || req.headers().contains(HeaderNames.create(EMBED_HEADER))) {
            return true;
        }
        boolean inFrame = req.headers().first(HeaderNames.create("Sec-Fetch-Dest")).map("iframe"::equals).orElse(false);
        String referer = req.headers().first(HeaderNames.REFERER).orElse("");
        boolean fromEmbed = false;
        try {
            fromEmbed = !referer.isEmpty() && Ids.ROUTE_EMBED.equals(URI.create(referer).getPath());
        } catch (IllegalArgumentException e) {
            // an unreadable Referer says nothing
        }
        return inFrame || fromEmbed;
    }

    /** Whether this answer may be shown in a frame on the allowed sites (see the class comment). */
    public boolean frameable(ServerRequest req) {
        String path = req.path().path();
        return enabled() && (path.equals(Ids.ROUTE_EMBED) || FRAME_FORMS.contains(path) && embedded(req));
    }

    /** The CSP frame-ancestors sources: exactly the allowed origins. */
    public String frameAncestors() {
        return String.join(" ", origins);
    }
}
