package sohbet.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import sohbet.web.Signer;

/**
 * The two links an answers mail carries, signed with SECRET_KEY like the visitor cookie: one back to a
 * single conversation (valid seven days, restores the visitor cookie on any device) and one that stops
 * mails for it. Each purpose has its own signature, so one link can never stand in for the other.
 */
public final class MailLinks {
    public static final Duration BACK_VALID = Duration.ofDays(7);
    private static final String BACK = "mail-back";
    private static final String UNSUBSCRIBE = "mail-unsubscribe";

    /** What a back link says when checked. */
    public sealed interface Back {
        record Valid(long threadId) implements Back {
        }

        record Expired() implements Back {
        }

        record Invalid() implements Back {
        }
    }

    private final Signer signer;
    private final Clock clock;

    public MailLinks(Signer signer, Clock clock) {
        this.signer = signer;
        this.clock = clock;
    }

    public String backToken(long threadId) {
        long expires = clock.instant().plus(BACK_VALID).getEpochSecond();
        return signer.sign(BACK, threadId + "." + expires);
    }

    public Back back(String token) {
        Optional<String> value = signer.verify(BACK, token);
        if (value.isEmpty()) {
            return new Back.Invalid();
        }
        String[] parts = value.get().split("\\.");
        if (parts.length != 2) {
            return new Back.Invalid();
        }
        try {
            long threadId = Long.parseLong(parts[0]);
            Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[1]));
            if (threadId <= 0) {
                return new Back.Invalid();
            }
            return clock.instant().isAfter(expires) ? new Back.Expired() : new Back.Valid(threadId);
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return new Back.Invalid();
        }
    }

    public String unsubscribeToken(long threadId) {
        return signer.sign(UNSUBSCRIBE, Long.toString(threadId));
    }

    public Optional<Long> unsubscribeThread(String token) {
        return signer.verify(UNSUBSCRIBE, token).flatMap(v -> {
            try {
                long id = Long.parseLong(v);
                return id > 0 ? Optional.of(id) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
