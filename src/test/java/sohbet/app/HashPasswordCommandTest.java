package sohbet.app;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import sohbet.desk.auth.Credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HashPasswordCommandTest {
    private static String[] run(String stdin) {
        InputStream saved = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            int code = HashPasswordCommand.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8).strip(), err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void printsAHashTheAppAcceptsForThatPassword() {
        String[] r = run("güçlü bir şifre 2026\n");
        assertEquals("0", r[0]);
        AppConfig c = AppConfig.from(Map.of("ADMIN_PASSWORD_HASH", r[1]));
        assertTrue(Credentials.hashed(c.admin().username(), c.admin().passwordHash().orElseThrow()).matches("admin", "güçlü bir şifre 2026"));
        assertTrue(!r[1].contains("$"), "no character a shell would expand");
    }

    @Test
    void refusesShortPasswords() {
        String[] r = run("kısa\n");
        assertEquals("1", r[0]);
        assertEquals("", r[1]);
        assertTrue(r[2].contains("at least 10"));
    }
}
