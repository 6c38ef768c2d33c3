package sohbet.store;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatabaseUrlTest {
    @Test
    void bothSchemesWithEncodedCredentialsAndDefaultPort() {
        DatabaseUrl a = DatabaseUrl.parse("postgres://sohbet:p%40ss%3Aw%2Frd@db.internal/chat", true);
        assertEquals("jdbc:postgresql://db.internal:5432/chat?sslmode=require", a.jdbcUrl());
        assertEquals("sohbet", a.user());
        assertEquals("p@ss:w/rd", a.password());
        DatabaseUrl b = DatabaseUrl.parse("postgresql://u:pw@10.0.0.5:6543/app?sslmode=disable", true);
        assertEquals("jdbc:postgresql://10.0.0.5:6543/app?sslmode=disable", b.jdbcUrl());
    }

    @Test
    void sslIsPreferredOutsideProductionAndPasswordsAreNeverPrinted() {
        DatabaseUrl u = DatabaseUrl.parse("postgresql://postgres@127.0.0.1/test", false);
        assertEquals("prefer", u.sslMode());
        assertNull(u.password());
        assertThat(DatabaseUrl.parse("postgresql://u:topsecret@h/d", true).toString(), org.hamcrest.Matchers.not(containsString("topsecret")));
    }

    @Test
    void wrongShapesSayWhatIsExpected() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("mysql://u@h/d", true)).getMessage(),
                containsString("postgres://"));
        assertThat(assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("jdbc:postgresql://h/d", true)).getMessage(),
                containsString("not a jdbc: URL"));
    }
}
