package sohbet.live;

import sohbet.chat.Message;

/** What a stream can be told. Events carry ids and records, never rendered pages, to keep queues small. */
public sealed interface LiveEvent {
    record NewMessage(Message message) implements LiveEvent {
    }

    record AdminPresence(boolean online) implements LiveEvent {
    }

    record VisitorPresence(long threadId, boolean online) implements LiveEvent {
    }

    record ThreadChanged(long threadId) implements LiveEvent {
    }

    /** Someone is typing in a thread: the visitor (shown to the admin) or the admin (shown to the visitor). */
    record Typing(long threadId, boolean byVisitor) implements LiveEvent {
    }

    /** The admin has read the thread up to its newest message. */
    record ThreadRead(long threadId) implements LiveEvent {
    }

    /** Announcements may have been missed: read the store again. */
    record CatchUp() implements LiveEvent {
    }

    /** Wakes a stream so it notices it was dropped. */
    record Stop() implements LiveEvent {
    }
}
