package sohbet.core;


/** A message, name or thread the chat rules refuse (empty, too long, unknown thread…). */
public final class ChatException extends BadRequest {
    public ChatException(String key, int status) {
        super(key, status);
    }
}
