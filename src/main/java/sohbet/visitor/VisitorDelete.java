package sohbet.visitor;

import sohbet.core.ChatService;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import sohbet.web.Assets;
import sohbet.web.Forms;
import sohbet.web.I18n;
import sohbet.web.Ids;
import sohbet.web.PageHead;
import sohbet.web.Templates;

/**
 * A visitor deletes their own conversation: a confirmation page, then a plain form post, so it
 * works with JavaScript off. The chat service deletes the thread with its messages; the files of
 * its photos and audio are removed after.
 */
public final class VisitorDelete implements HttpService {
    private static final int MAX_FORM_BYTES = 4 * 1024;

    private final ChatService chat;
    private final VisitorCookie cookie;
    private final Templates templates;
    private final Assets assets;
    private final Consumer<List<String>> removeFiles;

    public VisitorDelete(ChatService chat, VisitorCookie cookie, Templates templates, Assets assets, Consumer<List<String>> removeFiles) {
        this.chat = chat;
        this.cookie = cookie;
        this.templates = templates;
        this.assets = assets;
        this.removeFiles = removeFiles;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(Ids.ROUTE_DELETE, this::confirm)
                .post(Ids.ROUTE_DELETE, this::delete);
    }

    private void confirm(ServerRequest req, ServerResponse res) {
        boolean has = cookie.threadId(req).flatMap(chat::thread).isPresent();
        send(req, res, 200, has ? DeletePage.State.ASK : DeletePage.State.NOTHING);
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Map<String, String> form = Forms.read(req, MAX_FORM_BYTES);
        var thread = cookie.threadId(req).flatMap(chat::thread);
        if (thread.isEmpty()) {
            send(req, res, 200, DeletePage.State.NOTHING);
            return;
        }
        if (!"yes".equals(form.get("confirm"))) {
            send(req, res, 400, DeletePage.State.ASK);
            return;
        }
        removeFiles.accept(chat.delete(thread.get().id()));
        send(req, res, 200, DeletePage.State.DONE);
    }

    private void send(ServerRequest req, ServerResponse res, int status, DeletePage.State state) {
        I18n t = I18n.of(req);
        PageHead head = new PageHead(t, assets, t.t("delete.title"), false, "visitor", null);
        templates.send(res, status, "visitor/delete.jte", new DeletePage(head, state));
    }
}
