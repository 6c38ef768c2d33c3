package sohbet.desk.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sohbet.store.Database;
import sohbet.store.LoginCodeStore;
import sohbet.store.Migrations;
import sohbet.support.MutableClock;
import sohbet.support.TestDatabase;
import sohbet.web.Signer;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignInCodesTest {
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private TestDatabase tdb;
    private Database db;
    private SignInCodes codes;

    @BeforeEach
    void setUp() {
        tdb = TestDatabase.create(TestDatabase.Kind.SQLITE);
        db = Database.sqlite(tdb.folder().resolve("codes.db"));
        Migrations.migrate(db);
        CodeSender recorder = new CodeSender() {
            @Override
            public boolean send(String text) {
                sent.add(text);
                return true;
            }

            @Override
            public boolean delivers() {
                return true;
            }
        };
        codes = new SignInCodes(new LoginCodeStore(db), recorder, new Signer("k"), clock);
    }

    @AfterEach
    void tearDown() {
        db.close();
        tdb.close();
    }

    private String lastCode() {
        Matcher m = Pattern.compile("Kodu: (\\d{6})").matcher(sent.getLast());
        assertTrue(m.find(), sent.getLast());
        return m.group(1);
    }

    @Test
    void theMessageReadsLikeTheOriginalAndTheCodeWorksOnce() {
        String attempt = codes.begin().orElseThrow();
        assertThat(sent.getLast(), containsString("🔐 Admin OTP Kodu: "));
        assertThat(sent.getLast(), containsString("⏰ 5 dakika geçerli"));
        String code = lastCode();
        assertEquals(SignInCodes.Outcome.OK, codes.check(attempt, code).outcome());
        assertEquals(SignInCodes.Outcome.UNKNOWN, codes.check(attempt, code).outcome(), "reuse");
    }

    @Test
    void aCodeBelongsToItsOwnAttempt() {
        String first = codes.begin().orElseThrow();
        String firstCode = lastCode();
        String second = codes.begin().orElseThrow();
        String secondCode = lastCode();
        if (!firstCode.equals(secondCode)) {
            assertEquals(SignInCodes.Outcome.WRONG, codes.check(second, firstCode).outcome(), "an earlier attempt's code");
        }
        assertEquals(SignInCodes.Outcome.OK, codes.check(second, secondCode).outcome());
        assertEquals(SignInCodes.Outcome.OK, codes.check(first, firstCode).outcome());
    }

    @Test
    void anExpiredCodeIsRefused() {
        String attempt = codes.begin().orElseThrow();
        String code = lastCode();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertEquals(SignInCodes.Outcome.EXPIRED, codes.check(attempt, code).outcome());
    }

    @Test
    void fiveWrongTriesVoidTheAttemptEvenForTheRightCode() {
        String attempt = codes.begin().orElseThrow();
        String code = lastCode();
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int left = 4; left >= 1; left--) {
            SignInCodes.Verdict v = codes.check(attempt, wrong);
            assertEquals(SignInCodes.Outcome.WRONG, v.outcome());
            assertEquals(left, v.triesLeft());
        }
        assertEquals(SignInCodes.Outcome.VOID, codes.check(attempt, wrong).outcome(), "5th wrong try");
        assertEquals(SignInCodes.Outcome.UNKNOWN, codes.check(attempt, code).outcome(), "6th try, right code, too late");
    }

    @Test
    void aNewCodeAtMostOnceAMinuteAndTheOldOneStopsWorking() {
        String attempt = codes.begin().orElseThrow();
        String old = lastCode();
        SignInCodes.Resend tooSoon = codes.resend(attempt);
        assertFalse(tooSoon.sent());
        assertTrue(tooSoon.waitSeconds() > 0 && tooSoon.waitSeconds() <= 60);
        assertEquals(1, sent.size());
        clock.advance(Duration.ofSeconds(61));
        assertTrue(codes.resend(attempt).sent());
        String fresh = lastCode();
        if (!fresh.equals(old)) {
            assertEquals(SignInCodes.Outcome.WRONG, codes.check(attempt, old).outcome());
        }
        assertEquals(SignInCodes.Outcome.OK, codes.check(attempt, fresh).outcome());
    }
}
