package sohbet.web;

/** Input that cannot be read at all; {@code key} names the explanation in the message bundle. */
public final class BadRequest extends RuntimeException {
    private final String key;
    private final int status;

    public BadRequest(String key, int status) {
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
