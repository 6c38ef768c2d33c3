package sohbet.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignerTest {
    private final Signer signer = new Signer("secret-one");

    @Test
    void verifiesWhatItSigned() {
        assertEquals("42", signer.verify("visitor", signer.sign("visitor", "42")).orElseThrow());
    }

    @Test
    void refusesTamperingOtherPurposesAndOtherKeys() {
        String signed = signer.sign("visitor", "42");
        assertTrue(signer.verify("visitor", signed.replaceFirst("^42", "43")).isEmpty());
        assertTrue(signer.verify("login", signed).isEmpty());
        assertTrue(new Signer("secret-two").verify("visitor", signed).isEmpty());
        assertTrue(signer.verify("visitor", "42").isEmpty());
        assertTrue(signer.verify("visitor", null).isEmpty());
    }
}
