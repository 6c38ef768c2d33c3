package sohbet.faults;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import sohbet.support.Web;

/**
 * What the test's clients sent and what each was told, to hold against what the database has
 * afterwards. A message is acknowledged once its post answered 303 (or 200 with the message
 * fragment, for htmx); otherwise the client gave up after an answer that never came (a crash), so
 * it may or may not have been stored, but at most once.
 */
final class Ledger {
    static final class Sent {
        final String poster;
        final long threadId;
        final int seq;
        final String body;
        volatile boolean acked;
        /** The id an htmx acknowledgement showed, 0 if none. */
        volatile long ackedId;

        Sent(String poster, long threadId, int seq, String body) {
            this.poster = poster;
            this.threadId = threadId;
            this.seq = seq;
            this.body = body;
        }

        String clientId() {
            return poster + "-" + seq;
        }

        String key() {
            return threadId + "/" + clientId();
        }

        @Override
        public String toString() {
            return poster + "#" + seq + " (thread " + threadId + ", client_id " + clientId() + (acked ? ", ACKED)" : ", not acknowledged)");
        }
    }

    /** How a poster behaves when its post got no answer. */
    record Policy(double abandonOnNoAnswer, Duration giveUpAfter, boolean htmxSometimes) {
    }

    /** What {@link #verify} found; the failures are what the test asserts empty, the counts explain them. */
    record Verdict(int sent, int acked, List<String> failures) {
        @Override
        public String toString() {
            return sent + " sent, " + acked + " acknowledged" + (failures.isEmpty() ? "" : ", FAILURES: " + failures.size());
        }

        Verdict with(List<String> allFailures) {
            return new Verdict(sent, acked, List.copyOf(allFailures));
        }
    }

    static final Pattern MESSAGE_ID = Pattern.compile("id=\"m-(\\d+)\"");

    private final Map<String, List<Sent>> byPoster = new ConcurrentHashMap<>();
    private final Map<String, Integer> outcomes = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicInteger acks = new AtomicInteger();

    Sent next(String poster, long threadId, String body) {
        List<Sent> list = byPoster.computeIfAbsent(poster, k -> new CopyOnWriteArrayList<>());
        Sent s = new Sent(poster, threadId, list.size(), body);
        list.add(s);
        return s;
    }

    /** Counts an answer (its status) or its absence ("refused", "no-answer", "hung"). */
    void outcome(String key) {
        outcomes.merge(key, 1, Integer::sum);
    }

    int outcomes(String key) {
        return outcomes.getOrDefault(key, 0);
    }

    Map<String, Integer> outcomeCounts() {
        return new TreeMap<>(outcomes);
    }

    void problem(String p) {
        if (problems.size() < 200) {
            problems.add(p);
        }
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    int acks() {
        return acks.get();
    }

    /**
     * Posts {@code s} until it is acknowledged, resubmitting the same client id after a failure as
     * a browser's resubmission would. Returns false when the message was abandoned.
     */
    boolean postUntilAcked(Web visitor, String path, Sent s, Policy policy, Random rnd, BooleanSupplier stopRetrying, String... extraForm) {
        Instant deadline = Instant.now().plus(policy.giveUpAfter());
        List<String> pairs = new ArrayList<>(List.of("body", s.body, "client_id", s.clientId()));
        pairs.addAll(List.of(extraForm));
        Map<String, String> form = Web.form(pairs.toArray(String[]::new));
        String what = "POST " + path + " " + s;
        while (true) {
            boolean htmx = policy.htmxSometimes() && rnd.nextBoolean();
            try {
                HttpResponse<String> r = htmx ? visitor.htmxPost(path, form) : visitor.post(path, form);
                outcome(Integer.toString(r.statusCode()));
                checkAnswer(r, what);
                if (r.statusCode() == 303 || (htmx && r.statusCode() == 200)) {
                    Matcher m = MESSAGE_ID.matcher(r.body());
                    if (htmx && !m.find()) {
                        problem("htmx acknowledgement without a message fragment for " + s);
                    } else if (htmx) {
                        s.ackedId = Long.parseLong(m.group(1));
                    }
                    s.acked = true;
                    acks.incrementAndGet();
                    return true;
                }
                if (r.statusCode() != 503) {
                    problem(what + " answered " + r.statusCode() + ": " + snippet(r.body()));
                }
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof HttpTimeoutException) {
                    outcome("hung");
                    problem(what + " hung: " + e.getCause());
                    return false;
                } else if (e.getCause() instanceof ConnectException) {
                    // Nothing listens (the app is down): the request never reached it, so sending it again is all there is
                    // to do, after a pause that leaves the restarting app the machine's CPU.
                    outcome("refused");
                    AppProcess.pause(50 + rnd.nextInt(50));
                } else {
                    outcome("no-answer");
                    if (rnd.nextDouble() < policy.abandonOnNoAnswer()) {
                        return false;
                    }
                }
            }
            boolean late = Instant.now().isAfter(deadline);
            if (late || stopRetrying.getAsBoolean()) {
                if (late) {
                    problem("never acknowledged within " + policy.giveUpAfter() + ": " + s);
                }
                return false;
            }
            AppProcess.pause(10 + rnd.nextInt(20));
        }
    }

    /** Every answer is checked the same way: no server fault but a clear 503, and never a stack trace or exception name. */
    void checkAnswer(HttpResponse<String> r, String what) {
        if (r.statusCode() >= 500 && r.statusCode() != 503) {
            problem(what + " answered " + r.statusCode() + ": " + snippet(r.body()));
        }
        if (r.statusCode() == 503 && r.headers().firstValue("Retry-After").isEmpty()) {
            problem(what + " answered 503 without Retry-After");
        }
        if (leaksTrace(r.body())) {
            problem(what + " leaked a stack trace or exception: " + snippet(r.body()));
        }
    }

    static boolean leaksTrace(String body) {
        return body.contains("Exception") || body.contains("\tat ") || body.contains("at sohbet.") || body.contains("at io.helidon");
    }

    static String snippet(String text) {
        String t = text.replaceAll("\\s+", " ");
        int i = t.indexOf("<main");
        t = i > 0 ? t.substring(i) : t;
        return t.length() > 300 ? t.substring(0, 300) + "…" : t;
    }

    /**
     * Holds the database against the ledger for the threads the ledger posted to: every
     * acknowledged message stored exactly once with its text, an unacknowledged one at most once;
     * nothing stored that was never sent; each poster's messages in posting order (ids increase
     * with the sequence). Every text sent is unique, so a text stored twice fails one of these too.
     */
    Verdict verify(List<StoredMessages.Row> rows) {
        List<String> failures = new ArrayList<>();
        Map<String, Sent> sentByKey = new HashMap<>();
        Set<Long> threads = new HashSet<>();
        for (List<Sent> list : byPoster.values()) {
            list.forEach(s -> sentByKey.put(s.key(), s));
            list.forEach(s -> threads.add(s.threadId));
        }
        Map<String, List<StoredMessages.Row>> stored = new HashMap<>();
        for (StoredMessages.Row r : rows) {
            if (!threads.contains(r.threadId())) {
                continue;
            }
            Sent s = sentByKey.get(r.threadId() + "/" + r.clientId());
            if (s == null) {
                failures.add("stored but never sent by this test: " + r);
                continue;
            }
            if (!r.body().equals(s.body.strip())) {
                failures.add("stored text differs for " + s + ": " + r.body());
            }
            stored.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(r);
        }
        int acked = 0;
        for (List<Sent> list : byPoster.values()) {
            long previous = 0;
            Sent before = null;
            for (Sent s : list) {
                List<StoredMessages.Row> found = stored.getOrDefault(s.key(), List.of());
                if (s.acked) {
                    acked++;
                    if (found.size() != 1) {
                        failures.add("acknowledged but stored " + found.size() + " times: " + s);
                    } else if (s.ackedId != 0 && found.getFirst().id() != s.ackedId) {
                        failures.add("acknowledged as m-" + s.ackedId + " but stored as " + found.getFirst().id() + ": " + s);
                    }
                } else if (found.size() > 1) {
                    failures.add("unacknowledged but stored " + found.size() + " times: " + s);
                }
                if (!found.isEmpty()) {
                    long id = found.getFirst().id();
                    if (id <= previous) {
                        failures.add("out of posting order: " + s + " stored as " + id + " after " + before + " stored as " + previous);
                    }
                    previous = id;
                    before = s;
                }
            }
        }
        return new Verdict(sentByKey.size(), acked, List.copyOf(failures));
    }
}
