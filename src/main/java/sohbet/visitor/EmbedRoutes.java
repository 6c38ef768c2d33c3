package sohbet.visitor;

import java.time.Instant;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import sohbet.core.BadRequest;
import sohbet.core.ChatException;
import sohbet.core.ChatThread;
import sohbet.core.ClientIds;
import sohbet.web.EmbedPolicy;
import sohbet.web.Forms;
import sohbet.web.I18n;
import sohbet.web.Ids;

/** The chat in a frame on the sites EMBED_ORIGINS allows: its page, its script, and what the script reports. */
final class EmbedRoutes {
    private static final int MAX_FORM_BYTES = 64 * 1024;

    private final VisitorRoutes.Needs n;
    private final VisitorThreads threads;
    private final ChatPages pages;

    EmbedRoutes(VisitorRoutes.Needs needs, VisitorThreads threads, ChatPages pages) {
        this.n = needs;
        this.threads = threads;
        this.pages = pages;
    }

    void routing(HttpRules rules) {
        rules.get(Ids.ROUTE_EMBED, this::page)
                .post(Ids.ROUTE_EMBED_PAGE, this::hostPage)
                .post(Ids.ROUTE_EMBED_START, this::start)
                .get(Ids.ROUTE_EMBED_SCRIPT, this::script);
    }

    private void script(ServerRequest req, ServerResponse res) {
        requireEnabled();
        n.assets().serve("embed.js", req, res);
    }

    /** The same page in a compact layout. A look starts no thread (the frame may load on every page of that site): the first message does. */
    private void page(ServerRequest req, ServerResponse res) {
        requireEnabled();
        ChatThread thread = n.cookie().threadId(req).flatMap(n.chat()::thread).orElseGet(() -> unstarted(I18n.of(req)));
        long before = VisitorRoutes.before(req);
        pages.send(req, res, 200, thread, n.chat().historyPage(thread.id(), before), ClientIds.fresh(), "", null);
    }

    /** A visitor who has not written yet: shown like an empty thread, stored nowhere. */
    private static ChatThread unstarted(I18n t) {
        Instant now = Instant.now();
        return new ChatThread(0, t.t("embed.visitor"), now, now, now, true, 0, null, null, null);
    }

    /**
     * The frame's script starts the conversation before a first message that is not text (a photo
     * posted first goes to the upload route, which needs a thread); the answer hands out the token.
     */
    private void start(ServerRequest req, ServerResponse res) {
        requireEnabled();
        long id = threads.currentOrNew(req, res).id();
        res.header(HeaderNames.create(VisitorCookie.TOKEN_HEADER), n.cookie().token(id));
        res.status(Status.NO_CONTENT_204).send();
    }

    /** The embedded chat's script reports which page of the owner's site the visitor is on. */
    private void hostPage(ServerRequest req, ServerResponse res) {
        Map<String, String> form = Forms.read(req, MAX_FORM_BYTES);
        var thread = n.cookie().threadId(req).flatMap(n.chat()::thread);
        String url = form.getOrDefault("url", "");
        if (!n.embed().allows(EmbedPolicy.originOf(url))) {
            throw new BadRequest("error.badPage", 422);
        }
        if (thread.isPresent()) {
            try {
                n.chat().visitorPage(thread.get().id(), url, form.get("title"));
            } catch (ChatException e) {
                throw new BadRequest(e.key(), e.status());
            }
        }
        // Before the first message there is no thread to note it on; the script reports again once there is.
        res.status(Status.NO_CONTENT_204).send();
    }

    private void requireEnabled() {
        if (!n.embed().enabled()) {
            throw new BadRequest("error.notFound", 404);
        }
    }
}
