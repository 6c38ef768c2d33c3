package sohbet.live;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import sohbet.core.Message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveHubTest {
    private static Message msg(long id, long thread) {
        return new Message(id, thread, Message.Sender.VISITOR, Message.Channel.WEB, Message.Kind.TEXT, "x", null, null, null, null, Instant.now());
    }

    @Test
    void aMessageGoesToItsThreadAndTheAdminsOnly() throws Exception {
        LiveHub hub = new LiveHub(8);
        Subscriber mine = hub.subscribeVisitor(1);
        Subscriber other = hub.subscribeVisitor(2);
        Subscriber admin = hub.subscribeAdmin(0);
        hub.messageStored(msg(10, 1), 9);
        assertEquals(10, ((LiveEvent.NewMessage) mine.next(100)).message().id());
        assertEquals(10, ((LiveEvent.NewMessage) admin.next(100)).message().id());
        assertNull(other.next(50));
    }

    @Test
    void aSubscriberThatFallsBehindIsDroppedNotWaitedFor() throws Exception {
        LiveHub hub = new LiveHub(4);
        Subscriber slow = hub.subscribeVisitor(1);
        Subscriber fast = hub.subscribeVisitor(1);
        for (int i = 1; i <= 10; i++) {
            hub.messageStored(msg(i, 1), i - 1);
            fast.next(100);
        }
        assertTrue(slow.dropped());
        assertInstanceOf(LiveEvent.Stop.class, slow.next(100), "the dropped stream is woken to close");
        assertFalse(fast.dropped());
    }

    @Test
    void unsubscribingBringsTheCountBackToZero() {
        LiveHub hub = new LiveHub(4);
        Subscriber a = hub.subscribeVisitor(1);
        Subscriber b = hub.subscribeVisitor(1);
        Subscriber c = hub.subscribeAdmin(0);
        assertEquals(3, hub.subscriberCount());
        hub.unsubscribe(a);
        hub.unsubscribe(b);
        hub.unsubscribe(c);
        assertEquals(0, hub.subscriberCount());
    }
}
