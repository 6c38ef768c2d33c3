package sohbet.desk.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import io.helidon.http.SetCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import sohbet.store.AdminSessionStore;

/**
 * Server-side admin sessions. The cookie holds a random token; the database holds only its hash,
 * so a leaked database does not sign anyone in. Each session has its own CSRF token.
 */
public final class AdminSessions {
    public static final String COOKIE = "sohbet_admin";
    /** In production the cookie is locked to this host, HTTPS and path / by the browser itself. */
    public static final String HOST_COOKIE = "__Host-sohbet_admin";
    static final Duration IDLE = Duration.ofHours(12);
    static final Duration ABSOLUTE = Duration.ofDays(7);
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    /** A signed-in admin. */
    public record Session(String tokenHash, String csrf) {
    }

    private final AdminSessionStore store;
    private final Clock clock;
    private final boolean secure;
    private final String cookieName;
    private final String credentialTag;
    private final SecureRandom random = new SecureRandom();

    public AdminSessions(AdminSessionStore store, Clock clock, boolean secure, String credentialTag) {
        this.store = store;
        this.clock = clock;
        this.secure = secure;
        this.cookieName = secure ? HOST_COOKIE : COOKIE;
        this.credentialTag = credentialTag;
    }

    /** Starts a new session (always a new id, so a planted cookie never becomes a signed-in one). */
    public Session start(ServerResponse res) {
        String token = randomToken();
        Instant now = clock.instant();
        Session s = new Session(hash(token), randomToken());
        store.insert(new AdminSessionStore.Row(s.tokenHash(), s.csrf(), now, now, now.plus(ABSOLUTE), credentialTag));
        res.headers().addCookie(cookie(token, ABSOLUTE));
        return s;
    }

    public Optional<Session> current(ServerRequest req) {
        Optional<String> token = req.headers().cookies().first(cookieName).asOptional();
        if (token.isEmpty() || token.get().length() > 100) {
            return Optional.empty();
        }
        String h = hash(token.get());
        Instant now = clock.instant();
        return store.find(h).flatMap(row -> {
            if (now.isAfter(row.expiresAt()) || now.isAfter(row.lastUsedAt().plus(IDLE)) || !credentialTag.equals(row.credentialTag())) {
                store.delete(h);
                return Optional.empty();
            }
            if (now.isAfter(row.lastUsedAt().plus(TOUCH_EVERY))) {
                store.touch(h, now);
            }
            return Optional.of(new Session(h, row.csrfToken()));
        });
    }

    public void end(Session s, ServerResponse res) {
        store.delete(s.tokenHash());
        res.headers().addCookie(cookie("", Duration.ZERO));
    }

    /** Constant-time comparison of the token a form or htmx header carried with the session's. */
    public static boolean csrfMatches(Session s, String given) {
        return given != null && MessageDigest.isEqual(s.csrf().getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    private SetCookie cookie(String value, Duration maxAge) {
        return SetCookie.builder(cookieName, value).path("/").httpOnly(true).secure(secure)
                .sameSite(SetCookie.SameSite.LAX).maxAge(maxAge).build();
    }

    private String randomToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
