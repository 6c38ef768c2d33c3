package sohbet.core;

/** Who is told, after the commit, that something changed (open pages and panels). */
public interface ChatEvents {
    /** {@code previousInThread}: the id before this message in its thread, -1 when unknown (the message was stored earlier). */
    void messageStored(Message m, long previousInThread);

    void threadChanged(long threadId);

    void threadRead(long threadId);
}
