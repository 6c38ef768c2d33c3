package sohbet.core;

import io.helidon.dbclient.DbExecute;

/**
 * Something that reacts to each new message; the composition root registers listeners with
 * {@link ChatService#listen}, so every reaction is visible in one place.
 */
public interface MessageListener {
    /** Work that must commit or roll back with the message (an outbox row, a notice to other instances). */
    default void inTransaction(DbExecute tx, Messages.Stored stored) {
    }

    /** After the commit, once per new message. */
    default void committed(Message m) {
    }

    /** A listener that only acts after the commit. */
    static MessageListener afterCommit(java.util.function.Consumer<Message> action) {
        return new MessageListener() {
            @Override
            public void committed(Message m) {
                action.accept(m);
            }
        };
    }
}
