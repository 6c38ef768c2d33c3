package sohbet.desk.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * {@code ADMIN_PASSWORD_HASH} values: {@code pbkdf2-sha256:<iterations>:<salt b64>:<hash b64>}
 * (colons, not dollar signs, so a shell never expands it), made by
 * {@code java -jar sohbet.jar hash-password}. PBKDF2 is in every JDK, so no native library is needed.
 */
public final class PasswordHash {
    static final String PREFIX = "pbkdf2-sha256";
    static final int ITERATIONS = 310_000;

    private PasswordHash() {
    }

    public static String create(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return PREFIX + ":" + ITERATIONS + ":" + b64(salt) + ":" + b64(derive(password, salt, ITERATIONS));
    }

    /** Whether {@code hash} has the shape this class writes (checked at start, so a typo is caught early). */
    public static boolean wellFormed(String hash) {
        String[] p = hash.split(":");
        if (p.length != 4 || !p[0].equals(PREFIX)) {
            return false;
        }
        try {
            return Integer.parseInt(p[1]) >= 10_000 && Base64.getDecoder().decode(p[2]).length >= 8 && Base64.getDecoder().decode(p[3]).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static boolean matches(String hash, String password) {
        String[] p = hash.split(":");
        byte[] salt = Base64.getDecoder().decode(p[2]);
        byte[] expected = Base64.getDecoder().decode(p[3]);
        return MessageDigest.isEqual(expected, derive(password, salt, Integer.parseInt(p[1])));
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().withoutPadding().encodeToString(b);
    }

    /** A short tag of the current credential: sessions made under another password stop working. */
    public static String tag(String secretMaterial) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("credential\0" + secretMaterial).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
