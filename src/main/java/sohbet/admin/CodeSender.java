package sohbet.admin;

/** Delivers a sign-in code to the admin (the Telegram bot in production). */
public interface CodeSender {
    /** Sends {@code text}; false when it could not be delivered. */
    boolean send(String text);

    /** Whether a code sent this way really leaves the server (false: written to the log, development only). */
    boolean delivers();
}
