package sohbet.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The admin's username and password, compared in constant time. */
public final class Credentials {
    private final byte[] user;
    private final byte[] password;

    public Credentials(String username, String password) {
        this.user = digest(username);
        this.password = digest(password);
    }

    public boolean matches(String username, String password) {
        // Both comparisons always run, so timing tells nothing about which part was wrong.
        boolean u = MessageDigest.isEqual(user, digest(username == null ? "" : username));
        boolean p = MessageDigest.isEqual(this.password, digest(password == null ? "" : password));
        return u & p;
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
