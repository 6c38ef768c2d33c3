package sohbet.admin;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/** Counts failed sign-ins per client address; too many in a window and that address must wait. */
public final class LoginGuard {
    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Cache<String, AtomicInteger> failures = Caffeine.newBuilder()
            .expireAfterWrite(WINDOW)
            .maximumSize(100_000)
            .build();

    public boolean blocked(String address) {
        AtomicInteger n = failures.getIfPresent(address);
        return n != null && n.get() >= MAX_FAILURES;
    }

    public void failed(String address) {
        failures.asMap().computeIfAbsent(address, k -> new AtomicInteger()).incrementAndGet();
    }

    public void succeeded(String address) {
        failures.invalidate(address);
    }

    public long windowMinutes() {
        return WINDOW.toMinutes();
    }
}
