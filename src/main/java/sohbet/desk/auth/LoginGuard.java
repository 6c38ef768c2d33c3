package sohbet.desk.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Slows down and then stops failing sign-in steps (a wrong password or a wrong code), per client
 * address. An address that keeps failing waits longer after each failure (1 s, 2 s, 4 s … after the
 * third) and is locked for 15 minutes at the tenth. Nothing here is counted for the account as a
 * whole: a limit shared by every address would let anyone lock the owner out by failing on purpose.
 * Against guessing spread over many addresses, a busy account (50 failures in the window) gives each
 * failing address 3 failures instead of 10; an address that has not failed is never refused.
 * A success clears only its own address.
 */
public final class LoginGuard {
    static final int MAX_FAILURES = 10;
    /** Failures an address gets while the account as a whole is being guessed at. */
    static final int MAX_FAILURES_UNDER_ATTACK = 3;
    /** Failures from all addresses that mean the account is being guessed at. */
    static final int ATTACK_FAILURES = 50;
    /** Typos are free: the wait starts after this many failures. */
    static final int FREE_FAILURES = 2;
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** The account's own entry; no client address contains a NUL. */
    private static final String ACCOUNT = "\0account";

    private record Failures(int count, Instant last) {
    }

    private final Clock clock;
    private final Cache<String, Failures> failures;

    public LoginGuard(Clock clock) {
        this.clock = clock;
        this.failures = Caffeine.newBuilder()
                .expireAfterWrite(WINDOW)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .maximumSize(100_000)
                .build();
    }

    /** How long this address must wait before its next try; zero when it may try now. */
    public Duration waitFor(String address) {
        return waitFor(failures.getIfPresent(address), clock.instant());
    }

    private Duration waitFor(Failures f, Instant now) {
        if (f == null) {
            return Duration.ZERO;
        }
        int allowed = underAttack() ? MAX_FAILURES_UNDER_ATTACK : MAX_FAILURES;
        Instant until = f.count() >= allowed ? f.last().plus(WINDOW) : f.last().plus(backoff(f.count()));
        return now.isBefore(until) ? Duration.between(now, until) : Duration.ZERO;
    }

    /**
     * Claims one try for this address, or says no (it must wait). The try counts as a failure from
     * the moment it is claimed, in one atomic step with the check: a thousand racing requests cannot
     * all pass the check before the first failure is recorded. A right answer then {@link #succeeded}
     * (or {@link #release}s the try when another step follows); a wrong one adds to the account's
     * count with {@link #failed}.
     */
    public boolean tryAcquire(String address) {
        boolean[] granted = {false};
        Instant now = clock.instant();
        failures.asMap().compute(address, (k, f) -> {
            if (!waitFor(f, now).isZero()) {
                return f;
            }
            granted[0] = true;
            return new Failures(f == null ? 1 : f.count() + 1, now);
        });
        return granted[0];
    }

    /** The claimed try was a wrong password or a wrong code (the address's count already holds it). */
    public void failed(String address) {
        failures.asMap().compute(ACCOUNT, (k, f) -> new Failures(f == null ? 1 : f.count() + 1, clock.instant()));
    }

    /** The claimed try was not a failure (a right password, with the code still to come). */
    public void release(String address) {
        failures.asMap().computeIfPresent(address, (k, f) -> f.count() <= 1 ? null : new Failures(f.count() - 1, f.last()));
    }

    public void succeeded(String address) {
        failures.invalidate(address);
    }

    private boolean underAttack() {
        Failures all = failures.getIfPresent(ACCOUNT);
        return all != null && all.count() >= ATTACK_FAILURES;
    }

    private static Duration backoff(int count) {
        if (count <= FREE_FAILURES) {
            return Duration.ZERO;
        }
        return Duration.ofSeconds(1L << Math.min(count - FREE_FAILURES - 1, 8));
    }
}
