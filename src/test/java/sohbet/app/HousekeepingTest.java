package sohbet.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import sohbet.core.ChatService;
import sohbet.core.ChatThread;
import sohbet.core.Message;
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

            new Housekeeping(chat, threads, new AdminSessionStore(db), Clock.fixed(start.plus(Duration.ofHours(23)), ZoneOffset.UTC)).sweep();
            assertTrue(threads.byId(lookedOnly.id()).isPresent(), "a visitor may still write within the day");

            new Housekeeping(chat, threads, new AdminSessionStore(db), Clock.fixed(start.plus(Duration.ofDays(2)), ZoneOffset.UTC)).sweep();
            assertFalse(threads.byId(lookedOnly.id()).isPresent());
            assertTrue(threads.byId(talked.id()).isPresent());
        }
    }

    @Test
    void retentionDeletesClosedConversationsOlderThanItThroughTheChatServiceWithTheirFiles() {
        try (TestDatabase tdb = TestDatabase.create(TestDatabase.Kind.SQLITE);
             Database db = Database.sqlite(tdb.folder().resolve("rt.db"))) {
            Migrations.migrate(db);
            Instant start = Instant.parse("2026-11-01T10:00:00Z");
            ThreadStore threads = new ThreadStore(db);
            ChatService chat = new ChatService(db, threads, new MessageStore(db), new LiveHub(4), Clock.fixed(start, ZoneOffset.UTC));
            ChatThread oldClosed = chat.startThread("a", null);
            chat.postMedia(oldClosed.id(), Message.Sender.VISITOR, Message.Channel.WEB, Message.Kind.IMAGE, "local:photo-1", "image/png", 10, "", "rt-1");
            chat.setOpen(oldClosed.id(), false);
            ChatThread oldOpen = chat.startThread("b", null);
            chat.postText(oldOpen.id(), Message.Sender.VISITOR, Message.Channel.WEB, "hâlâ açık", "rt-2");
            ChatService later = new ChatService(db, threads, new MessageStore(db), new LiveHub(4), Clock.fixed(start.plus(Duration.ofDays(25)), ZoneOffset.UTC));
            ChatThread recentClosed = later.startThread("c", null);
            later.postText(recentClosed.id(), Message.Sender.VISITOR, Message.Channel.WEB, "yeni", "rt-3");
            later.setOpen(recentClosed.id(), false);

            java.util.List<String> removed = new java.util.ArrayList<>();
            Clock now = Clock.fixed(start.plus(Duration.ofDays(31)), ZoneOffset.UTC);
            new Housekeeping(chat, threads, new AdminSessionStore(db), now, Housekeeping.Retention.of(0, chat, removed::addAll)).sweep();
            assertTrue(threads.byId(oldClosed.id()).isPresent(), "RETENTION_DAYS unset keeps everything");

            new Housekeeping(chat, threads, new AdminSessionStore(db), now, Housekeeping.Retention.of(30, chat, removed::addAll)).sweep();
            assertFalse(threads.byId(oldClosed.id()).isPresent(), "closed and older than 30 days: deleted");
            assertTrue(chat.history(oldClosed.id()).isEmpty());
            assertTrue(removed.contains("local:photo-1"), "its files are removed too: " + removed);
            assertTrue(threads.byId(oldOpen.id()).isPresent(), "an open conversation stays, however old");
            assertTrue(threads.byId(recentClosed.id()).isPresent(), "a recently closed one stays");
        }
    }
}
