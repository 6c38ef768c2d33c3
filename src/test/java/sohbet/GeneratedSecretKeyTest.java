package sohbet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sohbet.app.AppConfig;
import sohbet.app.Sohbet;
import sohbet.visitor.VisitorCookie;
import sohbet.store.SettingStore;
import sohbet.support.TestApp;
import sohbet.support.TestDatabase;
import sohbet.support.Web;
import sohbet.web.Signer;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sohbet.support.Web.form;

/**
 * Without SECRET_KEY every installation signs with a key of its own, kept beside its data; the old
 * public development key opens nothing.
 */
class GeneratedSecretKeyTest {
    private static final String SECRET = "gizli sipariş numaram 12345";
    private TestApp setup;

    /** The environment of a fresh database without SECRET_KEY, then {@code overrides}. */
    private void setUp(TestDatabase.Kind kind, String... overrides) {
        setup = new TestApp(kind);
        setup.env.remove("SECRET_KEY");
        setup.set(overrides);
    }

    private Sohbet start() {
        return setup.start(Clock.systemUTC(), Sohbet.Timing.defaults());
    }

    /** A visitor who wrote something private; returns the visitor. */
    private static Web owner(Sohbet app) {
        Web w = TestApp.visitor(TestApp.uri(app));
        assertEquals(303, w.post("/messages", form("body", SECRET, "client_id", "k-1")).statusCode());
        return w;
    }

    private static boolean reads(Sohbet app, String cookie) {
        Web w = new Web(TestApp.uri(app));
        w.setCookie(VisitorCookie.NAME, cookie);
        return w.get("/").body().contains(SECRET);
    }

    private static String forged(String key, long threadId) {
        return new Signer(key).sign("visitor-thread", Long.toString(threadId));
    }

    @AfterEach
    void stop() {
        setup.close();
    }

    @Test
    void sqliteKeepsAGeneratedKeyInAnOwnerOnlyFileAndTheOldPublicKeyOpensNothing() throws Exception {
        setUp(TestDatabase.Kind.SQLITE);
        Sohbet app = start();
        Web owner = owner(app);
        long thread = owner.threadId();
        String cookie = owner.cookie(VisitorCookie.NAME);

        Path file = setup.database.folder().resolve("secret.key");
        assertTrue(Files.isRegularFile(file), "the key is kept beside chat.db");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(Files.readString(file).strip().length() >= 43, "32 random bytes");

        assertFalse(reads(app, forged(AppConfig.PUBLIC_SECRET_KEY, thread)), "a cookie forged with the old public key");
        assertForgedGetsAChatOfItsOwn(new Web(TestApp.uri(app)), forged(AppConfig.PUBLIC_SECRET_KEY, thread));

        setup.stop(app);
        assertTrue(reads(start(), cookie), "the same key after a restart: the visitor keeps the chat");
    }

    @Test
    void theOldPublicKeySetExplicitlyIsIgnored() {
        setUp(TestDatabase.Kind.SQLITE, "SECRET_KEY", AppConfig.PUBLIC_SECRET_KEY);
        Sohbet app = start();
        long thread = owner(app).threadId();
        assertFalse(reads(app, forged(AppConfig.PUBLIC_SECRET_KEY, thread)));
    }

    @Test
    void aSetSecretKeyWinsAndNothingIsGenerated() {
        setUp(TestDatabase.Kind.SQLITE, "SECRET_KEY", "an-operator-chosen-key-123");
        Sohbet app = start();
        long thread = owner(app).threadId();
        assertTrue(reads(app, forged("an-operator-chosen-key-123", thread)));
        assertFalse(Files.exists(setup.database.folder().resolve("secret.key")));
    }

    @Test
    void postgresInstancesStartingTogetherShareOneGeneratedKey() throws Exception {
        setUp(TestDatabase.Kind.POSTGRESQL);
        CompletableFuture<Sohbet> a = CompletableFuture.supplyAsync(this::start);
        CompletableFuture<Sohbet> b = CompletableFuture.supplyAsync(this::start);
        Sohbet first = a.get();
        Sohbet second = b.get();
        Web owner = owner(first);
        long thread = owner.threadId();
        assertTrue(reads(second, owner.cookie(VisitorCookie.NAME)), "a cookie from one instance works on the other");
        assertFalse(reads(second, forged(AppConfig.PUBLIC_SECRET_KEY, thread)), "a cookie forged with the old public key");
        String kept = new SettingStore(first.database()).get("secret_key").orElseThrow();
        assertTrue(reads(first, forged(kept, thread)), "the key lives in the database");
        assertFalse(Files.exists(setup.database.folder().resolve("secret.key")));
    }

    /** What a cookie forged with the old public key gets: a fresh chat of its own, not the owner's. */
    private static void assertForgedGetsAChatOfItsOwn(Web attacker, String cookie) {
        attacker.setCookie(VisitorCookie.NAME, cookie);
        var page = attacker.get("/");
        assertEquals(200, page.statusCode());
        assertThat(page.body(), not(containsString(SECRET)));
        assertTrue(page.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith(VisitorCookie.NAME + "=")));
    }
}
