package sohbet.core;

import java.time.Instant;

/** One stored chat message. Its id is monotonic and doubles as the SSE event id. */
public record Message(
        long id,
        long threadId,
        Sender sender,
        Channel channel,
        Kind kind,
        String body,
        String mediaRef,
        String mime,
        Long size,
        String clientId,
        Instant createdAt) {

    public enum Sender { VISITOR, ADMIN, SYSTEM }

    public enum Channel { WEB, TELEGRAM }

    public enum Kind { TEXT, IMAGE, AUDIO, FILE }

    /** The same message with its text left out (to describe only its media). */
    public Message withoutBody() {
        return new Message(id, threadId, sender, channel, kind, "", mediaRef, mime, size, clientId, createdAt);
    }

    public boolean fromVisitor() {
        return sender == Sender.VISITOR;
    }
}
