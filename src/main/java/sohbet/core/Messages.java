package sohbet.core;

import java.util.List;
import java.util.Optional;

import io.helidon.dbclient.DbExecute;

/** The messages table as the core needs it; one implementation per database lives in the store. */
public interface Messages {
    /**
     * What an insert did: the stored message, whether this call stored it (false: an earlier post
     * with the same client id), and {@code previousInThread}, the id before it in its thread (0: none;
     * -1 when it was stored earlier).
     */
    record Stored(Message message, boolean created, long previousInThread) {
    }

    /** Inserts inside {@code tx} unless the thread already has a message with the same client id, which is returned instead. */
    Stored insertOnce(DbExecute tx, Message draft);

    /** Replaces a message's text inside {@code tx}, its search form included; the message keeps its id and place. */
    Optional<Message> updateBody(DbExecute tx, long id, String body);

    Optional<Message> byClientId(DbExecute ex, long threadId, String clientId);

    Optional<Message> byId(long id);

    /** The newest {@code limit} messages of a thread, oldest first. */
    List<Message> latest(long threadId, int limit);

    /** Up to {@code limit} messages before {@code beforeId}, oldest first. */
    List<Message> before(long threadId, long beforeId, int limit);

    /** Up to {@code limit} messages after {@code afterId}, oldest first. */
    List<Message> after(long threadId, long afterId, int limit);

    List<Message> all(long threadId);

    List<String> mediaRefs(long threadId);

    long maxId(long threadId);

    List<Message> search(String query, int limit);
}
