package sohbet.app;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import sohbet.desk.auth.PasswordHash;

/**
 * {@code java -jar sohbet.jar hash-password}: reads a password (without echo on a terminal, or one
 * line from standard input) and prints the ADMIN_PASSWORD_HASH value for it.
 */
final class HashPasswordCommand {
    static final int MIN_LENGTH = 10;

    private HashPasswordCommand() {
    }

    static int run(PrintStream out, PrintStream err) {
        String password;
        try {
            Console console = System.console();
            if (console != null) {
                char[] first = console.readPassword("New admin password: ");
                char[] again = console.readPassword("Again: ");
                if (first == null || again == null || !new String(first).equals(new String(again))) {
                    err.println("The two passwords differ; nothing printed.");
                    return 1;
                }
                password = new String(first);
            } else {
                password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            }
        } catch (IOException e) {
            err.println("Could not read the password: " + e.getMessage());
            return 1;
        }
        if (password == null || password.length() < MIN_LENGTH) {
            err.println("Use a password of at least " + MIN_LENGTH + " characters.");
            return 1;
        }
        out.println(PasswordHash.create(password));
        err.println("Set it as ADMIN_PASSWORD_HASH (and remove ADMIN_PASSWORD); signing in ends older sessions.");
        return 0;
    }
}
