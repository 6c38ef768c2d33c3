package sohbet.visitor;

import java.time.Duration;
import java.util.Optional;

import io.helidon.http.SetCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import sohbet.web.Signer;

/**
 * The {@code sohbet_visitor} cookie: the visitor's thread id, signed with SECRET_KEY, and nothing else.
 * Inside a frame on another site a browser may keep no cookie at all; there the same thread id rides
 * as a signed token in the {@value #TOKEN_HEADER} request header, which the frame's script sends.
 */
public final class VisitorCookie {
    public static final String NAME = "sohbet_visitor";
    /** Carries the embedded chat's token, both ways: requests name their thread, a new thread's answer hands it out. */
    public static final String TOKEN_HEADER = "X-Sohbet-Token";
    private static final io.helidon.http.HeaderName TOKEN = io.helidon.http.HeaderNames.create(TOKEN_HEADER);
    private static final String PURPOSE = "visitor-thread";
    private static final String TOKEN_PURPOSE = "embed-token";
    private static final Duration LIFETIME = Duration.ofDays(365);

    private final Signer signer;
    private final boolean secure;

    public VisitorCookie(Signer signer, boolean secure) {
        this.signer = signer;
        this.secure = secure;
    }

    /** The thread named by a valid cookie; a forged, foreign or malformed cookie names none. */
    public Optional<Long> threadId(ServerRequest req) {
        // The token is what the embedding page handed over explicitly, so it names the thread before a cookie does.
        Optional<Long> byToken = req.headers().first(TOKEN).flatMap(v -> signer.verify(TOKEN_PURPOSE, v)).flatMap(VisitorCookie::parseId);
        if (byToken.isPresent()) {
            return byToken;
        }
        return req.headers().cookies().first(NAME).asOptional()
                .flatMap(v -> signer.verify(PURPOSE, v))
                .flatMap(VisitorCookie::parseId);
    }

    /** The token naming this thread for the embedded chat. */
    public String token(long threadId) {
        return signer.sign(TOKEN_PURPOSE, Long.toString(threadId));
    }

    /**
     * The cookie for the chat framed on another site: {@code SameSite=None} so it is sent there at
     * all, {@code Secure} as browsers require for that, and {@code Partitioned} (CHIPS) so browsers
     * that block third-party cookies still keep it, in a jar of its own for that one site. Also hands
     * out the token, for browsers that keep no cookie in a frame.
     */
    public void setEmbedded(ServerResponse res, long threadId) {
        String value = signer.sign(PURPOSE, Long.toString(threadId));
        // Helidon's SetCookie has no Partitioned attribute yet, so the header is written out here.
        res.headers().add(io.helidon.http.HeaderValues.create(io.helidon.http.HeaderNames.SET_COOKIE,
                NAME + "=" + value + "; Path=/; Max-Age=" + LIFETIME.toSeconds() + "; HttpOnly; Secure; SameSite=None; Partitioned"));
        res.header(TOKEN, token(threadId));
    }

    public void set(ServerResponse res, long threadId) {
        res.headers().addCookie(SetCookie.builder(NAME, signer.sign(PURPOSE, Long.toString(threadId)))
                .path("/")
                .httpOnly(true)
                .secure(secure)
                .sameSite(SetCookie.SameSite.LAX)
                .maxAge(LIFETIME)
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
