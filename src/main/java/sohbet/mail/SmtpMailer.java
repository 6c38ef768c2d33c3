package sohbet.mail;

import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/** Sends one composed mail over SMTP (Angus Mail), with bounded waits so an unreachable server cannot hang the sender. */
final class SmtpMailer {
    private static final String TIMEOUT_MS = "15000";

    /** Why a send failed, and whether trying again later can help. */
    static final class Failure extends Exception {
        private final boolean permanent;

        Failure(String message, boolean permanent) {
            super(message, null, false, false);
            this.permanent = permanent;
        }

        boolean permanent() {
            return permanent;
        }
    }

    private final SmtpSettings smtp;
    private final InternetAddress from;
    private final Session session;

    SmtpMailer(SmtpSettings smtp, String from) {
        this.smtp = smtp;
        try {
            this.from = new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("MAIL_FROM is not an e-mail address: " + e.getMessage(), e);
        }
        String protocol = smtp.tls() ? "smtps" : "smtp";
        Properties p = new Properties();
        p.put("mail.transport.protocol", protocol);
        String prefix = "mail." + protocol + ".";
        p.put(prefix + "host", smtp.host());
        p.put(prefix + "port", Integer.toString(smtp.port()));
        p.put(prefix + "auth", Boolean.toString(smtp.authenticates()));
        p.put(prefix + "connectiontimeout", TIMEOUT_MS);
        p.put(prefix + "timeout", TIMEOUT_MS);
        p.put(prefix + "writetimeout", TIMEOUT_MS);
        if (smtp.tls()) {
            p.put(prefix + "ssl.checkserveridentity", "true");
        } else {
            // Upgrade to TLS whenever the server offers it; a server that does not (a local relay) is used as is.
            // With a login over a network, TLS is required: a man in the middle could otherwise strip STARTTLS
            // and read the password. A relay on this machine (loopback) is trusted as it is.
            p.put(prefix + "starttls.enable", "true");
            p.put(prefix + "starttls.required", Boolean.toString(smtp.authenticates() && !loopback(smtp.host())));
            p.put(prefix + "ssl.checkserveridentity", "true");
        }
        this.session = Session.getInstance(p);
    }

    /** A loopback address or name, as written (no lookup): traffic to it never leaves the machine. */
    static boolean loopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}") || h.equals("::1");
    }

    void send(MailContent mail) throws Failure {
        MimeMessage message;
        try {
            message = message(mail);
        } catch (AddressException e) {
            throw new Failure("not an e-mail address: " + mail.to(), true);
        } catch (MessagingException e) {
            throw new Failure("cannot build the mail: " + e.getMessage(), true);
        }
        try {
            if (smtp.authenticates()) {
                Transport.send(message, smtp.user(), smtp.password());
            } else {
                Transport.send(message);
            }
        } catch (SendFailedException e) {
            boolean refused = e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0;
            throw new Failure(describe(e), refused);
        } catch (MessagingException e) {
            throw new Failure(describe(e), false);
        }
    }

    private MimeMessage message(MailContent mail) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(from);
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.to(), true));
        message.setSubject(mail.subject(), "UTF-8");
        message.setHeader("List-Unsubscribe", "<" + mail.unsubscribeUrl() + ">");
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.setHeader("Auto-Submitted", "auto-generated");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.setSentDate(new java.util.Date());
        return message;
    }

    /** The failure and its cause in one line (the password is never part of either). */
    private static String describe(MessagingException e) {
        String s = e.getClass().getSimpleName() + ": " + e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            s += " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
        }
        return s.replaceAll("\\s+", " ").strip();
    }
}
