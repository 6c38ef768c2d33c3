package sohbet.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Fixed-window counters per rule and key (a visitor's thread, a client address), kept in Caffeine
 * so idle keys cost nothing. Per instance: behind several instances the effective limit is
 * (instances × limit), which still stops a flood.
 */
public final class RateLimits {

    /** At most {@code max} events per {@code window} for one key. */
    public record Rule(String name, int max, Duration window) {
    }

    /** The limits in force, from configuration. */
    public record Rules(Rule messagesPerVisitor, Rule uploadsPerVisitor, Rule newThreadsPerAddress) {
        public static Rules of(int messagesPerMinute, int uploadsPerHour, int newThreadsPerHour) {
            return new Rules(new Rule("messages", messagesPerMinute, Duration.ofMinutes(1)),
                    new Rule("uploads", uploadsPerHour, Duration.ofHours(1)),
                    new Rule("threads", newThreadsPerHour, Duration.ofHours(1)));
        }
    }

    private static final class Window {
        Instant start;
        int count;
    }

    private final Rules rules;
    private final Clock clock;
    private final java.util.function.Consumer<String> refused;
    private final Map<Rule, Cache<String, Window>> windows = new ConcurrentHashMap<>();

    public RateLimits(Rules rules, Clock clock) {
        this(rules, clock, rule -> { });
    }

    /** {@code refused} hears the name of each rule that refused a request (for metrics). */
    public RateLimits(Rules rules, Clock clock, java.util.function.Consumer<String> refused) {
        this.rules = rules;
        this.clock = clock;
        this.refused = refused;
    }

    public Rules rules() {
        return rules;
    }

    /** Counts one event; false when the key is over its limit for the current window. */
    public boolean allow(Rule rule, String key) {
        Cache<String, Window> cache = windows.computeIfAbsent(rule, r -> Caffeine.newBuilder()
                .expireAfterAccess(r.window().multipliedBy(2))
                .maximumSize(200_000)
                .build());
        Window w = cache.get(key, k -> new Window());
        Instant now = clock.instant();
        synchronized (w) {
            if (w.start == null || !now.isBefore(w.start.plus(rule.window()))) {
                w.start = now;
                w.count = 0;
            }
            if (++w.count <= rule.max()) {
                return true;
            }
        }
        refused.accept(rule.name());
        return false;
    }
}
