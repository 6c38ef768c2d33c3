package sohbet.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** The suite's figures (kills survived, messages checked, inputs tried), printed and appended to faults-logs/summary.txt. */
final class Figures {
    private Figures() {
    }

    static synchronized void record(String scenario, String figures) {
        String line = Instant.now() + " " + scenario + ": " + figures;
        System.out.println("[faults] " + line);
        try {
            Files.writeString(AppProcess.logFolder().resolve("summary.txt"), line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("[faults] cannot write summary: " + e);
        }
    }
}
