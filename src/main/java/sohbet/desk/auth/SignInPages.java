package sohbet.desk.auth;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import sohbet.web.Assets;
import sohbet.web.I18n;
import sohbet.web.PageHead;
import sohbet.web.Templates;

/** The two sign-in pages; each one sent carries a fresh form nonce. */
final class SignInPages {
    private final Templates templates;
    private final Assets assets;
    private final SignInCookies cookies;

    SignInPages(Templates templates, Assets assets, SignInCookies cookies) {
        this.templates = templates;
        this.assets = assets;
        this.cookies = cookies;
    }

    void login(ServerRequest req, ServerResponse res, int status, String username, String error) {
        String nonce = cookies.freshNonce(res);
        templates.send(res, status, "desk/login.jte", new LoginPage(head(req), username, error, nonce));
    }

    void code(ServerRequest req, ServerResponse res, int status, String error, String notice) {
        String nonce = cookies.freshNonce(res);
        templates.send(res, status, "desk/code.jte", new CodePage(head(req), error, notice, nonce));
    }

    private PageHead head(ServerRequest req) {
        I18n t = I18n.of(req);
        return new PageHead(t, assets, t.t("page.login"), false, "login", null);
    }
}
