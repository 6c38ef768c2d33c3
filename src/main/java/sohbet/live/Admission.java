package sohbet.live;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Decides whether one more open stream (or one more new visitor) fits, so that a rush of arrivals
 * ends in polite 503s instead of an OutOfMemoryError that would take every open chat down with it.
 * Two guards: a cap on open streams derived from the heap the JVM really has (unless MAX_STREAMS
 * sets one), and the heap left after the last garbage collection. See docs/decisions.md,
 * "Admission control from the heap".
 */
public final class Admission {
    private static final Logger LOG = Logger.getLogger(Admission.class.getName());

    /**
     * Heap one open stream costs: bench/ measured about 23 KB per idle stream (mostly the
     * connection's buffers). A burst of arrivals costs more for a moment; the after-collection
     * check below covers that, so the cap itself need not be pessimistic.
     */
    static final long BYTES_PER_STREAM = 24 * 1024;
    /** Heap kept for everything that is not a stream: pages, uploads being checked, caches, the pool. */
    static final long MIN_RESERVE = 64L * 1024 * 1024;
    /** Above this share of the heap still in use after a collection, no new stream is admitted. */
    static final double PRESSURE = 0.85;
    /** What a refused client is told to wait before it tries again. */
    public static final int RETRY_AFTER_SECONDS = 10;

    private final int cap;
    private final long maxHeap;
    private final LongSupplier heapAfterLastGc;
    private volatile long lastWarning;

    Admission(int cap, long maxHeap, LongSupplier heapAfterLastGc) {
        this.cap = cap;
        this.maxHeap = maxHeap;
        this.heapAfterLastGc = heapAfterLastGc;
    }

    /** {@code configuredCap} 0 means "derive it from the heap". */
    public static Admission forThisJvm(int configuredCap) {
        long max = Runtime.getRuntime().maxMemory();
        int cap = configuredCap > 0 ? configuredCap : capFor(max);
        LOG.info(() -> "Open streams: at most " + cap + (configuredCap > 0 ? " (MAX_STREAMS)" : " (derived from a " + (max >> 20) + " MB heap)"));
        return new Admission(cap, max, new LongSupplier() {
            // Read at most every 200 ms: the pools change only at a collection, and a rush asks thousands of times.
            private volatile long value;
            private volatile long readAt;

            @Override
            public long getAsLong() {
                long now = System.nanoTime();
                if (now - readAt > 200_000_000L) {
                    value = heapInUseAfterLastGc();
                    readAt = now;
                }
                return value;
            }
        });
    }

    /** The number of streams a heap of {@code maxHeap} bytes holds with room to spare. */
    static int capFor(long maxHeap) {
        long reserve = Math.max(MIN_RESERVE, maxHeap / 4);
        long streams = (maxHeap - reserve) / BYTES_PER_STREAM;
        return (int) Math.max(16, Math.min(1_000_000, streams));
    }

    public int cap() {
        return cap;
    }

    /** True when one more stream may open while {@code open} are open already. */
    public boolean admits(int open) {
        if (open >= cap) {
            return false;
        }
        long used = heapAfterLastGc.getAsLong();
        if (used > 0 && used > (long) (maxHeap * PRESSURE)) {
            long now = System.currentTimeMillis();
            if (now - lastWarning > 60_000) {
                lastWarning = now;
                LOG.warning(() -> "Heap nearly full after collection (" + (used >> 20) + " of " + (maxHeap >> 20)
                        + " MB) with " + open + " streams open: new streams and visitors get 503 until it frees");
            }
            return false;
        }
        return true;
    }

    /** Heap still in use after the most recent collection of each pool; 0 when the JVM does not say. */
    static long heapInUseAfterLastGc() {
        long sum = 0;
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        for (MemoryPoolMXBean pool : pools) {
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()) {
                MemoryUsage after = pool.getCollectionUsage();
                if (after != null) {
                    sum += after.getUsed();
                }
            }
        }
        return sum;
    }
}
