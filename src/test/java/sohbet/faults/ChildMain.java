package sohbet.faults;

/**
 * The app's own {@code sohbet.app.Main}, run in a child JVM that cannot outlive its test: when the
 * test JVM ends (normally or not) its end of the stdin pipe closes and this process halts; a
 * lifetime cap stops it in any case.
 */
public final class ChildMain {
    private ChildMain() {
    }

    public static void main(String[] args) throws Exception {
        long cap = Long.getLong("sohbet.faults.maxLifeSeconds", 900);
        haltAfter("parent-watch", () -> {
            while (System.in.read() >= 0) {
                // the parent writes nothing; end of stream (or a broken pipe) means it is gone
            }
        });
        haltAfter("lifetime-cap", () -> Thread.sleep(cap * 1000));
        sohbet.app.Main.main(args);
    }

    private interface Wait {
        void run() throws Exception;
    }

    /** Halts the process once {@code wait} returns or fails. */
    private static void haltAfter(String name, Wait wait) {
        Thread.ofPlatform().daemon().name(name).start(() -> {
            try {
                wait.run();
            } catch (Exception ignored) {
                // same as the end of the wait
            }
            Runtime.getRuntime().halt(137);
        });
    }
}
