package sohbet.live;

import sohbet.core.Message;

/** What a stream can be told. Events carry ids and records, never rendered pages, to keep queues small. */
public sealed interface LiveEvent {
    /**
     * A committed message. {@code previousInThread} is the id of the message before it in its thread
     * (0 for the first, -1 when unknown): a stream that has delivered exactly that one can write this
     * message from the event itself, without reading the store. See docs/decisions.md,
     * "Deliver from the event".
     */
    record NewMessage(Message message, long previousInThread, EventMemo memo) implements LiveEvent {
        public NewMessage(Message message, long previousInThread) {
            this(message, previousInThread, new EventMemo());
        }
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
