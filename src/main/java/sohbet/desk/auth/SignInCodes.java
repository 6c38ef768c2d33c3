package sohbet.desk.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;

import sohbet.store.LoginCodeStore;
import sohbet.web.Signer;

/**
 * The second sign-in step: a 6-digit code sent to the admin's Telegram chat. A code lives five
 * minutes, works once, belongs to the attempt that asked for it, and five wrong tries void the
 * attempt. A new code can be asked for once a minute; asking does not reset the tries.
 */
public final class SignInCodes {
    private static final Logger LOG = Logger.getLogger(SignInCodes.class.getName());
    public static final Duration LIFETIME = Duration.ofMinutes(5);
    public static final Duration RESEND_AFTER = Duration.ofMinutes(1);
    public static final int MAX_WRONG = 5;

    public enum Outcome { OK, WRONG, VOID, EXPIRED, UNKNOWN }

    /** The result of checking a code; {@code triesLeft} matters for WRONG. */
    public record Verdict(Outcome outcome, int triesLeft) {
    }

    /** The result of asking for a new code; {@code waitSeconds} matters when it was too soon. */
    public record Resend(boolean sent, boolean unknown, long waitSeconds) {
    }

    private final LoginCodeStore store;
    private final CodeSender sender;
    private final Signer signer;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SignInCodes(LoginCodeStore store, CodeSender sender, Signer signer, Clock clock) {
        this.store = store;
        this.sender = sender;
        this.signer = signer;
        this.clock = clock;
    }

    /** Starts an attempt and sends its code; empty when the code could not be sent. */
    /** Whether codes leave the server (the Telegram bot); false: they are written to its log (development). */
    public boolean delivered() {
        return sender.delivers();
    }

    public Optional<String> begin() {
        byte[] id = new byte[18];
        random.nextBytes(id);
        String attempt = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        String code = newCode();
        Instant now = clock.instant();
        store.insert(attempt, hash(attempt, code), now, now.plus(LIFETIME));
        if (!deliver(attempt, code)) {
            store.consume(attempt);
            return Optional.empty();
        }
        return Optional.of(attempt);
    }

    public Verdict check(String attempt, String code) {
        Instant now = clock.instant();
        // The try is counted before the comparison, in one statement: racing guesses cannot all compare.
        Optional<LoginCodeStore.Row> claimed = store.claimTry(attempt, MAX_WRONG, now);
        if (claimed.isEmpty()) {
            Optional<LoginCodeStore.Row> row = store.find(attempt);
            if (row.isEmpty()) {
                return new Verdict(Outcome.UNKNOWN, 0);
            }
            store.consume(attempt);
            return new Verdict(now.isAfter(row.get().expiresAt()) ? Outcome.EXPIRED : Outcome.VOID, 0);
        }
        String given = code == null ? "" : code.strip();
        boolean right = MessageDigest.isEqual(claimed.get().codeHash().getBytes(StandardCharsets.US_ASCII),
                hash(attempt, given).getBytes(StandardCharsets.US_ASCII));
        if (right) {
            return store.consume(attempt) ? new Verdict(Outcome.OK, 0) : new Verdict(Outcome.UNKNOWN, 0);
        }
        int tries = claimed.get().wrongTries();
        if (tries >= MAX_WRONG) {
            store.consume(attempt);
            return new Verdict(Outcome.VOID, 0);
        }
        return new Verdict(Outcome.WRONG, MAX_WRONG - tries);
    }

    public Resend resend(String attempt) {
        Optional<LoginCodeStore.Row> row = store.find(attempt);
        Instant now = clock.instant();
        if (row.isEmpty() || now.isAfter(row.get().expiresAt())) {
            return new Resend(false, true, 0);
        }
        Instant allowed = row.get().sentAt().plus(RESEND_AFTER);
        if (now.isBefore(allowed)) {
            return new Resend(false, false, Math.max(1, Duration.between(now, allowed).toSeconds()));
        }
        String code = newCode();
        store.replaceCode(attempt, hash(attempt, code), now, now.plus(LIFETIME));
        return new Resend(deliver(attempt, code), false, 0);
    }

    private boolean deliver(String attempt, String code) {
        String text = "🔐 Admin OTP Kodu: " + code + "\n⏰ " + LIFETIME.toMinutes() + " dakika geçerli";
        if (!sender.delivers()) {
            LOG.warning("No Telegram bot configured: the admin sign-in code is " + code + " (development only)");
            return true;
        }
        return sender.send(attempt, text);
    }

    private String newCode() {
        return String.format("%06d", random.nextInt(1_000_000));
    }

    private String hash(String attempt, String code) {
        return signer.sign("sign-in-code", attempt + ":" + code);
    }

    void sweep() {
        store.deleteExpired(clock.instant());
    }
}
