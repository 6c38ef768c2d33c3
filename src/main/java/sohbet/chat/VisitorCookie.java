package sohbet.chat;

import java.time.Duration;
import java.util.Optional;

import io.helidon.http.SetCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import sohbet.web.Signer;

/** The {@code sohbet_visitor} cookie: the visitor's thread id, signed with SECRET_KEY, and nothing else. */
public final class VisitorCookie {
    public static final String NAME = "sohbet_visitor";
    private static final String PURPOSE = "visitor-thread";

    private final Signer signer;
    private final boolean secure;

    public VisitorCookie(Signer signer, boolean secure) {
        this.signer = signer;
        this.secure = secure;
    }

    /** The thread named by a valid cookie; a forged, foreign or malformed cookie names none. */
    public Optional<Long> threadId(ServerRequest req) {
        return req.headers().cookies().first(NAME).asOptional()
                .flatMap(v -> signer.verify(PURPOSE, v))
                .flatMap(VisitorCookie::parseId);
    }

    public void set(ServerResponse res, long threadId) {
        res.headers().addCookie(SetCookie.builder(NAME, signer.sign(PURPOSE, Long.toString(threadId)))
                .path("/")
                .httpOnly(true)
                .secure(secure)
                .sameSite(SetCookie.SameSite.LAX)
                .maxAge(Duration.ofDays(365))
                .build());
    }

    private static Optional<Long> parseId(String s) {
        try {
            long id = Long.parseLong(s);
            return id > 0 ? Optional.of(id) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
