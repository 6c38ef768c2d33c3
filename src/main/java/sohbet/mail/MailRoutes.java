package sohbet.mail;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import sohbet.core.ChatService;
import sohbet.visitor.VisitorCookie;
import sohbet.web.Assets;
import sohbet.core.BadRequest;
import sohbet.web.Http;
import sohbet.web.I18n;
import sohbet.web.Ids;
import sohbet.web.PageHead;
import sohbet.web.Templates;

/**
 * The doors a mail opens: back to the conversation (restores the visitor cookie on whatever device the
 * mail is read, then shows the chat) and unsubscribe (no sign-in; also the one-click POST that mail
 * programs send for the List-Unsubscribe header). Each link opens a page with one button; only its
 * POST acts (see docs/decisions.md, "Mail links ask before they act").
 */
public final class MailRoutes implements HttpService {
    public static final String BACK = "/mail/back";
    public static final String UNSUBSCRIBE = "/mail/unsubscribe";

    private final MailLinks links;
    private final ChatService chat;
    private final VisitorCookie cookie;
    private final EmailAnswers answers;
    private final Templates templates;
    private final Assets assets;

    public MailRoutes(MailLinks links, ChatService chat, VisitorCookie cookie, EmailAnswers answers, Templates templates, Assets assets) {
        this.links = links;
        this.chat = chat;
        this.cookie = cookie;
        this.answers = answers;
        this.templates = templates;
        this.assets = assets;
    }

    @Override
    public void routing(HttpRules rules) {
        // A GET only asks; the POST acts. Following a link must not swap a visitor's conversation for
        // someone else's (a link sent by an attacker) nor unsubscribe (a mail scanner opening every link).
        rules.get(BACK, this::confirmBack)
                .post(BACK, this::back)
                .get(UNSUBSCRIBE, this::confirmUnsubscribe)
                .post(UNSUBSCRIBE, this::unsubscribe);
    }

    private void confirmBack(ServerRequest req, ServerResponse res) {
        long threadId = backThread(req);
        if (cookie.threadId(req).filter(id -> id == threadId).isPresent()) {
            // Already this conversation on this device: nothing to confirm.
            Http.seeOther(res, Ids.ROUTE_HOME);
            return;
        }
        I18n t = I18n.of(req);
        ask(req, res, t, t.t("mail.back.title"), t.t("mail.back.text"), BACK, t.t("mail.back.confirm"));
    }

    private void back(ServerRequest req, ServerResponse res) {
        long threadId = backThread(req);
        cookie.set(res, threadId);
        res.headers().set(HeaderNames.CACHE_CONTROL, "no-store");
        Http.seeOther(res, Ids.ROUTE_HOME);
    }

    private long backThread(ServerRequest req) {
        long threadId = switch (links.back(token(req))) {
            case MailLinks.Back.Valid v -> v.threadId();
            case MailLinks.Back.Expired e -> throw new BadRequest("mail.link.expired", 410);
            case MailLinks.Back.Invalid i -> throw new BadRequest("mail.link.invalid", 400);
        };
        if (chat.thread(threadId).isEmpty()) {
            throw new BadRequest("mail.link.gone", 404);
        }
        return threadId;
    }

    private void confirmUnsubscribe(ServerRequest req, ServerResponse res) {
        long threadId = links.unsubscribeThread(token(req)).orElseThrow(() -> new BadRequest("mail.link.invalid", 400));
        if (chat.thread(threadId).isEmpty()) {
            throw new BadRequest("mail.link.gone", 404);
        }
        I18n t = I18n.of(req);
        ask(req, res, t, t.t("mail.unsubscribe.title"), t.t("mail.unsubscribe.text"), UNSUBSCRIBE, t.t("mail.unsubscribe.confirm"));
    }

    /** A page with one button that posts the same link back. */
    private void ask(ServerRequest req, ServerResponse res, I18n t, String title, String text, String route, String button) {
        res.headers().set(HeaderNames.CACHE_CONTROL, "no-store");
        PageHead head = new PageHead(t, assets, title, false, "error", null);
        templates.send(res, 200, "mail/page.jte", new MailPage(head, title, text, t.t("mail.unsubscribed.back"), Ids.ROUTE_HOME,
                route + "?t=" + java.net.URLEncoder.encode(token(req), java.nio.charset.StandardCharsets.UTF_8), button));
    }

    private void unsubscribe(ServerRequest req, ServerResponse res) {
        long threadId = links.unsubscribeThread(token(req)).orElseThrow(() -> new BadRequest("mail.link.invalid", 400));
        if (chat.thread(threadId).isEmpty()) {
            throw new BadRequest("mail.link.gone", 404);
        }
        answers.unsubscribe(threadId);
        I18n t = I18n.of(req);
        PageHead head = new PageHead(t, assets, t.t("mail.unsubscribed.title"), false, "error", null);
        templates.send(res, 200, "mail/page.jte", new MailPage(head, t.t("mail.unsubscribed.title"), t.t("mail.unsubscribed"),
                t.t("mail.unsubscribed.back"), Ids.ROUTE_HOME));
    }

    private static String token(ServerRequest req) {
        return req.query().first("t").orElse("");
    }
}
