package sohbet.app;

import java.util.Optional;

import sohbet.app.AppConfig.ConfigException;
import sohbet.mail.SmtpSettings;

/**
 * Answers by e-mail: the relay (SMTP_URL), the sender (MAIL_FROM), how long an answer waits for the
 * visitor to read it in the chat first (MAIL_DELAY_SECONDS) and how long further answers are gathered
 * into the same mail (MAIL_BATCH_SECONDS).
 */
public record MailSettings(Optional<SmtpSettings> smtp, Optional<String> from, int delaySeconds, int batchSeconds) {

    static MailSettings from(Env env) {
        return new MailSettings(
                smtp(env.orNull("SMTP_URL")),
                sender(env.orNull("MAIL_FROM"), env.has("SMTP_URL")),
                env.wholeNumber("MAIL_DELAY_SECONDS", 300, 0, 30 * 24 * 3600),
                env.wholeNumber("MAIL_BATCH_SECONDS", 900, 0, 30 * 24 * 3600));
    }

    private static Optional<SmtpSettings> smtp(String url) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(SmtpSettings.parse(url));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("SMTP_URL " + e.getMessage());
        }
    }

    private static Optional<String> sender(String from, boolean smtp) {
        if (smtp && from == null) {
            throw new ConfigException("SMTP_URL is set but MAIL_FROM is not: set MAIL_FROM to the sender address, "
                    + "e.g. MAIL_FROM=\"Example Support <support@example.com>\"");
        }
        if (from != null) {
            try {
                new jakarta.mail.internet.InternetAddress(from, true);
            } catch (jakarta.mail.internet.AddressException e) {
                throw new ConfigException("MAIL_FROM is not an e-mail address ('" + from + "': " + e.getMessage()
                        + "); e.g. support@example.com or \"Example Support <support@example.com>\"");
            }
        }
        return Optional.ofNullable(from);
    }
}
