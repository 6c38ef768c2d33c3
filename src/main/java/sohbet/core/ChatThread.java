package sohbet.core;

import java.time.Instant;

/** One visitor's conversation with the admin. */
public record ChatThread(
        long id,
        String visitorName,
        Instant createdAt,
        Instant lastActivityAt,
        Instant lastSeenAt,
        boolean open,
        int unreadForAdmin,
        String userAgent,
        String firstPage,
        Long lastMessageId) {

    /** The short tag the admin sees and types, e.g. {@code T42}. */
    public String tag() {
        return "T" + id;
    }
}
