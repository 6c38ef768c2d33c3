package sohbet.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

import io.helidon.dbclient.DbTransaction;

/**
 * Writes the messages that arrive together in one transaction. Messages commit one at a time
 * anyway (SQLite has one writer; PostgreSQL takes the message order lock), so under load each
 * commit used to wait for all those before it; one writer that takes everything queued meanwhile
 * turns N commits into one. A lone message is written at once: nothing waits for company.
 * Each caller still returns only after its message committed. See docs/decisions.md, "Group commit".
 */
final class GroupCommit<I, O> {
    /** Enough to absorb a burst; more in one transaction would only hold the lock longer. */
    static final int MAX_BATCH = 64;

    private record Pending<I, O>(I item, CompletableFuture<O> done) {
    }

    private final Transactions db;
    private final BiFunction<DbTransaction, I, O> store;
    private final BlockingQueue<Pending<I, O>> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    GroupCommit(Transactions db, BiFunction<DbTransaction, I, O> store) {
        this.db = db;
        this.store = store;
    }

    /** Writes queued for the next transaction (the one in progress not counted). */
    int waiting() {
        return queue.size();
    }

    /** Stores {@code item} and returns once its transaction committed; its own failure is rethrown. */
    O write(I item) {
        Pending<I, O> p = new Pending<>(item, new CompletableFuture<>());
        queue.add(p);
        if (writing.compareAndSet(false, true)) {
            Thread.ofVirtual().name("sohbet-group-commit").start(this::drain);
        }
        try {
            return p.done().get();
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the message was being stored; it may still commit", e);
        }
    }

    private void drain() {
        while (true) {
            List<Pending<I, O>> batch = new ArrayList<>();
            try {
                Pending<I, O> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    writing.set(false);
                    // A writer that arrived just before the flag fell found it set and started no thread.
                    if (queue.isEmpty() || !writing.compareAndSet(false, true)) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                writing.set(false);
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            writeBatch(batch);
        }
    }

    private void writeBatch(List<Pending<I, O>> batch) {
        if (batch.size() > 1) {
            try {
                List<O> results = db.write(tx -> {
                    List<O> out = new ArrayList<>(batch.size());
                    for (Pending<I, O> p : batch) {
                        out.add(store.apply(tx, p.item()));
                    }
                    return out;
                });
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).done().complete(results.get(i));
                }
                return;
            } catch (RuntimeException | Error e) {
                if (db.unavailable(e)) {
                    // The database is down or busy for everyone: each caller hears it now (a 503), not after
                    // waiting out the timeout once more alone.
                    batch.forEach(p -> p.done().completeExceptionally(e));
                    return;
                }
                // One bad item (a thread deleted meanwhile) must not fail the others: write each alone.
            }
        }
        for (Pending<I, O> p : batch) {
            try {
                p.done().complete(db.write(tx -> store.apply(tx, p.item())));
            } catch (RuntimeException | Error e) {
                p.done().completeExceptionally(e);
            }
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new CompletionException(cause);
    }
}
