package sohbet.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import sohbet.chat.ChatService;
import sohbet.chat.ChatThread;
import sohbet.chat.Message;
import sohbet.live.LiveHub;
import sohbet.store.AdminSessionStore;
import sohbet.store.Database;
import sohbet.store.MessageStore;
import sohbet.store.Migrations;
import sohbet.store.ThreadStore;
import sohbet.support.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HousekeepingTest {
    @Test
    void emptyThreadsGoAfterADayConversationsStay() {
        try (TestDatabase tdb = TestDatabase.create(TestDatabase.Kind.SQLITE);
             Database db = Database.sqlite(tdb.folder().resolve("hk.db"))) {
            Migrations.migrate(db);
            Instant start = Instant.parse("2026-11-20T10:00:00Z");
            ThreadStore threads = new ThreadStore(db);
            ChatService chat = new ChatService(db, threads, new MessageStore(db), new LiveHub(4), Clock.fixed(start, ZoneOffset.UTC));
            ChatThread lookedOnly = chat.startThread("crawler", null);
            ChatThread talked = chat.startThread("phone", null);
            chat.postText(talked.id(), Message.Sender.VISITOR, Message.Channel.WEB, "merhaba", "hk-1");

            new Housekeeping(threads, new AdminSessionStore(db), Clock.fixed(start.plus(Duration.ofHours(23)), ZoneOffset.UTC)).sweep();
            assertTrue(threads.byId(lookedOnly.id()).isPresent(), "a visitor may still write within the day");

            new Housekeeping(threads, new AdminSessionStore(db), Clock.fixed(start.plus(Duration.ofDays(2)), ZoneOffset.UTC)).sweep();
            assertFalse(threads.byId(lookedOnly.id()).isPresent());
            assertTrue(threads.byId(talked.id()).isPresent());
        }
    }
}
