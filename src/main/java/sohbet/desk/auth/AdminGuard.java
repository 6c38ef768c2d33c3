package sohbet.desk.auth;

import java.util.Map;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import sohbet.core.ChatException;
import sohbet.core.ChatService;
import sohbet.core.ChatThread;
import sohbet.core.BadRequest;
import sohbet.web.Htmx;
import sohbet.web.Http;
import sohbet.web.Ids;

/** The checks every admin route makes: a session, a CSRF token on posts, a thread that exists. */
public final class AdminGuard {
    private final AdminSessions sessions;
    private final ChatService chat;

    public AdminGuard(AdminSessions sessions, ChatService chat) {
        this.sessions = sessions;
        this.chat = chat;
    }

    /** The session, or empty after answering with a redirect to the sign-in page (or 401 for htmx). */
    public Optional<AdminSessions.Session> requireSession(ServerRequest req, ServerResponse res) {
        Optional<AdminSessions.Session> s = sessions.current(req);
        if (s.isEmpty()) {
            if (Htmx.isHtmx(req)) {
                res.header(Htmx.HX_REDIRECT, Ids.ROUTE_ADMIN_LOGIN);
                res.status(Status.UNAUTHORIZED_401).send();
            } else {
                redirect(res, Ids.ROUTE_ADMIN_LOGIN);
            }
        }
        return s;
    }

    public static void requireCsrf(ServerRequest req, AdminSessions.Session s, Map<String, String> form) {
        String given = req.headers().first(Htmx.CSRF).orElse(form.get("_csrf"));
        if (!AdminSessions.csrfMatches(s, given)) {
            throw new BadRequest("error.csrf", 403);
        }
    }

    /** The thread named by the {id} path parameter; 404 when there is none. */
    public ChatThread threadFrom(ServerRequest req) {
        return parseId(req.path().pathParameters().get("id")).flatMap(chat::thread)
                .orElseThrow(() -> new ChatException("error.noThread", 404));
    }

    public static Optional<Long> parseId(String s) {
        return Http.positiveId(s);
    }

    public static void redirect(ServerResponse res, String location) {
        Http.seeOther(res, location);
    }
}
