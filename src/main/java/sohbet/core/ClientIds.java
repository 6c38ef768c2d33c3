package sohbet.core;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The key a form sends with each message so a retried post is stored once. One rule for every
 * door: what a valid key looks like, and which key a refused form is handed back with.
 */
public final class ClientIds {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private ClientIds() {
    }

    public static boolean valid(String clientId) {
        return clientId != null && VALID.matcher(clientId).matches();
    }

    /** A new key for a fresh form. */
    public static String fresh() {
        return UUID.randomUUID().toString();
    }

    /**
     * The key a refused form is shown again with: the same one, so sending it again cannot store
     * the message twice, unless it was missing or malformed, then a new one (or it would be refused forever).
     */
    public static String forRetry(String clientId) {
        return valid(clientId) ? clientId : fresh();
    }
}
