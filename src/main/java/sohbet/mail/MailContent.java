package sohbet.mail;

/** One composed e-mail: who it goes to, its two parts, and the one-click unsubscribe address. */
public record MailContent(String to, String subject, String text, String html, String unsubscribeUrl) {
}
