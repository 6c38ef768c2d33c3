package sohbet.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sohbet.store.Database;
import sohbet.support.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Messages that arrive together share a transaction; each caller still gets its own answer. */
class GroupCommitTest {
    private static TestDatabase database;
    private static Database db;

    @BeforeAll
    static void open() {
        database = TestDatabase.create(TestDatabase.Kind.SQLITE);
        db = Database.sqlite(database.folder().resolve("group.db"));
        sohbet.store.Migrations.migrate(db);
    }

    @AfterAll
    static void close() {
        db.close();
        database.close();
    }

    @Test
    void writesQueuedBehindACommitShareTheNextTransaction() throws Exception {
        assertEquals(2, runBurst(-1), "the one in progress, then all twenty queued meanwhile in one");
    }

    @Test
    void aBadWriteInAGroupFailsAloneAndTheOthersCommit() throws Exception {
        runBurst(7);
    }

    /** Holds write 0 in its transaction while 1..20 queue up, then lets go; returns the transactions used. */
    private static int runBurst(int bad) throws Exception {
        CountDownLatch holdFirst = new CountDownLatch(1);
        CountDownLatch firstInside = new CountDownLatch(1);
        List<Object> transactions = new ArrayList<>();
        GroupCommit<Integer, Integer> commits = new GroupCommit<>(db, (tx, n) -> {
            synchronized (transactions) {
                if (transactions.isEmpty() || transactions.getLast() != tx) {
                    transactions.add(tx);
                }
            }
            if (n == 0) {
                firstInside.countDown();
                await(holdFirst);
            }
            if (n == bad) {
                throw new ChatException("error.noThread", 404);
            }
            tx.dml("UPDATE schema_version SET version = version WHERE 0 = 1");
            return n * 10;
        });
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> first = pool.submit(() -> commits.write(0));
            await(firstInside);
            List<Future<Integer>> rest = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                int n = i;
                rest.add(pool.submit(() -> commits.write(n)));
            }
            sohbet.support.Eventually.until("all twenty queued behind the first", java.time.Duration.ofSeconds(10),
                    () -> commits.waiting() == 20);
            holdFirst.countDown();
            assertEquals(0, first.get(10, TimeUnit.SECONDS));
            for (int i = 1; i <= 20; i++) {
                Future<Integer> f = rest.get(i - 1);
                if (i == bad) {
                    Exception e = assertThrows(Exception.class, () -> f.get(10, TimeUnit.SECONDS));
                    assertTrue(e.getCause() instanceof ChatException, "the bad write gets its own refusal: " + e);
                } else {
                    assertEquals(i * 10, f.get(10, TimeUnit.SECONDS), "write " + i);
                }
            }
        }
        return transactions.size();
    }

    @Test
    void aLoneWriteIsNotHeldBack() {
        GroupCommit<Integer, Integer> commits = new GroupCommit<>(db, (tx, n) -> n + 1);
        for (int i = 0; i < 50; i++) {
            assertEquals(i + 1, commits.write(i));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
