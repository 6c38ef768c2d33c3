package sohbet.chat;

/** A post that cannot be accepted; {@code key} names the user-facing explanation in the message bundle. */
public final class ChatException extends RuntimeException {
    private final String key;
    private final int status;

    public ChatException(String key, int status) {
        super(key, null, false, false);
        this.key = key;
        this.status = status;
    }

    public String key() {
        return key;
    }

    public int status() {
        return status;
    }
}
