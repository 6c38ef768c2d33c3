package sohbet.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * One measured period of posting at a fixed rate, half visitor → admin and half admin → visitor,
 * as plain form POSTs (303 answers). Every message carries a token {@code bq<window>x<seq>y<dir>}
 * in its text, so a delivery on a visitor stream is matched exactly (and a message shown to the
 * wrong visitor is caught). The admin panel stream announces a visitor message in another thread
 * as a {@code toast} naming the thread: those are matched per thread in posting order (each
 * visitor has at most one post in flight, so the order is the commit order).
 *
 * <p>With several panel tabs open, a visitor message is delivered to the admin only when every tab
 * has it (as a toast, or as a message on the tab that shows its thread): its delivery time is the
 * last tab's, and one tab missing it makes it lost. Each (message, tab) pair is also kept, for
 * the latency to the panel tabs on their own.
 *
 * <p>Latency is measured from just before the POST is written to the moment the event is read
 * from the receiving stream, on the same clock (System.nanoTime, one process).
 */
final class Window {
    static final int TO_ADMIN = 0;
    static final int TO_VISITOR = 1;
    private static final AtomicInteger IDS = new AtomicInteger();

    final int id = IDS.incrementAndGet();
    final int rate;
    final int count;
    private final Crowd crowd;
    private final long[] due;
    private final long[] sent;
    private final long[] acked;
    private final AtomicLongArray delivered;
    private final byte[] dir;
    private final int[] target;
    private final byte[] outcome;          // 0 not sent, 1 acknowledged (303), 2 failed
    private final int[] fixedTargets;      // admin → visitor messages to these visitors, in order; null: random, half each way
    // panel tabs: all guarded by `panel`
    private final Object panel = new Object();
    private final long[] tabThread;
    private final long[][] tabDelivered;
    private final int[] tabsLeft;
    private final List<Map<Long, ArrayDeque<Integer>>> pendingToasts = new ArrayList<>();
    final AtomicLong inThreadTabDeliveries = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong strayToasts = new AtomicLong();
    final AtomicLong misrouted = new AtomicLong();
    final AtomicLong echoes = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong unmatchedPosts = new AtomicLong();
    final Map<Integer, Integer> errorStatuses = new java.util.concurrent.ConcurrentHashMap<>();
    long startNanos;
    long lastAckNanos;

    Window(Crowd crowd, int rate, int seconds) {
        this(crowd, rate, Math.max(1, rate * seconds), null);
    }

    /** One admin → visitor message to each of {@code targets} (visitor indexes), at {@code rate}/s. */
    Window(Crowd crowd, int rate, int[] targets) {
        this(crowd, rate, targets.length, targets.clone());
    }

    private Window(Crowd crowd, int rate, int count, int[] fixedTargets) {
        this.crowd = crowd;
        this.rate = rate;
        this.count = count;
        this.fixedTargets = fixedTargets;
        this.tabThread = crowd.tabThread.clone();
        this.tabDelivered = new long[tabThread.length][count];
        this.tabsLeft = new int[count];
        for (int k = 0; k < tabThread.length; k++) {
            pendingToasts.add(new HashMap<>());
        }
        this.due = new long[count];
        this.sent = new long[count];
        this.acked = new long[count];
        this.delivered = new AtomicLongArray(count);
        this.dir = new byte[count];
        this.target = new int[count];
        this.outcome = new byte[count];
    }

    private String token(int seq) {
        return "bq" + id + "x" + seq + "y" + dir[seq];
    }

    // ---- posting ------------------------------------------------------------------------------

    /** Posts {@code count} messages at {@code rate}/s with {@code connections} keep-alive workers; returns when all are answered. */
    void run(int connections, long ackTimeoutMillis) throws InterruptedException {
        BlockingQueue<Integer> jobs = new ArrayBlockingQueue<>(count + 1);
        AtomicInteger done = new AtomicInteger();
        Thread[] workers = new Thread[connections];
        for (int w = 0; w < connections; w++) {
            workers[w] = Thread.ofVirtual().start(() -> work(jobs, done));
        }
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long period = 1_000_000_000L / rate;
        startNanos = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long d = startNanos + i * period;
            long wait;
            while ((wait = d - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            due[i] = d;
            if (fixedTargets != null) {
                dir[i] = TO_VISITOR;
                target[i] = fixedTargets[i];
            } else if (i % 2 == 0) {
                dir[i] = TO_ADMIN;
                target[i] = crowd.claimIdleVisitor(r);
            } else {
                dir[i] = TO_VISITOR;
                target[i] = crowd.randomLiveVisitor(r);
            }
            if (target[i] < 0) {
                outcome[i] = 2;
                unmatchedPosts.incrementAndGet();
                done.incrementAndGet();
                continue;
            }
            jobs.add(i);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ackTimeoutMillis);
        while (done.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        for (Thread t : workers) {
            t.interrupt();
        }
        for (Thread t : workers) {
            t.join(2000);
        }
    }

    private void work(BlockingQueue<Integer> jobs, AtomicInteger done) {
        try (Http h = new Http(crowd.app.host, crowd.app.port, 30_000)) {
            while (true) {
                int seq;
                try {
                    seq = jobs.take();
                } catch (InterruptedException e) {
                    return;
                }
                post(h, seq);
                done.incrementAndGet();
            }
        }
    }

    private void post(Http h, int seq) {
        int v = target[seq];
        String body = "body=hello+from+the+bench+" + token(seq) + "&client_id=b" + id + "x" + seq;
        try {
            Http.Response r;
            if (dir[seq] == TO_ADMIN) {
                long thread = crowd.threadIds[v];
                synchronized (panel) {
                    tabsLeft[seq] = tabThread.length;
                    for (int k = 0; k < tabThread.length; k++) {
                        if (tabThread[k] != thread) {
                            pendingToasts.get(k).computeIfAbsent(thread, t -> new ArrayDeque<>()).add(seq);
                        }
                    }
                }
                sent[seq] = System.nanoTime();
                r = h.postForm("/messages", body, "Cookie: " + crowd.cookies[v], "Sec-Fetch-Site: same-origin");
            } else {
                sent[seq] = System.nanoTime();
                r = h.postForm("/admin/threads/" + crowd.threadIds[v] + "/messages", body + "&_csrf=" + crowd.adminCsrf,
                        "Cookie: sohbet_admin=" + crowd.adminCookie, "Sec-Fetch-Site: same-origin");
            }
            acked[seq] = System.nanoTime();
            if (r.status() == 303) {
                outcome[seq] = 1;
            } else {
                fail(seq, r.status());
            }
        } catch (java.io.IOException | RuntimeException e) {
            // A timeout or a cut connection: the server may still have stored it, so a later delivery
            // is not a duplicate; it only counts as an error here.
            acked[seq] = System.nanoTime();
            outcome[seq] = 2;
            errors.incrementAndGet();
            errorStatuses.merge(-1, 1, Integer::sum);
        } finally {
            if (dir[seq] == TO_ADMIN) {
                crowd.busy[v].set(false);
            }
        }
    }

    private void fail(int seq, int status) {
        outcome[seq] = 2;
        errors.incrementAndGet();
        errorStatuses.merge(status, 1, Integer::sum);
        if (dir[seq] == TO_ADMIN) {
            synchronized (panel) {
                for (Map<Long, ArrayDeque<Integer>> tab : pendingToasts) {
                    ArrayDeque<Integer> q = tab.get(crowd.threadIds[target[seq]]);
                    if (q != null) {
                        q.remove(seq);
                    }
                }
            }
        }
    }

    // ---- deliveries (selector thread) ----------------------------------------------------------

    void toast(int tab, long threadId, long nanos) {
        synchronized (panel) {
            if (tab >= tabThread.length) {
                return;
            }
            ArrayDeque<Integer> q = pendingToasts.get(tab).get(threadId);
            Integer seq = q == null ? null : q.poll();
            if (seq == null) {
                strayToasts.incrementAndGet();
                return;
            }
            reachedTab(tab, seq, nanos);
        }
    }

    /** A message on a panel tab that shows a thread: a visitor's message there is matched by its token. */
    void adminMessage(int tab, String data, long nanos) {
        int seq = seqOf(data);
        if (seq < 0 || dir[seq] != TO_ADMIN) {
            return;   // not this window's, or the admin's own reply shown in the open thread
        }
        synchronized (panel) {
            if (tab >= tabThread.length || tabThread[tab] != crowd.threadIds[target[seq]]) {
                misrouted.incrementAndGet();
                return;
            }
            inThreadTabDeliveries.incrementAndGet();
            reachedTab(tab, seq, nanos);
        }
    }

    private void reachedTab(int tab, int seq, long nanos) {
        if (tabDelivered[tab][seq] != 0) {
            duplicates.incrementAndGet();
            return;
        }
        tabDelivered[tab][seq] = nanos;
        if (--tabsLeft[seq] == 0) {
            delivered.set(seq, nanos);
        }
    }

    /** The sequence number of this window's token in {@code data}, or -1. */
    private int seqOf(String data) {
        int at = data.indexOf("bq" + id + "x");
        if (at < 0) {
            return -1;   // an older window's message, or not ours
        }
        int x = at + ("bq" + id + "x").length();
        int y = data.indexOf('y', x);
        int seq = Integer.parseInt(data, x, y, 10);
        return seq >= 0 && seq < count && data.charAt(y + 1) - '0' == dir[seq] ? seq : -1;
    }

    void visitorMessage(int streamIndex, String data, long nanos) {
        int seq = seqOf(data);
        if (seq < 0) {
            return;
        }
        int d = dir[seq];
        if (target[seq] != streamIndex) {
            misrouted.incrementAndGet();
            return;
        }
        if (d == TO_ADMIN) {
            echoes.incrementAndGet();   // the visitor's own message on its own stream
            return;
        }
        if (!delivered.compareAndSet(seq, 0, nanos)) {
            duplicates.incrementAndGet();
        }
    }

    // ---- results -------------------------------------------------------------------------------

    int acknowledged() {
        int n = 0;
        for (byte b : outcome) {
            if (b == 1) {
                n++;
            }
        }
        return n;
    }

    int undelivered() {
        return undelivered(-1);
    }

    int undelivered(int which) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (outcome[i] == 1 && delivered.get(i) == 0 && (which < 0 || dir[i] == which)) {
                n++;
            }
        }
        return n;
    }

    /** Waits until every acknowledged message was delivered, or {@code millis} passed. */
    void drain(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (undelivered() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }

    Map<String, Object> result() {
        long first = Long.MAX_VALUE;
        long last = 0;
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (outcome[i] == 1) {
                first = Math.min(first, sent[i]);
                last = Math.max(last, acked[i]);
                n++;
            }
        }
        double seconds = n == 0 ? 0 : (last - first) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target_rate", rate);
        m.put("posts", count);
        m.put("acknowledged", n);
        m.put("achieved_rate", seconds > 0 ? n / seconds : 0.0);
        m.put("post_errors", errors.get());
        // posts not sent because every sampled visitor still had a post in flight (only with few visitors)
        m.put("skipped_no_idle_visitor", unmatchedPosts.get());
        if (!errorStatuses.isEmpty()) {
            m.put("post_error_statuses", new LinkedHashMap<>(errorStatuses));
        }
        m.put("lost", undelivered());
        m.put("lost_to_admin", undelivered(TO_ADMIN));
        m.put("lost_to_visitor", undelivered(TO_VISITOR));
        m.put("duplicated", duplicates.get() + strayToasts.get());
        m.put("misrouted", misrouted.get());
        m.put("own_echoes", echoes.get());
        m.put("delivery_ms", percentiles(latencies(-1)));
        m.put("delivery_to_admin_ms", percentiles(latencies(TO_ADMIN)));
        m.put("delivery_to_visitor_ms", percentiles(latencies(TO_VISITOR)));
        m.put("panel_tabs", tabThread.length);
        m.put("panel_tabs_showing_a_thread", Arrays.stream(tabThread).filter(t -> t != 0).count());
        synchronized (panel) {
            // every (visitor message, panel tab) pair on its own: how long each tab waited
            long[] pairs = new long[count * tabThread.length];
            int n2 = 0;
            long missing = 0;
            for (int i = 0; i < count; i++) {
                if (outcome[i] != 1 || dir[i] != TO_ADMIN) {
                    continue;
                }
                for (long[] tab : tabDelivered) {
                    if (tab[i] == 0) {
                        missing++;
                    } else {
                        pairs[n2++] = tab[i] - sent[i];
                    }
                }
            }
            m.put("delivery_to_panel_tabs_ms", percentiles(Arrays.copyOf(pairs, n2)));
            m.put("panel_tab_deliveries_missing", missing);
            m.put("panel_in_thread_deliveries", inThreadTabDeliveries.get());
        }
        m.put("post_answer_ms", percentiles(diffs(sent, acked)));
        m.put("client_send_lag_ms", percentiles(diffs(due, sent)));
        return m;
    }

    private long[] latencies(int which) {
        long[] out = new long[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            long d = delivered.get(i);
            if (d != 0 && outcome[i] == 1 && (which < 0 || dir[i] == which)) {
                out[n++] = d - sent[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    private long[] diffs(long[] from, long[] to) {
        long[] out = new long[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (from[i] != 0 && to[i] != 0) {
                out[n++] = to[i] - from[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    static Map<String, Object> percentiles(long[] nanos) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", nanos.length);
        if (nanos.length == 0) {
            return m;
        }
        long[] s = nanos.clone();
        Arrays.sort(s);
        m.put("p50", ms(pick(s, 0.50)));
        m.put("p90", ms(pick(s, 0.90)));
        m.put("p99", ms(pick(s, 0.99)));
        m.put("p999", ms(pick(s, 0.999)));
        m.put("max", ms(s[s.length - 1]));
        return m;
    }

    private static long pick(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
