package sohbet.desk.auth;

/** Delivers a sign-in code to the admin (the Telegram bot in production). */
public interface CodeSender {
    /** Sends {@code text}; false when it could not be delivered. */
    boolean send(String text);

    /** Sends the code of sign-in {@code attempt}, so the sender can withdraw it once the attempt ends; false when undelivered. */
    default boolean send(String attempt, String text) {
        return send(text);
    }

    /** Whether a code sent this way really leaves the server (false: written to the log, development only). */
    boolean delivers();
}
