package sohbet.desk.auth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHashTest {
    @Test
    void hashesVerifyOnlyTheirOwnPasswordAndAreSalted() {
        String a = PasswordHash.create("çok gizli");
        assertTrue(PasswordHash.wellFormed(a));
        assertTrue(PasswordHash.matches(a, "çok gizli"));
        assertFalse(PasswordHash.matches(a, "cok gizli"));
        assertNotEquals(a, PasswordHash.create("çok gizli"));
    }

    @Test
    void credentialsFromAHashCheckUserAndPasswordAndTagChangesWithThePassword() {
        Credentials c = Credentials.hashed("admin", PasswordHash.create("pw-1"));
        assertTrue(c.matches("admin", "pw-1"));
        assertFalse(c.matches("root", "pw-1"));
        assertFalse(c.matches("admin", "pw-2"));
        assertNotEquals(Credentials.plain("admin", "pw-1").tag(), Credentials.plain("admin", "pw-2").tag());
    }
}
