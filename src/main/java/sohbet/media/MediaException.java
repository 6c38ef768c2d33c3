package sohbet.media;

/**
 * An upload that is refused; {@code key} names the explanation in the message bundle and
 * {@code args} fill its placeholders. Nothing is stored when this is thrown.
 */
public final class MediaException extends RuntimeException {
    private final String key;
    private final int status;
    private final transient Object[] args;

    public MediaException(String key, int status, Object... args) {
        super(key, null, false, false);
        this.key = key;
        this.status = status;
        this.args = args.clone();
    }

    public String key() {
        return key;
    }

    public int status() {
        return status;
    }

    public Object[] args() {
        return args.clone();
    }
}
