package sohbet.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import sohbet.support.Eventually;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PresenceTest {
    private final List<String> changes = new CopyOnWriteArrayList<>();

    private Presence presence(Duration grace) {
        Presence p = new Presence(grace);
        p.listener(new Presence.Listener() {
            @Override
            public void visitorChanged(long threadId, boolean online) {
                changes.add("visitor " + threadId + " " + online);
            }

            @Override
            public void adminChanged(boolean online) {
                changes.add("admin " + online);
            }
        });
        return p;
    }

    @Test
    void aReloadDoesNotFlap() {
        try (Presence p = presence(Duration.ofMillis(300))) {
            p.visitorConnected(7);
            p.visitorDisconnected(7);
            p.visitorConnected(7);
            // A later, unrelated departure: once it is announced, visitor 7's earlier grace check has run too.
            p.visitorConnected(8);
            p.visitorDisconnected(8);
            Eventually.until("visitor 8 offline", Duration.ofSeconds(3), () -> changes.contains("visitor 8 false"));
            assertTrue(p.visitorOnline(7));
            assertEquals(List.of("visitor 7 true", "visitor 8 true", "visitor 8 false"), changes);
        }
    }

    @Test
    void goingAwayIsAnnouncedAfterTheGracePeriod() {
        try (Presence p = presence(Duration.ofMillis(100))) {
            p.adminConnected();
            p.adminConnected();
            p.adminDisconnected();
            assertTrue(p.adminOnline(), "one panel still open");
            p.adminDisconnected();
            Eventually.until("admin offline", Duration.ofSeconds(2), () -> !p.adminOnline());
            assertEquals(List.of("admin true", "admin false"), changes);
        }
    }
}
