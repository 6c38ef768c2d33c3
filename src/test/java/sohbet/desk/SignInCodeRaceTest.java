package sohbet.desk;

import sohbet.desk.auth.CodeSender;
import sohbet.desk.auth.SignInCodes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sohbet.store.Database;
import sohbet.store.DatabaseUrl;
import sohbet.store.LoginCodeStore;
import sohbet.store.Migrations;
import sohbet.support.MutableClock;
import sohbet.support.TestDatabase;
import sohbet.web.Signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many guesses at one sign-in attempt at the same moment: the five-try limit holds on both databases.
 * The signer counts how many guesses were compared with the code (each comparison signs the guess).
 */
class SignInCodeRaceTest {
    private static final int GUESSES = 200;

    /** Counts signatures made for sign-in codes: one when the code is made, then one per comparison. */
    private static final class CountingSigner extends Signer {
        final AtomicInteger codeSignatures = new AtomicInteger();

        CountingSigner() {
            super("race-test-key");
        }

        @Override
        public String sign(String purpose, String value) {
            if (purpose.equals("sign-in-code")) {
                codeSignatures.incrementAndGet();
            }
            return super.sign(purpose, value);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void racingGuessesGetAtMostFiveComparisonsAndTheRightCodeAfterThemIsRefused(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind); Database db = open(tdb)) {
            Migrations.migrate(db);
            AtomicReference<String> sent = new AtomicReference<>();
            CodeSender sender = new CodeSender() {
                @Override
                public boolean send(String text) {
                    sent.set(text);
                    return true;
                }

                @Override
                public boolean delivers() {
                    return true;
                }
            };
            CountingSigner signer = new CountingSigner();
            SignInCodes codes = new SignInCodes(new LoginCodeStore(db), sender, signer, new MutableClock(Instant.now()));
            String attempt = codes.begin().orElseThrow();
            Matcher m = Pattern.compile("Kodu: (\\d{6})").matcher(sent.get());
            assertTrue(m.find());
            String code = m.group(1);
            int codeMade = signer.codeSignatures.get();

            CountDownLatch go = new CountDownLatch(1);
            ConcurrentHashMap<SignInCodes.Outcome, AtomicInteger> outcomes = new ConcurrentHashMap<>();
            List<Future<?>> all = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < GUESSES; i++) {
                    String guess = String.format("%06d", (Integer.parseInt(code) + 1 + i) % 1_000_000);
                    all.add(pool.submit(() -> {
                        go.await();
                        SignInCodes.Outcome o = codes.check(attempt, guess).outcome();
                        outcomes.computeIfAbsent(o, k -> new AtomicInteger()).incrementAndGet();
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : all) {
                    f.get();
                }
            }
            int compared = signer.codeSignatures.get() - codeMade;
            assertEquals(SignInCodes.MAX_WRONG, compared, "guesses compared with the code, of " + GUESSES + ": " + outcomes);
            assertEquals(SignInCodes.MAX_WRONG - 1, outcomes.get(SignInCodes.Outcome.WRONG).get(), outcomes.toString());
            assertNotEquals(SignInCodes.Outcome.OK, codes.check(attempt, code).outcome(), "the right code after five wrong tries");
        }
    }

    private static Database open(TestDatabase tdb) {
        if (tdb.kind() == TestDatabase.Kind.SQLITE) {
            return Database.sqlite(tdb.folder().resolve("race.db"));
        }
        return Database.postgres(DatabaseUrl.parse(tdb.env().get("DATABASE_URL"), false), 8);
    }
}
