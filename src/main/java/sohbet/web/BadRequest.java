package sohbet.web;

/**
 * A request refused with a 4xx and an explanation in the page's language; {@code key} names it in
 * the message bundle. Nothing was changed.
 */
public class BadRequest extends RuntimeException {
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
