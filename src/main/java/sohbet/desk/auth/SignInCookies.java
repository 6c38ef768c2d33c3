package sohbet.desk.auth;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.helidon.http.SetCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import sohbet.core.BadRequest;
import sohbet.web.Ids;
import sohbet.web.Signer;

/**
 * The two signed cookies of signing in, both kept to the sign-in paths: the form nonce (there is no
 * session yet to hold a CSRF token) and the pending attempt between the password and the code.
 */
final class SignInCookies {
    private static final String LOGIN = "sohbet_login";
    private static final String PENDING = "sohbet_pending";

    private final Signer signer;
    private final boolean secure;

    SignInCookies(Signer signer, boolean secure) {
        this.signer = signer;
        this.secure = secure;
    }

    /** Sign-in forms carry a nonce that must match the signed one in their cookie. */
    void requireNonce(ServerRequest req, Map<String, String> form) {
        Optional<String> nonce = req.headers().cookies().first(LOGIN).asOptional().flatMap(v -> signer.verify("login", v));
        if (nonce.isEmpty() || !nonce.get().equals(form.get("_csrf"))) {
            throw new BadRequest("error.csrf", 403);
        }
    }

    /** A new nonce for the form about to be sent, set in its cookie too. */
    String freshNonce(ServerResponse res) {
        String nonce = UUID.randomUUID().toString();
        res.headers().addCookie(SetCookie.builder(LOGIN, signer.sign("login", nonce)).path(Ids.ROUTE_ADMIN_LOGIN)
                .httpOnly(true).secure(secure).sameSite(SetCookie.SameSite.STRICT).build());
        return nonce;
    }

    Optional<String> pendingAttempt(ServerRequest req) {
        return req.headers().cookies().first(PENDING).asOptional().flatMap(v -> signer.verify("pending", v));
    }

    void setPending(ServerResponse res, String attempt) {
        res.headers().addCookie(SetCookie.builder(PENDING, signer.sign("pending", attempt)).path(Ids.ROUTE_ADMIN_LOGIN)
                .httpOnly(true).secure(secure).sameSite(SetCookie.SameSite.STRICT).maxAge(SignInCodes.LIFETIME.plusMinutes(1)).build());
    }

    void clearPending(ServerResponse res) {
        res.headers().addCookie(SetCookie.builder(PENDING, "").path(Ids.ROUTE_ADMIN_LOGIN).httpOnly(true).secure(secure)
                .maxAge(Duration.ZERO).build());
    }
}
