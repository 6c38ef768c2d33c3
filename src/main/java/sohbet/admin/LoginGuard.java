package sohbet.admin;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Counts failed sign-in steps per client address and for the account as a whole; too many in a
 * window and that address (or everyone, for the account limit) must wait. A success clears only its
 * own address, so one right guess does not reset an attack from elsewhere.
 */
public final class LoginGuard {
    static final int MAX_FAILURES = 10;
    /** All addresses together: a spread-out guessing attempt against the one account also stops. */
    static final int MAX_ACCOUNT_FAILURES = 50;
    private static final String ACCOUNT = "\0account";
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Cache<String, AtomicInteger> failures = Caffeine.newBuilder()
            .expireAfterWrite(WINDOW)
            .maximumSize(100_000)
            .build();

    public boolean blocked(String address) {
        AtomicInteger n = failures.getIfPresent(address);
        AtomicInteger all = failures.getIfPresent(ACCOUNT);
        return n != null && n.get() >= MAX_FAILURES || all != null && all.get() >= MAX_ACCOUNT_FAILURES;
    }

    /** A wrong password or a wrong code. */
    public void failed(String address) {
        failures.asMap().computeIfAbsent(address, k -> new AtomicInteger()).incrementAndGet();
        failures.asMap().computeIfAbsent(ACCOUNT, k -> new AtomicInteger()).incrementAndGet();
    }

    public void succeeded(String address) {
        failures.invalidate(address);
    }

    public long windowMinutes() {
        return WINDOW.toMinutes();
    }
}
