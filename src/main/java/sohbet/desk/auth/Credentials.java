package sohbet.desk.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The admin's username and password (plain from ADMIN_PASSWORD, or a PBKDF2 hash), compared in constant time. */
public final class Credentials {
    private final byte[] user;
    private final byte[] password;
    private final String passwordHash;
    private final String tag;

    private Credentials(String username, String password, String passwordHash) {
        this.user = digest(username);
        this.password = password == null ? null : digest(password);
        this.passwordHash = passwordHash;
        this.tag = PasswordHash.tag(username + "\0" + (passwordHash != null ? passwordHash : password));
    }

    public static Credentials plain(String username, String password) {
        return new Credentials(username, password, null);
    }

    public static Credentials hashed(String username, String passwordHash) {
        return new Credentials(username, null, passwordHash);
    }

    public boolean matches(String username, String given) {
        String g = given == null ? "" : given;
        // Both parts always run, so timing tells nothing about which part was wrong.
        boolean u = MessageDigest.isEqual(user, digest(username == null ? "" : username));
        boolean p = passwordHash != null ? PasswordHash.matches(passwordHash, g) : MessageDigest.isEqual(password, digest(g));
        return u & p;
    }

    /** Changes whenever the username or password changes; sessions carry it, so a new password ends them all. */
    public String tag() {
        return tag;
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
