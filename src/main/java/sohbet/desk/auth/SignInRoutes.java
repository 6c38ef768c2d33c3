package sohbet.desk.auth;

import java.util.Map;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import sohbet.web.Assets;
import sohbet.web.ClientAddress;
import sohbet.web.Forms;
import sohbet.web.Http;
import sohbet.web.I18n;
import sohbet.web.Ids;
import sohbet.web.Signer;
import sohbet.web.Templates;

/**
 * Signing in and out: the password, then (with ADMIN_OTP) a 6-digit code sent to Telegram, which can
 * be sent again. Every try of either step is claimed from the address's {@link LoginGuard} before it
 * is compared. These are the only admin paths {@link AdminFilter} leaves open.
 */
public final class SignInRoutes implements HttpService {
    private static final int MAX_FORM_BYTES = 64 * 1024;

    /** What signing in needs; {@code otp} asks for the code step after the password. */
    public record Needs(AdminSessions sessions, Credentials credentials, LoginGuard guard, SignInCodes codes, boolean otp,
                        ClientAddress addresses, Signer signer, boolean secure, Templates templates, Assets assets) {
    }

    private final Needs n;
    private final SignInCookies cookies;
    private final SignInPages pages;

    public SignInRoutes(Needs needs) {
        this.n = needs;
        this.cookies = new SignInCookies(needs.signer(), needs.secure());
        this.pages = new SignInPages(needs.templates(), needs.assets(), cookies);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(Ids.ROUTE_ADMIN_LOGIN, this::loginPage)
                .post(Ids.ROUTE_ADMIN_LOGIN, this::password)
                .get(Ids.ROUTE_ADMIN_LOGIN_CODE, this::codePage)
                .post(Ids.ROUTE_ADMIN_LOGIN_CODE, this::code)
                .post(Ids.ROUTE_ADMIN_LOGIN_RESEND, this::resend)
                .post(Ids.ROUTE_ADMIN_LOGOUT, this::logout);
    }

    private void loginPage(ServerRequest req, ServerResponse res) {
        if (n.sessions().current(req).isPresent()) {
            Http.seeOther(res, Ids.ROUTE_ADMIN);
            return;
        }
        pages.login(req, res, 200, "", null);
    }

    private void password(ServerRequest req, ServerResponse res) {
        I18n t = I18n.of(req);
        Map<String, String> form = readForm(req);
        String address = n.addresses().of(req);
        String username = form.getOrDefault("username", "");
        if (!n.guard().tryAcquire(address)) {
            pages.login(req, res, 429, username, tooMany(t, res, address));
        } else if (!n.credentials().matches(username, form.get("password"))) {
            n.guard().failed(address);
            pages.login(req, res, 401, username, t.t("login.wrong"));
        } else if (!n.otp()) {
            n.guard().succeeded(address);
            signIn(res);
        } else {
            n.guard().release(address);
            sendCode(req, res, t, username);
        }
    }

    /** The password was right: a code goes to Telegram and the browser holds the signed attempt. */
    private void sendCode(ServerRequest req, ServerResponse res, I18n t, String username) {
        Optional<String> attempt = n.codes().begin();
        if (attempt.isEmpty()) {
            pages.login(req, res, 503, username, t.t("code.notSent"));
            return;
        }
        cookies.setPending(res, attempt.get());
        Http.seeOther(res, Ids.ROUTE_ADMIN_LOGIN_CODE);
    }

    /** Says how long this address must wait, and sets Retry-After to the same. */
    private String tooMany(I18n t, ServerResponse res, String address) {
        long seconds = Math.max(1, n.guard().waitFor(address).toSeconds());
        res.header(HeaderNames.RETRY_AFTER, Long.toString(seconds));
        return seconds < 60 ? t.t("login.wait", seconds) : t.t("login.tooMany", (seconds + 59) / 60);
    }

    private void codePage(ServerRequest req, ServerResponse res) {
        if (cookies.pendingAttempt(req).isEmpty()) {
            Http.seeOther(res, Ids.ROUTE_ADMIN_LOGIN);
            return;
        }
        // Without a bot (development) the code is in the server's log: the page says so instead of pointing at Telegram.
        pages.code(req, res, 200, null, I18n.of(req).t(n.codes().delivered() ? "code.sent" : "code.sentToLog"));
    }

    private void code(ServerRequest req, ServerResponse res) {
        I18n t = I18n.of(req);
        Map<String, String> form = readForm(req);
        Optional<String> attempt = cookies.pendingAttempt(req);
        String address = n.addresses().of(req);
        if (attempt.isEmpty()) {
            pages.login(req, res, 401, "", t.t("code.expired"));
        } else if (!n.guard().tryAcquire(address)) {
            pages.code(req, res, 429, tooMany(t, res, address), null);
        } else {
            checkCode(req, res, t, address, n.codes().check(attempt.get(), form.get("code")));
        }
    }

    private void checkCode(ServerRequest req, ServerResponse res, I18n t, String address, SignInCodes.Verdict v) {
        switch (v.outcome()) {
            case OK -> {
                n.guard().succeeded(address);
                cookies.clearPending(res);
                signIn(res);
            }
            case WRONG -> {
                n.guard().failed(address);
                pages.code(req, res, 401, t.t("code.wrong", v.triesLeft()), null);
            }
            case VOID -> {
                n.guard().failed(address);
                cookies.clearPending(res);
                pages.login(req, res, 401, "", t.t("code.void"));
            }
            default -> {
                n.guard().release(address);
                cookies.clearPending(res);
                pages.login(req, res, 401, "", t.t("code.expired"));
            }
        }
    }

    private void resend(ServerRequest req, ServerResponse res) {
        I18n t = I18n.of(req);
        readForm(req);
        Optional<SignInCodes.Resend> r = cookies.pendingAttempt(req).map(n.codes()::resend);
        if (r.isEmpty() || r.get().unknown()) {
            r.ifPresent(unknown -> cookies.clearPending(res));
            pages.login(req, res, 401, "", t.t("code.expired"));
        } else if (r.get().waitSeconds() > 0) {
            pages.code(req, res, 429, t.t("code.tooSoon", r.get().waitSeconds()), null);
        } else if (!r.get().sent()) {
            pages.code(req, res, 503, t.t("code.notSent"), null);
        } else {
            pages.code(req, res, 200, null, t.t("code.resent"));
        }
    }

    /** Signing out needs no session (the sign-in page follows either way); with one, the post must carry its token. */
    private void logout(ServerRequest req, ServerResponse res) {
        n.sessions().current(req).ifPresent(s -> {
            AdminFilter.requireCsrf(req, s, Forms.read(req, MAX_FORM_BYTES));
            n.sessions().end(s, res);
        });
        Http.seeOther(res, Ids.ROUTE_ADMIN_LOGIN);
    }

    private void signIn(ServerResponse res) {
        n.sessions().start(res);
        Http.seeOther(res, Ids.ROUTE_ADMIN);
    }

    /** Reads a sign-in form and checks its nonce. */
    private Map<String, String> readForm(ServerRequest req) {
        Map<String, String> form = Forms.read(req, MAX_FORM_BYTES);
        cookies.requireNonce(req, form);
        return form;
    }
}
