package sohbet.faults;

import java.io.IOException;

/**
 * The app's own {@code sohbet.app.Main}, run in a child JVM that cannot outlive its test: when the
 * test JVM ends (normally or not) its end of the stdin pipe closes and this process halts; a
 * lifetime cap stops it in any case.
 */
public final class ChildMain {
    private ChildMain() {
    }

    public static void main(String[] args) throws Exception {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent writes nothing; end of stream means it is gone
                }
            } catch (IOException ignored) {
                // same as the end of the stream
            }
            Runtime.getRuntime().halt(137);
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
        long cap = Long.getLong("sohbet.faults.maxLifeSeconds", 900);
        Thread limit = new Thread(() -> {
            try {
                Thread.sleep(cap * 1000);
            } catch (InterruptedException ignored) {
                return;
            }
            Runtime.getRuntime().halt(137);
        }, "lifetime-cap");
        limit.setDaemon(true);
        limit.start();
        sohbet.app.Main.main(args);
    }
}
