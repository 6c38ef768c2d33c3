package sohbet.faults;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
 * afterwards. A message is ACKED once its post answered 303 (or 200 with the message fragment,
 * for htmx); ABANDONED when the client gave up after an answer that never came (a crash), so it
 * may or may not have been stored, but at most once.
 */
final class Ledger {
    enum State { PENDING, ACKED, ABANDONED }

    static final class Sent {
        final String poster;
        final long threadId;
        final int seq;
        final String clientId;
        final String body;
        volatile State state = State.PENDING;
        volatile long ackedId;
        volatile int attempts;

        Sent(String poster, long threadId, int seq, String clientId, String body) {
            this.poster = poster;
            this.threadId = threadId;
            this.seq = seq;
            this.clientId = clientId;
            this.body = body;
        }

        @Override
        public String toString() {
            return poster + "#" + seq + " (thread " + threadId + ", client_id " + clientId + ", " + state + ")";
        }
    }

    private static final Pattern MESSAGE_ID = Pattern.compile("id=\"m-(\\d+)\"");

    private final Map<String, List<Sent>> byPoster = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicInteger acks = new AtomicInteger();

    Sent next(String poster, long threadId, String body) {
        List<Sent> list = byPoster.computeIfAbsent(poster, k -> new CopyOnWriteArrayList<>());
        int seq = list.size();
        Sent s = new Sent(poster, threadId, seq, poster + "-" + seq, body);
        list.add(s);
        return s;
    }

    void outcome(String key) {
        outcomes.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    int outcomes(String key) {
        AtomicInteger n = outcomes.get(key);
        return n == null ? 0 : n.get();
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

    Map<String, Integer> outcomeCounts() {
        Map<String, Integer> m = new TreeMap<>();
        outcomes.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    List<Sent> all() {
        List<Sent> all = new ArrayList<>();
        byPoster.values().forEach(all::addAll);
        return all;
    }

    /** How a poster behaves when its post got no answer. */
    record Policy(double abandonOnNoAnswer, Duration giveUpAfter, boolean htmxSometimes) {
    }

    /**
     * Posts {@code s} until it is acknowledged, resubmitting the same client id after a failure as
     * a browser's resubmission would. Returns false when the message was abandoned.
     */
    boolean postUntilAcked(Web visitor, String path, Sent s, Policy policy, Random rnd, BooleanSupplier stopRetrying, String... extraForm) {
        Instant deadline = Instant.now().plus(policy.giveUpAfter());
        while (true) {
            s.attempts++;
            boolean htmx = policy.htmxSometimes() && rnd.nextBoolean();
            String[] form = new String[4 + extraForm.length];
            form[0] = "body";
            form[1] = s.body;
            form[2] = "client_id";
            form[3] = s.clientId;
            System.arraycopy(extraForm, 0, form, 4, extraForm.length);
            try {
                HttpResponse<String> r = htmx ? visitor.post(path, Web.form(form), "HX-Request", "true") : visitor.post(path, Web.form(form));
                outcome(Integer.toString(r.statusCode()));
                checkAnswer(r, "POST " + path + " " + s);
                if (r.statusCode() == 303 || (htmx && r.statusCode() == 200)) {
                    if (htmx) {
                        Matcher m = MESSAGE_ID.matcher(r.body());
                        if (!m.find()) {
                            problem("htmx acknowledgement without a message fragment for " + s);
                        } else {
                            s.ackedId = Long.parseLong(m.group(1));
                        }
                    }
                    s.state = State.ACKED;
                    acks.incrementAndGet();
                    return true;
                }
                if (r.statusCode() != 503) {
                    problem("POST " + path + " " + s + " answered " + r.statusCode() + ": " + snippet(r.body()));
                }
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof HttpTimeoutException) {
                    outcome("hung");
                    problem("POST " + path + " " + s + " hung: " + e.getCause());
                    s.state = State.ABANDONED;
                    return false;
                } else if (e.getCause() instanceof ConnectException) {
                    // Nothing listens (the app is down): the request never reached it, so sending it again is all there is
                    // to do, after a pause that leaves the restarting app the machine's CPU.
                    outcome("refused");
                    AppProcess.pause(50 + rnd.nextInt(50));
                } else {
                    outcome("no-answer");
                    if (rnd.nextDouble() < policy.abandonOnNoAnswer()) {
                        s.state = State.ABANDONED;
                        return false;
                    }
                }
            }
            if (Instant.now().isAfter(deadline) || stopRetrying.getAsBoolean()) {
                s.state = State.ABANDONED;
                if (Instant.now().isAfter(deadline)) {
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
        String body = r.body();
        if (body.contains("Exception") || body.contains("\tat ") || body.contains("at sohbet.") || body.contains("at io.helidon")) {
            problem(what + " leaked a stack trace or exception: " + snippet(body));
        }
    }

    static String snippet(String text) {
        String t = text.replaceAll("\\s+", " ");
        int i = t.indexOf("<main");
        if (i > 0) {
            t = t.substring(i);
        }
        return t.length() > 300 ? t.substring(0, 300) + "…" : t;
    }

    /** What {@link #verify} found, for the report. */
    record Verdict(int sent, int acked, int abandoned, int abandonedStored, int rowsChecked, List<String> failures) {
        @Override
        public String toString() {
            return sent + " sent, " + acked + " acknowledged, " + abandoned + " abandoned (" + abandonedStored + " of them stored), "
                    + rowsChecked + " stored rows checked" + (failures.isEmpty() ? "" : ", FAILURES: " + failures.size());
        }
    }

    /**
     * Holds the database against the ledger for the threads the ledger posted to: every
     * acknowledged message stored exactly once with its text; nothing stored that was never sent;
     * no text twice; each poster's messages in posting order (ids increase with the sequence).
     */
    Verdict verify(List<StoredMessages.Row> rows) {
        List<String> failures = new ArrayList<>();
        Map<String, Sent> sentByKey = new HashMap<>();
        List<Sent> all = all();
        for (Sent s : all) {
            sentByKey.put(s.threadId + "/" + s.clientId, s);
        }
        java.util.Set<Long> threads = new java.util.HashSet<>();
        all.forEach(s -> threads.add(s.threadId));
        Map<String, List<StoredMessages.Row>> stored = new HashMap<>();
        Map<String, Integer> bodies = new HashMap<>();
        int checked = 0;
        for (StoredMessages.Row r : rows) {
            if (!threads.contains(r.threadId())) {
                continue;
            }
            checked++;
            Sent s = r.clientId() == null ? null : sentByKey.get(r.threadId() + "/" + r.clientId());
            if (s == null) {
                failures.add("stored but never sent by this test: " + r);
                continue;
            }
            if (!r.body().equals(s.body.strip())) {
                failures.add("stored text differs for " + s + ": " + r.body());
            }
            stored.computeIfAbsent(r.threadId() + "/" + r.clientId(), k -> new ArrayList<>()).add(r);
            bodies.merge(r.threadId() + "/" + r.body(), 1, Integer::sum);
        }
        bodies.forEach((k, n) -> {
            if (n > 1) {
                failures.add("the same text stored " + n + " times: " + k);
            }
        });
        int acked = 0;
        int abandoned = 0;
        int abandonedStored = 0;
        for (Sent s : all) {
            List<StoredMessages.Row> found = stored.getOrDefault(s.threadId + "/" + s.clientId, List.of());
            if (s.state == State.ACKED) {
                acked++;
                if (found.size() != 1) {
                    failures.add("acknowledged but stored " + found.size() + " times: " + s);
                } else if (s.ackedId != 0 && found.getFirst().id() != s.ackedId) {
                    failures.add("acknowledged as m-" + s.ackedId + " but stored as " + found.getFirst().id() + ": " + s);
                }
            } else {
                abandoned++;
                if (found.size() > 1) {
                    failures.add("unacknowledged but stored " + found.size() + " times: " + s);
                }
                abandonedStored += found.size();
            }
        }
        for (Map.Entry<String, List<Sent>> e : byPoster.entrySet()) {
            long previous = 0;
            Sent before = null;
            for (Sent s : e.getValue()) {
                List<StoredMessages.Row> found = stored.getOrDefault(s.threadId + "/" + s.clientId, List.of());
                if (found.isEmpty()) {
                    continue;
                }
                long id = found.getFirst().id();
                if (id <= previous) {
                    failures.add("out of posting order: " + s + " stored as " + id + " after " + before + " stored as " + previous);
                }
                previous = id;
                before = s;
            }
        }
        return new Verdict(all.size(), acked, abandoned, abandonedStored, checked, Collections.unmodifiableList(failures));
    }
}
