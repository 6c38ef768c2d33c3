package sohbet.visitor;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import sohbet.core.BadRequest;
import sohbet.core.ChatThread;
import sohbet.web.I18n;

/** The visitor's conversation: the one their cookie names, or a new one, made on the first need for it. */
final class VisitorThreads {
    private final VisitorRoutes.Needs n;

    VisitorThreads(VisitorRoutes.Needs needs) {
        this.n = needs;
    }

    ChatThread currentOrNew(ServerRequest req, ServerResponse res) {
        return n.cookie().threadId(req).flatMap(n.chat()::thread).orElseGet(() -> start(req, res));
    }

    private ChatThread start(ServerRequest req, ServerResponse res) {
        // A new visitor would open a stream next: when none fits, say so now, before a thread is made.
        n.stream().refuseWhenFull();
        if (!n.limits().allow(n.limits().rules().newThreadsPerAddress(), n.addresses().of(req))) {
            throw new BadRequest("error.tooManyThreads", 429);
        }
        boolean embedded = n.embed().embedded(req);
        // Inside the frame the Referer is the frame's own address; the script reports the owner's page instead.
        ChatThread created = n.chat().startThread(req.headers().first(HeaderNames.USER_AGENT).orElse(null),
                embedded ? null : req.headers().first(HeaderNames.REFERER).orElse(null), I18n.of(req).t("visitor.defaultName"));
        if (embedded) {
            n.cookie().setEmbedded(res, created.id());
        } else {
            n.cookie().set(res, created.id());
        }
        return created;
    }
}
