package sohbet.desk.auth;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tries are claimed before they are checked, so racing requests cannot outrun the count. */
class LoginGuardTest {
    private final Clock frozen = Clock.fixed(Instant.parse("2026-11-30T06:00:00Z"), ZoneOffset.UTC);

    @Test
    void twoHundredRacingTriesFromOneAddressGetOnlyTheFreeOnes() throws Exception {
        LoginGuard guard = new LoginGuard(frozen);
        AtomicInteger granted = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                pool.submit(() -> {
                    if (guard.tryAcquire("203.0.113.7")) {
                        granted.incrementAndGet();
                        guard.failed("203.0.113.7");
                    }
                });
            }
        }
        assertEquals(LoginGuard.FREE_FAILURES + 1, granted.get(), "the free tries, then a wait");
        assertTrue(guard.waitFor("203.0.113.7").toSeconds() >= 1);
        assertTrue(guard.tryAcquire("198.51.100.9"), "another address is not held up");
    }

    @Test
    void aRightPasswordBeforeTheCodeGivesItsTryBack() {
        LoginGuard guard = new LoginGuard(frozen);
        for (int i = 0; i < 10; i++) {
            assertTrue(guard.tryAcquire("203.0.113.8"), "try " + i);
            guard.release("203.0.113.8");
        }
    }
}
