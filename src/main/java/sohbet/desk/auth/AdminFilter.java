package sohbet.desk.auth;

import java.util.Map;
import java.util.Set;

import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import sohbet.core.BadRequest;
import sohbet.web.Htmx;
import sohbet.web.Http;
import sohbet.web.Ids;

/**
 * The one door check for everything under /admin: no session, no entry. It runs as a routing filter,
 * before any route and whatever order the routes were registered in, so a new admin route cannot
 * forget it. The sign-in pages are the only admin paths open without a session.
 *
 * <p>Refused: a page or a form post is sent to the sign-in page (303); an htmx request gets 401 with
 * HX-Redirect, so htmx loads the sign-in page instead of swapping it into a fragment; the live stream
 * gets a bare 401, which EventSource treats as final.
 */
public final class AdminFilter implements Filter {
    private static final Set<String> OPEN = Set.of(Ids.ROUTE_ADMIN_LOGIN, Ids.ROUTE_ADMIN_LOGIN_CODE, Ids.ROUTE_ADMIN_LOGIN_RESEND,
            Ids.ROUTE_ADMIN_LOGOUT);

    private final AdminSessions sessions;

    public AdminFilter(AdminSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        if (!guarded(path)) {
            chain.proceed();
            return;
        }
        sessions.current(req).ifPresentOrElse(s -> {
            req.context().register(AdminFilter.class, s);
            chain.proceed();
        }, () -> refuse(path, req, res));
    }

    static boolean guarded(String path) {
        boolean admin = path.equals(Ids.ROUTE_ADMIN) || path.startsWith(Ids.ROUTE_ADMIN + "/");
        return admin && !OPEN.contains(path);
    }

    private static void refuse(String path, RoutingRequest req, RoutingResponse res) {
        if (path.equals(Ids.ROUTE_ADMIN_EVENTS)) {
            res.status(Status.UNAUTHORIZED_401).send();
        } else if (Htmx.isHtmx(req)) {
            res.header(Htmx.HX_REDIRECT, Ids.ROUTE_ADMIN_LOGIN);
            res.status(Status.UNAUTHORIZED_401).send();
        } else {
            Http.seeOther(res, Ids.ROUTE_ADMIN_LOGIN);
        }
    }

    /** The session this filter let in; a route behind it can count on one. */
    public static AdminSessions.Session session(ServerRequest req) {
        return req.context().get(AdminFilter.class, AdminSessions.Session.class)
                .orElseThrow(() -> new IllegalStateException("admin route reached without AdminFilter: " + req.path().path()));
    }

    /** A post must carry the session's CSRF token, in the htmx header or the form. */
    public static void requireCsrf(ServerRequest req, Map<String, String> form) {
        requireCsrf(req, session(req), form);
    }

    public static void requireCsrf(ServerRequest req, AdminSessions.Session s, Map<String, String> form) {
        String given = req.headers().first(Htmx.CSRF).orElse(form.get("_csrf"));
        if (!AdminSessions.csrfMatches(s, given)) {
            throw new BadRequest("error.csrf", 403);
        }
    }
}
