package sohbet.live;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Work done once per event and shared by every stream that handles it: the message rendered for
 * one kind of viewer in one language, a toast, a read mark. Without it, a message seen by N open
 * streams was rendered (and, for toasts, looked up) N times. Lives only as long as the event.
 */
public final class EventMemo {
    private volatile Map<String, String> done;

    /** The value for {@code key}, computed by the first stream that asks; the others wait for it and reuse it. */
    public String once(String key, Supplier<String> work) {
        Map<String, String> m = done;
        if (m == null) {
            synchronized (this) {
                m = done;
                if (m == null) {
                    m = new ConcurrentHashMap<>(4);
                    done = m;
                }
            }
        }
        return m.computeIfAbsent(key, k -> work.get());
    }
}
