package sohbet.core;

/**
 * A request refused with a 4xx and an explanation in the page's language; {@code key} names it in
 * the message bundle. Nothing was changed.
 */
public class BadRequest extends RuntimeException {
    private final String key;
    private final int status;
    private final int retryAfterSeconds;

    public BadRequest(String key, int status) {
        this(key, status, 0);
    }

    /** A refusal that passes (a full server): the answer says when to try again. */
    public BadRequest(String key, int status, int retryAfterSeconds) {
        super(key, null, false, false);
        this.key = key;
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String key() {
        return key;
    }

    public int status() {
        return status;
    }

    /** Seconds for a Retry-After header; 0 for none. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
